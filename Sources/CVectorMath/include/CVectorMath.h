// Array versions of the formula language's functions for the evaluator: y[i] = f(x[i]) for i in 0..<n.
//
// Every routine is within 1 ulp of the exact value wherever scalar glibc libm is, and gives scalar
// libm's result bit for bit at special arguments (±0, ±inf, NaN, subnormals, overflow and underflow,
// poles and domain edges, huge arguments of sin and cos). `y` may be the same array as `x` (or as
// `a` or `b`) but must not overlap it otherwise. n <= 0 does nothing.
//
// Backends, with the maximum error against a Float80 reference measured by the VectorMath tests
// (log sweep of every binade of both signs, uniform points in the domain, random bit patterns).
// In brackets, the maximum error of glibc 2.36's AVX2 libmvec kernel (_ZGVdN4v_*), measured the
// same way on 2.7 million points by a harness built with -mavx2 -mfma: clang passes __m256d in
// memory to an external function declared only with a target attribute, so calling libmvec
// from a file without -mavx2 hands it whatever is in the ymm registers.
//
//   AVX2 kernel of this target (scalar libm without AVX2 and FMA, for the n % 4 tail, and for
//   special lanes): exp 0.51 [2.86], log 0.73 [1.50], log1p 0.72 [1.56] (the log kernel of
//   1 + u as a double-double), sin 0.68 [3.26], cos 0.67 [3.40] (fdlibm's
//   polynomials; density-48 sweep),
//   sincos (the same as sin and cos), sqrt 0.50 (vsqrtpd, correctly rounded), sinh 0.51 [1.82],
//   cosh 0.51 [1.83], tanh 0.52 [2.12] (series near 0, else the exp kernel's unrounded parts in
//   double-double arithmetic), erf 0.55 (0.76 at subnormal arguments, where it returns scalar
//   erf's bits), erfc 0.55, ndtr (exp(-t^2) times erfcx's Taylor series at the nearest of 337
//   grid points, both as double-doubles; odd series for erf near 0) [libmvec: erf 2.23, erfc
//   2.03]; these
//   take extended precision past their ranges and without AVX2, and pad the n % 4 tail into one
//   more vector.
//
//   libmvec's AVX2 kernel (scalar libm without AVX2 and FMA and for the tail): pow 1.00 (0.997
//   in the tests, 0.998 on 24 million points in the harness); its special values match scalar
//   pow bit for bit in the tests.
//
//   Scalar libm, because the libmvec kernel exceeds 1 ulp: expm1 0.76 [2.43], log2 0.54 [1.94],
//   log10 1.59 [1.93], tan 0.55 [3.10], asin 0.52 [2.53], acos 0.52 [1.71], atan 0.52 [2.46],
//   asinh 1.57 [2.01], acosh 1.90 [2.48], atanh 1.52 [2.01], cbrt 3.19 [2.61],
//   atan2 0.52 [2.71], hypot 0.74 [1.06].
//
//   Scalar libm itself exceeds 1 ulp for log10, sinh (1.73), cosh (1.66), tanh (2.06), asinh,
//   acosh, atanh, erf (1.01), erfc (2.76) and cbrt: that is the best available here, and the
//   routines return it unchanged.
#ifndef CVECTORMATH_H
#define CVECTORMATH_H

/// Whether this CPU has AVX2 and FMA, so the AVX2 kernels run (checked once, then cached).
int symdiff_vec_simd_available(void);

/// Makes glibc's malloc map blocks of its own only from `mapAbove` bytes and return freed
/// memory at the top of the heap only beyond `trimAbove` bytes (`mallopt`).
void symdiff_keep_freed_blocks(long mapAbove, long trimAbove);

/// Folds the CRC-32 (zip's, reflected, without the final inversion) in `*state` over a prefix of
/// `bytes` by carry-less multiplication where the CPU has it; returns the prefix's length, a
/// multiple of 16 (0 without the instructions or below 64 bytes), for the caller to finish.
long symdiff_crc32_fold(unsigned int *state, const unsigned char *bytes, long count);

/// y[i] = e^x[i]; AVX2 kernel, 0.51 ulp.
void symdiff_vec_exp(const double *x, double *y, long n);
/// y[i] = e^x[i] - 1; scalar libm, 0.76 ulp.
void symdiff_vec_expm1(const double *x, double *y, long n);
/// y[i] = natural log of x[i]; AVX2 kernel, 0.73 ulp.
void symdiff_vec_log(const double *x, double *y, long n);
/// y[i] = log(1 + x[i]); AVX2 kernel, 0.72 ulp.
void symdiff_vec_log1p(const double *x, double *y, long n);
/// y[i] = base-2 log of x[i]; scalar libm, 0.54 ulp.
void symdiff_vec_log2(const double *x, double *y, long n);
/// y[i] = base-10 log of x[i]; scalar libm, 1.59 ulp.
void symdiff_vec_log10(const double *x, double *y, long n);
/// y[i] = sin x[i]; AVX2 kernel for |x| <= 1e5, 0.68 ulp.
void symdiff_vec_sin(const double *x, double *y, long n);
/// y[i] = cos x[i]; AVX2 kernel for |x| <= 1e5, 0.67 ulp.
void symdiff_vec_cos(const double *x, double *y, long n);
/// y[i] = tan x[i]; scalar libm, 0.55 ulp.
void symdiff_vec_tan(const double *x, double *y, long n);
/// y[i] = sinh x[i]; AVX2 kernel, 0.51 ulp.
void symdiff_vec_sinh(const double *x, double *y, long n);
/// y[i] = cosh x[i]; AVX2 kernel, 0.51 ulp.
void symdiff_vec_cosh(const double *x, double *y, long n);
/// y[i] = tanh x[i]; AVX2 kernel, 0.52 ulp.
void symdiff_vec_tanh(const double *x, double *y, long n);
/// y[i] = asin x[i]; scalar libm, 0.52 ulp.
void symdiff_vec_asin(const double *x, double *y, long n);
/// y[i] = acos x[i]; scalar libm, 0.52 ulp.
void symdiff_vec_acos(const double *x, double *y, long n);
/// y[i] = atan x[i]; scalar libm, 0.52 ulp.
void symdiff_vec_atan(const double *x, double *y, long n);
/// y[i] = asinh x[i]; scalar libm, 1.57 ulp.
void symdiff_vec_asinh(const double *x, double *y, long n);
/// y[i] = acosh x[i]; scalar libm, 1.90 ulp.
void symdiff_vec_acosh(const double *x, double *y, long n);
/// y[i] = atanh x[i]; scalar libm, 1.52 ulp.
void symdiff_vec_atanh(const double *x, double *y, long n);
/// y[i] = erf x[i]; AVX2 kernel, 0.55 ulp (scalar erf's bits at subnormals).
void symdiff_vec_erf(const double *x, double *y, long n);
/// y[i] = erfc x[i]; AVX2 kernel, 0.55 ulp.
void symdiff_vec_erfc(const double *x, double *y, long n);
/// y[i] = ndtr x[i] = erfc(-x[i]/sqrt(2))/2, the standard normal CDF; AVX2 kernel.
void symdiff_vec_ndtr(const double *x, double *y, long n);
/// y[i] = x[i] - tanh x[i] without its cancellation; AVX2 kernel.
void symdiff_vec_tanhshrink(const double *x, double *y, long n);
/// y[i] = gelu_tanh x[i] = x sigmoid(2 sqrt(2/pi) (x + 0.044715 x^3)); AVX2 kernel.
void symdiff_vec_gelu_tanh(const double *x, double *y, long n);
/// y[i] = cube root of x[i]; scalar libm, 3.19 ulp.
void symdiff_vec_cbrt(const double *x, double *y, long n);
/// y[i] = square root of x[i], correctly rounded; vsqrtpd with AVX2.
void symdiff_vec_sqrt(const double *x, double *y, long n);
/// s[i] = sin x[i] and c[i] = cos x[i], bit for bit what the sin and cos routines give, in one
/// pass. `s` and `c` must not overlap.
void symdiff_vec_sincos(const double *x, double *s, double *c, long n);
/// y[i] = a[i]^b[i]; libmvec AVX2 kernel, 0.998 ulp.
void symdiff_vec_pow(const double *a, const double *b, double *y, long n);
/// y[i] = a[i] + b[i], 4 lanes at a time with AVX2; exact, so the same bits as scalar. y may
/// alias a or b.
void symdiff_vec_add(const double *a, const double *b, double *y, long n);
/// y[i] = a[i] - b[i], as symdiff_vec_add.
void symdiff_vec_subtract(const double *a, const double *b, double *y, long n);
/// y[i] = a[i] * b[i], as symdiff_vec_add.
void symdiff_vec_multiply(const double *a, const double *b, double *y, long n);
/// y[i] = a[i] / b[i], as symdiff_vec_add.
void symdiff_vec_divide(const double *a, const double *b, double *y, long n);
/// y[i] = -a[i], as symdiff_vec_add.
void symdiff_vec_negate(const double *a, double *y, long n);
/// y[i] = 1 / a[i], as symdiff_vec_add.
void symdiff_vec_reciprocal(const double *a, double *y, long n);
/// One row of a running rounding-error bound (SymDiffVerify's BoundSweep): value[i] += x[i]
/// (`sum`) or value[i] *= x[i] (`product`), bound[i] the result's bound given x's bound e[i], a
/// rounding costing `unit` |result| unless the operation was exact on exact operands. The same
/// bits with or without AVX2 (which runs four lanes at a time). The four arrays do not overlap.
void symdiff_bound_sum(double *value, double *bound, const double *x, const double *e, double unit, long n);
void symdiff_bound_product(double *value, double *bound, const double *x, const double *e, double unit, long n);

/// y[i] = ±(±o[0][i] ∘ ... ∘ ±o[k-1][i]): a chain of additions (`multiply` 0) or multiplications,
/// operand j negated where bit j of `negated` is set and the result where bit k is, computed in
/// the order written with sign flips, so bit for bit the separate instructions; AVX2 loops after
/// the CPU check. 2 <= k <= 6 (SYMDIFF_CHAIN_MAX_OPERANDS); y may alias any operand.
void symdiff_vec_chain(int multiply, const double *const *operands, unsigned negated, long k, double *y, long n);
/// y[i] = atan2(a[i], b[i]), the angle of the point (b[i], a[i]); scalar libm, 0.52 ulp.
void symdiff_vec_atan2(const double *a, const double *b, double *y, long n);
/// y[i] = sqrt(a[i]^2 + b[i]^2) without overflow; scalar libm, 0.74 ulp.
void symdiff_vec_hypot(const double *a, const double *b, double *y, long n);

// Whole vectors through a kernel, for native code (`NativeKernel`), which runs only where
// `symdiff_vec_simd_available` holds: no check and no tail (n is a multiple of 4); the same bits
// as the array routines above give.

/// y[i] = exp x[i] for i < n.
void symdiff_group_exp(const double *x, double *y, long n);
/// y[i] = log x[i], as symdiff_group_exp.
void symdiff_group_log(const double *x, double *y, long n);
/// y[i] = log(1 + x[i]), as symdiff_group_exp.
void symdiff_group_log1p(const double *x, double *y, long n);
/// y[i] = sin x[i], as symdiff_group_exp.
void symdiff_group_sin(const double *x, double *y, long n);
/// y[i] = cos x[i], as symdiff_group_exp.
void symdiff_group_cos(const double *x, double *y, long n);
/// s[i] = sin x[i] and c[i] = cos x[i], as symdiff_group_exp.
void symdiff_group_sincos(const double *x, double *s, double *c, long n);

#if defined(__x86_64__)
/// *s = sinl(x) and *c = cosl(x), bit for bit, with one argument reduction (glibc's sincosl).
void symdiff_sincosl(long double x, long double *s, long double *c);
/// *s = sin(x) and *c = cos(x) in extended precision, within an ulp: a three-part Cody-Waite
/// reduction by pi/2 for |x| <= 2^26 and Taylor polynomials (several times faster than
/// sincosl, to which larger, infinite and NaN arguments go).
void symdiff_extended_sincos(long double x, long double *s, long double *c);
#endif

#endif
