// AVX2 kernels of the array routines: four doubles in, four out, special lanes via scalar libm.
#ifndef SYMDIFF_KERNELS_H
#define SYMDIFF_KERNELS_H

#include <immintrin.h>
#include <math.h>

/// Compiles a function for AVX2 and FMA; callers check `symdiff_vec_simd_available` first.
#define AVX2 __attribute__((target("avx2,fma")))

/// `y` with each lane that `special` selects replaced by `scalar` of that lane of `x`, so that
/// the special values are scalar libm's bit for bit.
AVX2 static inline __m256d symdiff_fix_lanes(__m256d y, __m256d x, __m256d special, double (*scalar)(double)) {
    int lanes = _mm256_movemask_pd(special);
    if (lanes == 0) return y;
    double xs[4], ys[4];
    _mm256_storeu_pd(xs, x);
    _mm256_storeu_pd(ys, y);
    for (int lane = 0; lane < 4; lane++)
        if (lanes & (1 << lane)) ys[lane] = scalar(xs[lane]);
    return _mm256_loadu_pd(ys);
}

#include "ExpKernel.h"
#include "LogKernel.h"
#include "TrigKernel.h"
#include "HyperbolicKernel.h"
#include "ErfKernel.h"
#include "ActivationKernel.h"

/// Four lanes at a time through `kernel`, the last one to three padded with zeros into one
/// more vector (so every element gets the kernel's bits); `wide` (extended precision)
/// without AVX2.
#define PADDED_UNARY(f, kernel, wide)                                                    \
    AVX2 static void f##_avx2(const double *x, double *y, long n) {                      \
        long i = 0;                                                                      \
        for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, kernel(_mm256_loadu_pd(x + i))); \
        if (i == n) return;                                                              \
        double in[4] = {0, 0, 0, 0}, out[4];                                             \
        for (long k = i; k < n; k++) in[k - i] = x[k];                                   \
        _mm256_storeu_pd(out, kernel(_mm256_loadu_pd(in)));                              \
        for (long k = i; k < n; k++) y[k] = out[k - i];                                  \
    }                                                                                    \
    SIMD_DISPATCH(f, wide)

/// `symdiff_vec_f`: `f_avx2` where the CPU has AVX2 and FMA, else `scalar` per element.
#define SIMD_DISPATCH(f, scalar)                                                         \
    void symdiff_vec_##f(const double *x, double *y, long n) {                           \
        if (symdiff_vec_simd_available()) {                                              \
            f##_avx2(x, y, n);                                                           \
            return;                                                                      \
        }                                                                                \
        for (long i = 0; i < n; i++) y[i] = scalar(x[i]);                                \
    }


#endif
