// AVX2 kernels of the activations tanhshrink and gelu_tanh, each rounded once from
// double-double parts: their plain forms cancel (x - tanh x near 0) or magnify the rounding of
// an argument (gelu_tanh's cubic in the lower tail).
// Included by Kernels.h; static inline so that each loop calls it without passing vectors in memory.
#ifndef SYMDIFF_ACTIVATION_KERNEL_H
#define SYMDIFF_ACTIVATION_KERNEL_H

/// tanhshrink and gelu_tanh in extended precision, rounded once: NaN, huge and far-tail lanes.
double symdiff_tanhshrink_wide(double x);
double symdiff_gelu_tanh_wide(double x);

/// `x^3` as `cube + *error` (both products' errors by FMA).
AVX2 static inline __m256d symdiff_cube_pair(__m256d x, __m256d *error) {
    __m256d square = _mm256_mul_pd(x, x);
    __m256d cube = _mm256_mul_pd(square, x);
    *error = _mm256_fmadd_pd(_mm256_fmsub_pd(x, x, square), x, _mm256_fmsub_pd(square, x, cube));
    return cube;
}

/// tanhshrink x = x - tanh x within about 1 ulp: below |x| = 0.4 `x^3 (1/3 - x^2 Q(x^2))` from
/// tanh's series (the cube and 1/3 as double-doubles), above `x - tanh_pair(x)` by TwoSum, where
/// the cancellation magnifies tanh_pair's error at most 20 times.
AVX2 static inline __m256d symdiff_tanhshrink_kernel(__m256d x) {
    __m256d sign;
    __m256d a = symdiff_split_sign(x, &sign);
    __m256d square = _mm256_mul_pd(a, a);
    __m256d q = _mm256_set1_pd(symdiff_tanh_series[15]);
    for (int k = 14; k >= 1; k--) q = _mm256_fmadd_pd(q, square, _mm256_set1_pd(symdiff_tanh_series[k]));
    __m256d cubeError;
    __m256d cube = symdiff_cube_pair(a, &cubeError);
    const __m256d third = _mm256_set1_pd(0x1.5555555555555p-2), thirdLow = _mm256_set1_pd(0x1.5555555555555p-56);
    __m256d lead = _mm256_mul_pd(cube, third);
    __m256d rest = _mm256_fnmadd_pd(square, q, thirdLow);
    __m256d tail = _mm256_add_pd(_mm256_fmsub_pd(cube, third, lead), _mm256_fmadd_pd(cube, rest, _mm256_mul_pd(cubeError, third)));
    __m256d series = _mm256_add_pd(lead, tail);

    __m256d tl;
    __m256d th = symdiff_tanh_pair(a, &tl);
    __m256d s = _mm256_sub_pd(a, th);
    __m256d b = _mm256_sub_pd(s, a);
    __m256d error = _mm256_sub_pd(_mm256_sub_pd(a, _mm256_sub_pd(s, b)), _mm256_add_pd(th, b));
    __m256d difference = _mm256_add_pd(s, _mm256_sub_pd(error, tl));

    __m256d small = _mm256_cmp_pd(a, _mm256_set1_pd(0.4), _CMP_LT_OQ);
    __m256d y = _mm256_or_pd(_mm256_blendv_pd(difference, series, small), sign);
    __m256d special = _mm256_cmp_pd(a, _mm256_set1_pd(0x1p50), _CMP_NLT_UQ);
    return symdiff_fix_lanes(y, x, special, symdiff_tanhshrink_wide);
}

/// gelu_tanh x = x sigmoid(z), z = 2 sqrt(2/π) (x + 0.044715 x^3), within about 0.55 ulp: z as
/// a double-double (its rounding, times |z|, would dominate in the lower tail), sigmoid as
/// `N/(1 + e)` with `e = e^(-|z|)` and `N` 1 or `e`, the quotient corrected. Extended precision
/// where z < -700 (the result nears the subnormals), for |x| >= 2^100, and for NaN.
AVX2 static inline __m256d symdiff_gelu_tanh_kernel(__m256d x) {
    // 2 sqrt(2/π) and 0.044715 as double-doubles (mpmath).
    const __m256d c = _mm256_set1_pd(0x1.9884533d43651p+0), cl = _mm256_set1_pd(-0x1.cbc0d30ebfd15p-54);
    const __m256d k = _mm256_set1_pd(0x1.6e4e26d4801f7p-5), kl = _mm256_set1_pd(0x1.441355475a31ap-59);
    __m256d cubeError;
    __m256d cube = symdiff_cube_pair(x, &cubeError);
    __m256d kc = _mm256_mul_pd(k, cube);
    __m256d kcError = _mm256_add_pd(_mm256_fmsub_pd(k, cube, kc), _mm256_fmadd_pd(k, cubeError, _mm256_mul_pd(kl, cube)));
    __m256d u = _mm256_add_pd(x, kc);
    __m256d b = _mm256_sub_pd(u, x);
    __m256d ul = _mm256_add_pd(_mm256_add_pd(_mm256_sub_pd(x, _mm256_sub_pd(u, b)), _mm256_sub_pd(kc, b)), kcError);
    __m256d z = _mm256_mul_pd(c, u);
    __m256d zl = _mm256_add_pd(_mm256_fmsub_pd(c, u, z), _mm256_fmadd_pd(c, ul, _mm256_mul_pd(cl, u)));

    // e = e^(-|z|): from z >= 0 clamped at 40 (sigmoid rounds to 1 there), low part with it.
    __m256d negative = _mm256_cmp_pd(z, _mm256_setzero_pd(), _CMP_LT_OQ);
    __m256d kept = _mm256_or_pd(negative, _mm256_cmp_pd(z, _mm256_set1_pd(40), _CMP_LT_OQ));
    __m256d w = _mm256_blendv_pd(_mm256_max_pd(_mm256_sub_pd(_mm256_setzero_pd(), z), _mm256_set1_pd(-40)), z, negative);
    __m256d wl = _mm256_and_pd(_mm256_blendv_pd(_mm256_sub_pd(_mm256_setzero_pd(), zl), zl, negative), kept);
    __m256d eh, el;
    symdiff_exp_pair(_mm256_max_pd(w, _mm256_set1_pd(-700)), &eh, &el);
    el = _mm256_fmadd_pd(eh, wl, el);
    const __m256d one = _mm256_set1_pd(1);
    __m256d dh = _mm256_add_pd(one, eh);
    __m256d dl = _mm256_add_pd(_mm256_add_pd(_mm256_sub_pd(one, dh), eh), el);
    __m256d nh = _mm256_blendv_pd(one, eh, negative), nl = _mm256_and_pd(el, negative);
    __m256d qc;
    __m256d q = symdiff_quotient_pair(nh, nl, dh, dl, &qc);
    __m256d product = _mm256_mul_pd(x, q);
    __m256d y = _mm256_add_pd(product, _mm256_fmadd_pd(x, qc, _mm256_fmsub_pd(x, q, product)));

    __m256d far = _mm256_cmp_pd(z, _mm256_set1_pd(-700), _CMP_NGE_UQ);
    __m256d huge = _mm256_cmp_pd(_mm256_andnot_pd(_mm256_set1_pd(-0.0), x), _mm256_set1_pd(0x1p100), _CMP_NLT_UQ);
    return symdiff_fix_lanes(y, x, _mm256_or_pd(far, huge), symdiff_gelu_tanh_wide);
}

#endif
