// The array routines of tanhshrink and gelu_tanh: AVX2 kernels (ActivationKernel.h), the tail
// padded into one more vector; extended precision rounded once without AVX2 and for special lanes.
#include "Kernels.h"
#include "CVectorMath.h"

/// x - tanh x in extended precision: below |x| = 0.4 the kernel's series (binary64
/// coefficients: within about 1 ulp), beyond the difference (the special lanes, and every
/// element without AVX2).
double symdiff_tanhshrink_wide(double x) {
    long double a = x;
    if (!(fabsl(a) < 0.4L)) return (double)(a - tanhl(a));
    long double square = a * a, sum = 0;
    for (int k = 15; k >= 0; k--) sum = sum * square - symdiff_tanh_series[k];
    return (double)(sum * square * a);
}

/// x sigmoid(2 sqrt(2/π)(x + 0.044715 x^3)) in extended precision.
double symdiff_gelu_tanh_wide(double x) {
    long double a = x;
    long double z = 2 * sqrtl(2 / 3.14159265358979323846264338327950288L) * (a + 0.044715L * a * a * a);
    long double sigmoid = z >= 0 ? 1 / (1 + expl(-z)) : expl(z) / (1 + expl(z));
    return (double)(isnan(z) ? a + a : a * sigmoid);
}

PADDED_UNARY(tanhshrink, symdiff_tanhshrink_kernel, symdiff_tanhshrink_wide)
PADDED_UNARY(gelu_tanh, symdiff_gelu_tanh_kernel, symdiff_gelu_tanh_wide)
