// The array routines of erf, erfc and ndtr: AVX2 kernels (ErfKernel.h), the tail padded into
// one more vector; extended precision rounded once without AVX2 and for special lanes.
#include "Kernels.h"
#include "CVectorMath.h"

/// glibc's erf at 0 and the subnormals, where its bits are the convention.
double symdiff_erf_wide(double x) { return isnan(x) || fabs(x) < 0x1p-1022 ? erf(x) : (double)erfl(x); }
double symdiff_erfc_wide(double x) { return isnan(x) ? erfc(x) : (double)erfcl(x); }

/// ndtr in extended precision: erfc(-x/√2)/2 with 1/√2's x87 rounding corrected to first
/// order (erfc(t + d) ≈ erfc(t)(1 - 2 t d)); the product's own rounding, 2^-64 relative, costs
/// up to 0.7 ulp where the lower tail's condition number 2t^2 nears 1400.
double symdiff_ndtr_wide(double x) {
    if (isnan(x)) return x + x;
    long double t = -(long double)x * 0.70710678118654752440084436210484904L;
    long double d = -(long double)x * 1.8950325588932570797e-20L;
    return (double)(erfcl(t) * (1 - 2 * t * d) / 2);
}

PADDED_UNARY(erf, symdiff_erf_kernel, symdiff_erf_wide)
PADDED_UNARY(erfc, symdiff_erfc_kernel, symdiff_erfc_wide)
PADDED_UNARY(ndtr, symdiff_ndtr_kernel, symdiff_ndtr_wide)
