// Elementwise arithmetic over arrays, 4 doubles at a time, for the evaluator's registers.
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
