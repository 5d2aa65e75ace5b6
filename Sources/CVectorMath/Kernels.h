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

#endif
