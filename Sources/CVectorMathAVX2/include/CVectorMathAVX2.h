// Array loops over glibc's AVX2 libmvec kernels, for CVectorMath to call once it has checked the CPU.
//
// Each function of this target is compiled for AVX2 by a `#pragma clang attribute` (no -mavx2
// flag, which SwiftPM would count as unsafe). Clang passes __m256d by the flags of the whole
// file, so without -mavx it would pass them to libmvec in memory: libmvec is called through the
// assembly trampolines of LibmvecCalls.S instead. Nothing here runs before a call, so a CPU
// without AVX2 never executes an instruction of this target.
#ifndef CVECTORMATHAVX2_H
#define CVECTORMATHAVX2_H

/// Folds the CRC-32 (zip's, reflected, without the final inversion) in `*state` over the longest
/// prefix of `bytes` that is a multiple of 16 bytes and at least 64, by PCLMULQDQ; returns its length
/// (0 below 64 bytes). Requires PCLMULQDQ and SSE4.1.
long symdiff_pclmul_crc32(unsigned int *state, const unsigned char *bytes, long count);

/// y[i] = pow(a[i], b[i]) through _ZGVdN4vv_pow, the n % 4 tail through scalar pow.
/// Requires AVX2 and FMA.
void symdiff_avx2_pow(const double *a, const double *b, double *y, long n);

/// y[i] = a[i] + b[i]; requires AVX2. y may alias a or b.
void symdiff_avx2_add(const double *a, const double *b, double *y, long n);
/// y[i] = a[i] - b[i]; requires AVX2. y may alias a or b.
void symdiff_avx2_subtract(const double *a, const double *b, double *y, long n);
/// y[i] = a[i] * b[i]; requires AVX2. y may alias a or b.
void symdiff_avx2_multiply(const double *a, const double *b, double *y, long n);
/// y[i] = a[i] / b[i]; requires AVX2. y may alias a or b.
void symdiff_avx2_divide(const double *a, const double *b, double *y, long n);

/// y[i] = -a[i] (sign flip, so -0 and NaN payloads as scalar negation); requires AVX2.
void symdiff_avx2_negate(const double *a, double *y, long n);
/// y[i] = 1 / a[i]; requires AVX2.
void symdiff_avx2_reciprocal(const double *a, double *y, long n);

/// The bound sweep's addition and multiplication rows (`symdiff_bound_sum`,
/// `symdiff_bound_product`); require AVX2 and FMA.
void symdiff_avx2_bound_sum(double *value, double *bound, const double *x, const double *e, double unit, long n);
void symdiff_avx2_bound_product(double *value, double *bound, const double *x, const double *e, double unit, long n);

/// The most operands a chain may have (`symdiff_avx2_chain`, `symdiff_vec_chain`).
#define SYMDIFF_CHAIN_MAX_OPERANDS 6

/// y[i] = ±(±o[0][i] ∘ ±o[1][i] ∘ ... ∘ ±o[k-1][i]), left to right, where ∘ is * if `multiply`
/// and + otherwise, operand j negated if bit j of `negated` is set and the result if bit k is:
/// the same operations in the same order as the instructions it replaces, so the same bits.
/// 2 <= k <= SYMDIFF_CHAIN_MAX_OPERANDS; requires AVX2. y may alias any operand.
void symdiff_avx2_chain(int multiply, const double *const *operands, unsigned negated, long k, double *y, long n);

/// `x` with its sign flipped if `flip`: an xor of the sign bit with a mask known only at run
/// time, so that the compiler cannot turn `a + -b` into `a - b` (which differs in NaN signs).
static inline double symdiff_flip_sign(double x, unsigned flip) {
    union { double value; unsigned long long bits; } u = {x};
    u.bits ^= (unsigned long long)(flip & 1) << 63;
    return u.value;
}

/// The value of a chain (see `symdiff_avx2_chain`) at index i, one element at a time.
static inline double symdiff_scalar_chain(int multiply, const double *const *operands, unsigned negated, long k, long i) {
    double acc = symdiff_flip_sign(operands[0][i], negated);
    for (long j = 1; j < k; j++) {
        double x = symdiff_flip_sign(operands[j][i], negated >> j);
        acc = multiply ? acc * x : acc + x;
    }
    return symdiff_flip_sign(acc, negated >> k);
}

#endif
