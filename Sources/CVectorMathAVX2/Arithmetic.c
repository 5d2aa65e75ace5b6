// Elementwise arithmetic over arrays, 4 doubles at a time, for the evaluator's registers: single
// operations and chains of them.
//
// Built with -mavx2 like the rest of this target and called only after CVectorMath's CPU check.
// Results equal the scalar operations bit for bit (IEEE add, subtract, multiply, divide and
// negation are exact-rounded per lane). y may be the same array as a or b: each lane is read
// before it is written.
#include <immintrin.h>
#include "CVectorMathAVX2.h"

#define SYMDIFF_BINARY_LOOP(name, vector_op, scalar_op)                                  \
    void name(const double *a, const double *b, double *y, long n) {                   \
        long i = 0;                                                                     \
        for (; i + 4 <= n; i += 4) {                                                    \
            __m256d x = _mm256_loadu_pd(a + i);                                         \
            __m256d z = _mm256_loadu_pd(b + i);                                         \
            _mm256_storeu_pd(y + i, vector_op(x, z));                                   \
        }                                                                               \
        for (; i < n; i++) y[i] = a[i] scalar_op b[i];                                  \
    }

SYMDIFF_BINARY_LOOP(symdiff_avx2_add, _mm256_add_pd, +)
SYMDIFF_BINARY_LOOP(symdiff_avx2_subtract, _mm256_sub_pd, -)
SYMDIFF_BINARY_LOOP(symdiff_avx2_multiply, _mm256_mul_pd, *)
SYMDIFF_BINARY_LOOP(symdiff_avx2_divide, _mm256_div_pd, /)

void symdiff_avx2_negate(const double *a, double *y, long n) {
    const __m256d sign = _mm256_set1_pd(-0.0);
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _mm256_xor_pd(_mm256_loadu_pd(a + i), sign));
    for (; i < n; i++) y[i] = -a[i];
}

void symdiff_avx2_reciprocal(const double *a, double *y, long n) {
    const __m256d one = _mm256_set1_pd(1.0);
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _mm256_div_pd(one, _mm256_loadu_pd(a + i)));
    for (; i < n; i++) y[i] = 1.0 / a[i];
}

// MARK: - Chains

/// One chain loop for `k` operands; inlined into `symdiff_avx2_chain` with `k` and `multiply`
/// constant, so the operand loop unrolls and the accumulator stays in a register. Signs are
/// xor masks (0 or -0.0) made at run time, as exact as the negate instructions they replace.
static inline __attribute__((always_inline)) void chain_loop(
    int multiply, const double *const *operands, unsigned negated, long k, double *y, long n) {
    const double *o[SYMDIFF_CHAIN_MAX_OPERANDS];
    __m256d sign[SYMDIFF_CHAIN_MAX_OPERANDS];
    for (long j = 0; j < k; j++) {
        o[j] = operands[j];
        sign[j] = _mm256_set1_pd(symdiff_flip_sign(0.0, negated >> j));
    }
    const __m256d result_sign = _mm256_set1_pd(symdiff_flip_sign(0.0, negated >> k));
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d acc = _mm256_xor_pd(_mm256_loadu_pd(o[0] + i), sign[0]);
        for (long j = 1; j < k; j++) {
            __m256d x = _mm256_xor_pd(_mm256_loadu_pd(o[j] + i), sign[j]);
            acc = multiply ? _mm256_mul_pd(acc, x) : _mm256_add_pd(acc, x);
        }
        _mm256_storeu_pd(y + i, _mm256_xor_pd(acc, result_sign));
    }
    for (; i < n; i++) y[i] = symdiff_scalar_chain(multiply, operands, negated, k, i);
}

void symdiff_avx2_chain(int multiply, const double *const *operands, unsigned negated, long k, double *y, long n) {
    switch (k) {
#define SYMDIFF_CHAIN_CASE(K)                                                            \
    case K:                                                                             \
        if (multiply) chain_loop(1, operands, negated, K, y, n);                        \
        else chain_loop(0, operands, negated, K, y, n);                                 \
        return;
        SYMDIFF_CHAIN_CASE(2)
        SYMDIFF_CHAIN_CASE(3)
        SYMDIFF_CHAIN_CASE(4)
        SYMDIFF_CHAIN_CASE(5)
        SYMDIFF_CHAIN_CASE(6)
#undef SYMDIFF_CHAIN_CASE
    default:
        for (long i = 0; i < n; i++) y[i] = symdiff_scalar_chain(multiply, operands, negated, k, i);
    }
}
