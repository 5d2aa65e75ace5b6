// The array routines of tanh, cosh and sinh: AVX2 kernels (HyperbolicKernel.h), with the tail
// padded into one more vector; extended precision rounded once without AVX2.
#include "Kernels.h"
#include "CVectorMath.h"

double symdiff_tanh_series[16];

/// tanh's Taylor coefficients from `t' = 1 - t^2`: `(n + 1) a_(n+1) = -Σ_(i+j=n) a_i a_j`
/// over odd `i`, `j`, in extended precision.
__attribute__((constructor)) static void tanh_series_init(void) {
    long double a[34] = {0};
    a[1] = 1;
    for (int n = 2; n < 33; n += 2) {
        long double sum = 0;
        for (int i = 1; i < n; i += 2) sum += a[i] * a[n - i];
        a[n + 1] = -sum / (n + 1);
    }
    for (int k = 0; k < 16; k++) symdiff_tanh_series[k] = (double)a[2 * k + 3];
}

double symdiff_cosh_wide(double x) { return isnan(x) ? cosh(x) : (double)coshl(x); }
double symdiff_sinh_wide(double x) { return isnan(x) ? sinh(x) : (double)sinhl(x); }
static double tanh_wide(double x) { return isnan(x) ? tanh(x) : (double)tanhl(x); }

PADDED_UNARY(tanh, symdiff_tanh_kernel, tanh_wide)
PADDED_UNARY(cosh, symdiff_cosh_kernel, symdiff_cosh_wide)
PADDED_UNARY(sinh, symdiff_sinh_kernel, symdiff_sinh_wide)
