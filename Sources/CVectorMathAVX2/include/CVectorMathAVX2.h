// Array loops over glibc's AVX2 libmvec kernels, for CVectorMath to call once it has checked the CPU.
//
// This target is built with -mavx2 -mfma, so __m256d arguments travel in ymm registers as libmvec
// expects; a file built without them passes them in memory even to a function declared with
// __attribute__((target("avx2"))). Nothing here runs before a call, so a CPU without AVX2 never
// executes an instruction of this target.
#ifndef CVECTORMATHAVX2_H
#define CVECTORMATHAVX2_H

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

#endif
