// Hand-fused loops for the f1 benchmarks: one pass, values in registers, glibc's AVX2 libmvec.
#include "HandFused.h"

#include <immintrin.h>

__m256d _ZGVdN4v_exp(__m256d x);
__m256d _ZGVdN4v_sin(__m256d x);
__m256d _ZGVdN4v_cos(__m256d x);

int hand_fused_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/// With e = exp(-x1 x2), s = sin x2, c = cos x2 and q = 1 + x1^2:
/// g1 = s e x1 (2 - x1 x2) + 2 x1 / q and g2 = x1^2 e (c - x1 s).
void hand_fused_f1_gradient(const double *x1, const double *x2, double *g1, double *g2, long n) {
    const __m256d two = _mm256_set1_pd(2), one = _mm256_set1_pd(1);
    for (long i = 0; i < n; i += 4) {
        __m256d a = _mm256_loadu_pd(x1 + i), b = _mm256_loadu_pd(x2 + i);
        __m256d ab = _mm256_mul_pd(a, b);
        __m256d e = _ZGVdN4v_exp(_mm256_sub_pd(_mm256_setzero_pd(), ab));
        __m256d s = _ZGVdN4v_sin(b), c = _ZGVdN4v_cos(b);
        __m256d se = _mm256_mul_pd(s, e), a2 = _mm256_mul_pd(a, a);
        __m256d q = _mm256_add_pd(one, a2);
        __m256d first = _mm256_mul_pd(_mm256_mul_pd(se, a), _mm256_sub_pd(two, ab));
        _mm256_storeu_pd(g1 + i, _mm256_add_pd(first, _mm256_div_pd(_mm256_mul_pd(two, a), q)));
        _mm256_storeu_pd(g2 + i, _mm256_mul_pd(_mm256_mul_pd(a2, e), _mm256_fnmadd_pd(a, s, c)));
    }
}

/// As above, and h11 = s e (2 - 4 x1 x2 + x1^2 x2^2) + 2 (1 - x1^2) / q^2,
/// h12 = e ((c - x1 s)(2 x1 - x1^2 x2) - x1^2 s), h22 = x1^2 e (x1^2 s - s - 2 x1 c).
void hand_fused_f1_hessian(const double *x1, const double *x2, double *g1, double *g2, double *h11, double *h12,
                           double *h22, long n) {
    const __m256d two = _mm256_set1_pd(2), one = _mm256_set1_pd(1), four = _mm256_set1_pd(4);
    for (long i = 0; i < n; i += 4) {
        __m256d a = _mm256_loadu_pd(x1 + i), b = _mm256_loadu_pd(x2 + i);
        __m256d ab = _mm256_mul_pd(a, b);
        __m256d e = _ZGVdN4v_exp(_mm256_sub_pd(_mm256_setzero_pd(), ab));
        __m256d s = _ZGVdN4v_sin(b), c = _ZGVdN4v_cos(b);
        __m256d se = _mm256_mul_pd(s, e), a2 = _mm256_mul_pd(a, a), a2e = _mm256_mul_pd(a2, e);
        __m256d q = _mm256_add_pd(one, a2);
        __m256d cs = _mm256_fnmadd_pd(a, s, c);
        __m256d first = _mm256_mul_pd(_mm256_mul_pd(se, a), _mm256_sub_pd(two, ab));
        _mm256_storeu_pd(g1 + i, _mm256_add_pd(first, _mm256_div_pd(_mm256_mul_pd(two, a), q)));
        _mm256_storeu_pd(g2 + i, _mm256_mul_pd(a2e, cs));
        __m256d poly = _mm256_fmadd_pd(ab, ab, _mm256_fnmadd_pd(four, ab, two));
        __m256d rational = _mm256_div_pd(_mm256_mul_pd(two, _mm256_sub_pd(one, a2)), _mm256_mul_pd(q, q));
        _mm256_storeu_pd(h11 + i, _mm256_fmadd_pd(se, poly, rational));
        __m256d lin = _mm256_mul_pd(a, _mm256_sub_pd(two, ab));
        _mm256_storeu_pd(h12 + i, _mm256_mul_pd(e, _mm256_fmsub_pd(cs, lin, _mm256_mul_pd(a2, s))));
        __m256d inner = _mm256_fmsub_pd(a2, s, _mm256_fmadd_pd(_mm256_mul_pd(two, a), c, s));
        _mm256_storeu_pd(h22 + i, _mm256_mul_pd(a2e, inner));
    }
}

/// g_i = 200 (x_i - x_{i-1}^2) [i > 0] - 400 x_i (x_{i+1} - x_i^2) - 2 (1 - x_i) [i < d - 1].
void hand_fused_rosenbrock_gradient(const double *const *x, double *const *g, long d, long n) {
    const __m256d two = _mm256_set1_pd(2), one = _mm256_set1_pd(1);
    const __m256d c200 = _mm256_set1_pd(200), c400 = _mm256_set1_pd(400);
    for (long i = 0; i < n; i += 4) {
        __m256d previous_gap = _mm256_setzero_pd();
        __m256d xi = _mm256_loadu_pd(x[0] + i);
        for (long k = 0; k < d; k++) {
            __m256d gk = _mm256_mul_pd(c200, previous_gap);
            if (k + 1 < d) {
                __m256d next = _mm256_loadu_pd(x[k + 1] + i);
                __m256d gap = _mm256_fnmadd_pd(xi, xi, next);
                gk = _mm256_fnmadd_pd(_mm256_mul_pd(c400, xi), gap, gk);
                gk = _mm256_fnmadd_pd(two, _mm256_sub_pd(one, xi), gk);
                previous_gap = gap;
                xi = next;
            }
            _mm256_storeu_pd(g[k] + i, gk);
        }
    }
}
