// The array routines: AVX2 kernels (own, or libmvec for pow) where one is within 1 ulp, scalar libm elsewhere.
#include "CVectorMath.h"
#include "CVectorMathAVX2.h"
#include "Kernels.h"
#include "BoundRows.h"

#include <math.h>
#include <stdatomic.h>

// MARK: - CPU dispatch

/// `check()`, evaluated once and cached in `state` (0: not yet, 1: yes, 2: no); racing first
/// calls store the same value.
static int cached_cpu_check(atomic_int *state, int (*check)(void)) {
    int known = atomic_load_explicit(state, memory_order_relaxed);
    if (known == 0) {
        __builtin_cpu_init();
        known = check() ? 1 : 2;
        atomic_store_explicit(state, known, memory_order_relaxed);
    }
    return known == 1;
}

static int has_avx2_and_fma(void) { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }

static int has_carryless_multiplication(void) {
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
}

int symdiff_vec_simd_available(void) {
    static atomic_int state;
    return cached_cpu_check(&state, has_avx2_and_fma);
}

long symdiff_crc32_fold(unsigned int *state, const unsigned char *bytes, long count) {
    static atomic_int known;
    return cached_cpu_check(&known, has_carryless_multiplication) ? symdiff_pclmul_crc32(state, bytes, count) : 0;
}

void symdiff_bound_sum(double *value, double *bound, const double *x, const double *e, double unit, long n) {
    if (symdiff_vec_simd_available()) {
        symdiff_avx2_bound_sum(value, bound, x, e, unit, n);
    } else {
        symdiff_bound_sum_loop(value, bound, x, e, unit, n);
    }
}

void symdiff_bound_product(double *value, double *bound, const double *x, const double *e, double unit, long n) {
    if (symdiff_vec_simd_available()) {
        symdiff_avx2_bound_product(value, bound, x, e, unit, n);
    } else {
        symdiff_bound_product_loop(value, bound, x, e, unit, n);
    }
}

// MARK: - Loop shapes

/// A scalar libm loop: the routine for functions without a kernel within 1 ulp.
#define SCALAR_UNARY(f)                                                                  \
    void symdiff_vec_##f(const double *x, double *y, long n) {                           \
        for (long i = 0; i < n; i++) y[i] = f(x[i]);                                     \
    }

/// Four lanes at a time through `kernel`, the tail through scalar libm; scalar without AVX2.
#define VECTOR_UNARY(f, kernel)                                                          \
    AVX2 static void f##_avx2(const double *x, double *y, long n) {                      \
        long i = 0;                                                                      \
        for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, kernel(_mm256_loadu_pd(x + i))); \
        for (; i < n; i++) y[i] = f(x[i]);                                               \
    }                                                                                    \
    SIMD_DISPATCH(f, f)

/// A scalar libm loop over two arguments.
#define SCALAR_BINARY(f)                                                                 \
    void symdiff_vec_##f(const double *a, const double *b, double *y, long n) {          \
        for (long i = 0; i < n; i++) y[i] = f(a[i], b[i]);                               \
    }

// MARK: - Routines

// glibc 2.36's AVX2 libmvec kernels for these exceed 1 ulp (measurements in the header), so
// they are scalar libm.
SCALAR_UNARY(expm1)
SCALAR_UNARY(log2)
SCALAR_UNARY(log10)
SCALAR_UNARY(tan)
SCALAR_UNARY(asin)
SCALAR_UNARY(acos)
SCALAR_UNARY(atan)
SCALAR_UNARY(asinh)
SCALAR_UNARY(acosh)
SCALAR_UNARY(atanh)
SCALAR_UNARY(cbrt)
SCALAR_BINARY(atan2)
SCALAR_BINARY(hypot)

// vsqrtpd rounds correctly, as the sqrtsd of scalar sqrt does.
VECTOR_UNARY(sqrt, _mm256_sqrt_pd)
VECTOR_UNARY(exp, symdiff_exp_kernel)
VECTOR_UNARY(log, symdiff_log_kernel)
VECTOR_UNARY(log1p, symdiff_log1p_kernel)
VECTOR_UNARY(sin, symdiff_sin_kernel)
VECTOR_UNARY(cos, symdiff_cos_kernel)

AVX2 static void sincos_avx2(const double *x, double *s, double *c, long n) {
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d sine, cosine;
        symdiff_sincos_kernel(_mm256_loadu_pd(x + i), &sine, &cosine);
        _mm256_storeu_pd(s + i, sine);
        _mm256_storeu_pd(c + i, cosine);
    }
    for (; i < n; i++) {
        s[i] = sin(x[i]);
        c[i] = cos(x[i]);
    }
}

// MARK: - Whole vectors for native code

#define GROUP_UNARY(f, kernel)                                                           \
    AVX2 void symdiff_group_##f(const double *x, double *y, long n) {                    \
        for (long i = 0; i < n; i += 4) _mm256_storeu_pd(y + i, kernel(_mm256_loadu_pd(x + i))); \
    }

GROUP_UNARY(exp, symdiff_exp_kernel)
GROUP_UNARY(log, symdiff_log_kernel)
GROUP_UNARY(log1p, symdiff_log1p_kernel)
GROUP_UNARY(sin, symdiff_sin_kernel)
GROUP_UNARY(cos, symdiff_cos_kernel)

AVX2 void symdiff_group_sincos(const double *x, double *s, double *c, long n) {
    for (long i = 0; i < n; i += 4) {
        __m256d sine, cosine;
        symdiff_sincos_kernel(_mm256_loadu_pd(x + i), &sine, &cosine);
        _mm256_storeu_pd(s + i, sine);
        _mm256_storeu_pd(c + i, cosine);
    }
}

void symdiff_vec_pow(const double *a, const double *b, double *y, long n) {
    if (symdiff_vec_simd_available()) {
        symdiff_avx2_pow(a, b, y, n);
        return;
    }
    for (long i = 0; i < n; i++) y[i] = pow(a[i], b[i]);
}

void symdiff_vec_sincos(const double *x, double *s, double *c, long n) {
    if (symdiff_vec_simd_available()) {
        sincos_avx2(x, s, c, n);
        return;
    }
    for (long i = 0; i < n; i++) {
        s[i] = sin(x[i]);
        c[i] = cos(x[i]);
    }
}

// Elementwise arithmetic: the AVX2 loops after the CPU check, plain loops otherwise.
#define SYMDIFF_ARITHMETIC(name, avx2, scalar_op)                                        \
    void name(const double *a, const double *b, double *y, long n) {                   \
        if (symdiff_vec_simd_available()) {                                             \
            avx2(a, b, y, n);                                                           \
            return;                                                                     \
        }                                                                               \
        for (long i = 0; i < n; i++) y[i] = a[i] scalar_op b[i];                        \
    }

SYMDIFF_ARITHMETIC(symdiff_vec_add, symdiff_avx2_add, +)
SYMDIFF_ARITHMETIC(symdiff_vec_subtract, symdiff_avx2_subtract, -)
SYMDIFF_ARITHMETIC(symdiff_vec_multiply, symdiff_avx2_multiply, *)
SYMDIFF_ARITHMETIC(symdiff_vec_divide, symdiff_avx2_divide, /)

void symdiff_vec_negate(const double *a, double *y, long n) {
    if (symdiff_vec_simd_available()) {
        symdiff_avx2_negate(a, y, n);
        return;
    }
    for (long i = 0; i < n; i++) y[i] = -a[i];
}

void symdiff_vec_reciprocal(const double *a, double *y, long n) {
    if (symdiff_vec_simd_available()) {
        symdiff_avx2_reciprocal(a, y, n);
        return;
    }
    for (long i = 0; i < n; i++) y[i] = 1.0 / a[i];
}

void symdiff_vec_chain(int multiply, const double *const *operands, unsigned negated, long k, double *y, long n) {
    if (symdiff_vec_simd_available()) {
        symdiff_avx2_chain(multiply, operands, negated, k, y, n);
        return;
    }
    for (long i = 0; i < n; i++) y[i] = symdiff_scalar_chain(multiply, operands, negated, k, i);
}
