// The array routines of tanh, cosh and sinh: AVX2 kernels (HyperbolicKernel.h), with the tail
// padded into one more vector; extended precision rounded once without AVX2.
#include "Kernels.h"
#include "CVectorMath.h"

double symdiff_tanh_series[13];

/// tanh's Taylor coefficients from `t' = 1 - t^2`: `(n + 1) a_(n+1) = -Σ_(i+j=n) a_i a_j`
/// over odd `i`, `j`, in extended precision.
__attribute__((constructor)) static void tanh_series_init(void) {
    long double a[28] = {0};
    a[1] = 1;
    for (int n = 2; n < 27; n += 2) {
        long double sum = 0;
        for (int i = 1; i < n; i += 2) sum += a[i] * a[n - i];
        a[n + 1] = -sum / (n + 1);
    }
    for (int k = 0; k < 13; k++) symdiff_tanh_series[k] = (double)a[2 * k + 3];
}

double symdiff_cosh_wide(double x) { return isnan(x) ? cosh(x) : (double)coshl(x); }
double symdiff_sinh_wide(double x) { return isnan(x) ? sinh(x) : (double)sinhl(x); }
static double tanh_wide(double x) { return isnan(x) ? tanh(x) : (double)tanhl(x); }

/// Four lanes at a time through `kernel`, the last one to three padded with zeros into one
/// more vector (so every element gets the kernel's bits); extended precision without AVX2.
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
    void symdiff_vec_##f(const double *x, double *y, long n) {                           \
        if (symdiff_vec_simd_available()) {                                              \
            f##_avx2(x, y, n);                                                           \
            return;                                                                      \
        }                                                                                \
        for (long i = 0; i < n; i++) y[i] = wide(x[i]);                                  \
    }

PADDED_UNARY(tanh, symdiff_tanh_kernel, tanh_wide)
PADDED_UNARY(cosh, symdiff_cosh_kernel, symdiff_cosh_wide)
PADDED_UNARY(sinh, symdiff_sinh_kernel, symdiff_sinh_wide)
