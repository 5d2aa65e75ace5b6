// Elementwise arithmetic over arrays, 4 doubles at a time, for the evaluator's registers: single
// operations and chains of them.
//
// Compiled for AVX2 like the rest of this target and called only after CVectorMath's CPU check.
// Results equal the scalar operations bit for bit (IEEE add, subtract, multiply, divide and
// negation are exact-rounded per lane). y may be the same array as a or b: each lane is read
// before it is written.
//
// Which NaN an operation on two NaNs returns depends on operand order: x86 returns the first
// source's (sign and payload), and the native kernels keep the interpreter's order. LLVM treats
// addition and multiplication as commutative: its assembler swaps the sources of vaddpd and
// vmulpd when that allows the two-byte VEX prefix (second source in ymm8-15, first in ymm0-7),
// which turned a six-operand chain's last `acc + o5` into `o5 + acc`; and it vectorized the
// scalar tail of a chain with the operands of `x + -y` swapped. So addition and multiplication
// are inline assembly with the {vex3} prefix, which keeps the order as written, and a tail of
// n % 4 values runs as one more group through masked loads (lanes past the end read as 0) and a
// masked store, never as scalar code. A value thus gets the same bits wherever it sits, and the
// bits of the native kernels.
// Every function here is compiled for AVX2 (the target has no -mavx2 flag: SwiftPM refuses
// unsafeFlags in a package used as a versioned dependency).
#pragma clang attribute push(__attribute__((target("avx2,fma,pclmul"))), apply_to = function)
#include <immintrin.h>
#include "CVectorMathAVX2.h"

/// a + b with `a` as the first source (3-byte VEX, so the assembler cannot swap the sources):
/// the result is a's NaN when both are NaN.
static inline __attribute__((always_inline)) __m256d add_in_order(__m256d a, __m256d b) {
    __m256d y;
    __asm__("%{vex3%} vaddpd %2, %1, %0" : "=x"(y) : "x"(a), "x"(b));
    return y;
}

/// a * b with `a` as the first source, as `add_in_order`.
static inline __attribute__((always_inline)) __m256d multiply_in_order(__m256d a, __m256d b) {
    __m256d y;
    __asm__("%{vex3%} vmulpd %2, %1, %0" : "=x"(y) : "x"(a), "x"(b));
    return y;
}

/// The mask of the first `count` (1 to 3) of four lanes, for masked loads and stores.
static inline __m256i tail_mask(long count) {
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(count), _mm256_setr_epi64x(0, 1, 2, 3));
}

// The loops over whole groups are unrolled by an explicit count: clang does not unroll a loop
// around inline assembly by itself (an addition loop ran at half speed, 0.17 ns per element
// instead of 0.09, in cache).
#define SYMDIFF_BINARY_LOOP(name, vector_op)                                             \
    void name(const double *a, const double *b, double *y, long n) {                   \
        long i = 0;                                                                     \
        _Pragma("clang loop unroll_count(4)")                                           \
        for (; i + 4 <= n; i += 4) {                                                    \
            __m256d x = _mm256_loadu_pd(a + i);                                         \
            __m256d z = _mm256_loadu_pd(b + i);                                         \
            _mm256_storeu_pd(y + i, vector_op(x, z));                                   \
        }                                                                               \
        if (i == n) return;                                                             \
        const __m256i mask = tail_mask(n - i);                                          \
        __m256d x = _mm256_maskload_pd(a + i, mask);                                    \
        __m256d z = _mm256_maskload_pd(b + i, mask);                                    \
        _mm256_maskstore_pd(y + i, mask, vector_op(x, z));                              \
    }

SYMDIFF_BINARY_LOOP(symdiff_avx2_add, add_in_order)
SYMDIFF_BINARY_LOOP(symdiff_avx2_subtract, _mm256_sub_pd)
SYMDIFF_BINARY_LOOP(symdiff_avx2_multiply, multiply_in_order)
SYMDIFF_BINARY_LOOP(symdiff_avx2_divide, _mm256_div_pd)

void symdiff_avx2_negate(const double *a, double *y, long n) {
    const __m256d sign = _mm256_set1_pd(-0.0);
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _mm256_xor_pd(_mm256_loadu_pd(a + i), sign));
    if (i == n) return;
    const __m256i mask = tail_mask(n - i);
    _mm256_maskstore_pd(y + i, mask, _mm256_xor_pd(_mm256_maskload_pd(a + i, mask), sign));
}

void symdiff_avx2_reciprocal(const double *a, double *y, long n) {
    const __m256d one = _mm256_set1_pd(1.0);
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _mm256_div_pd(one, _mm256_loadu_pd(a + i)));
    if (i == n) return;
    const __m256i mask = tail_mask(n - i);
    _mm256_maskstore_pd(y + i, mask, _mm256_div_pd(one, _mm256_maskload_pd(a + i, mask)));
}

// MARK: - Chains

/// The chain over the four lanes at `i` of each operand: plain loads, or masked ones (`masked`,
/// constant after inlining) for a tail.
static inline __attribute__((always_inline)) __m256d chain_group(
    int multiply, const double *const *o, const __m256d *sign, long k, long i, int masked, __m256i mask) {
    __m256d acc = _mm256_xor_pd(masked ? _mm256_maskload_pd(o[0] + i, mask) : _mm256_loadu_pd(o[0] + i), sign[0]);
    for (long j = 1; j < k; j++) {
        __m256d x = _mm256_xor_pd(masked ? _mm256_maskload_pd(o[j] + i, mask) : _mm256_loadu_pd(o[j] + i), sign[j]);
        acc = multiply ? multiply_in_order(acc, x) : add_in_order(acc, x);
    }
    return acc;
}

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
    const __m256i all = _mm256_set1_epi64x(-1);
    long i = 0;
#pragma clang loop unroll_count(4)
    for (; i + 4 <= n; i += 4)
        _mm256_storeu_pd(y + i, _mm256_xor_pd(chain_group(multiply, o, sign, k, i, 0, all), result_sign));
    if (i == n) return;
    const __m256i mask = tail_mask(n - i);
    _mm256_maskstore_pd(y + i, mask, _mm256_xor_pd(chain_group(multiply, o, sign, k, i, 1, mask), result_sign));
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

#pragma clang attribute pop
