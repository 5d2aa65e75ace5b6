// AVX2 kernels of tanh, cosh and sinh within 1 ulp: series near 0, elsewhere the exp kernel's
// unrounded parts combined in double-double arithmetic and rounded once.
// Included by Kernels.h; static inline so that each loop calls it without passing vectors in memory.
#ifndef SYMDIFF_HYPERBOLIC_KERNEL_H
#define SYMDIFF_HYPERBOLIC_KERNEL_H

/// tanh's odd Taylor coefficients of x^3, x^5, ..., x^33 (Hyperbolic.c): below |x| = 1/4 the
/// term after x^27 is under 2^-60 of x; tanhshrink takes all 16 up to |x| = 0.4.
extern double symdiff_tanh_series[16];

/// `|x|`, and its sign bit in `sign`.
AVX2 static inline __m256d symdiff_split_sign(__m256d x, __m256d *sign) {
    *sign = _mm256_and_pd(x, _mm256_set1_pd(-0.0));
    return _mm256_andnot_pd(_mm256_set1_pd(-0.0), x);
}

/// `a + a^3 (c_0 + c_1 a^2 + ...)` for the `count` coefficients `c` by Horner's rule: the
/// correction's rounding is below 2^-55 of `a` where `a^2 c_0` is below 1/8.
AVX2 static inline __m256d symdiff_odd_series(__m256d a, const double *c, int count) {
    __m256d square = _mm256_mul_pd(a, a);
    __m256d p = _mm256_set1_pd(c[count - 1]);
    for (int k = count - 2; k >= 0; k--) p = _mm256_fmadd_pd(p, square, _mm256_set1_pd(c[k]));
    return _mm256_fmadd_pd(_mm256_mul_pd(a, square), p, a);
}

/// e^a as `scale * (high + low)`, `high + low` a double-double in [1, 2] and `scale` a power of
/// 2 (for |a| <= 704): the exp parts added by Fast2Sum (`tail` is below 2^-7 of `hi`).
AVX2 static inline __m256d symdiff_exp_pair_unscaled(__m256d a, __m256d *high, __m256d *low) {
    __m256d hi, tail;
    __m256d scale = symdiff_exp_parts(a, &hi, &tail);
    *high = _mm256_add_pd(hi, tail);
    *low = _mm256_sub_pd(tail, _mm256_sub_pd(*high, hi));
    return scale;
}

/// e^a as a double-double `high + low`, `high` its rounding (for |a| <= 704).
AVX2 static inline void symdiff_exp_pair(__m256d a, __m256d *high, __m256d *low) {
    __m256d scale = symdiff_exp_pair_unscaled(a, high, low);
    *high = _mm256_mul_pd(*high, scale);
    *low = _mm256_mul_pd(*low, scale);
}

/// `1/(high + low)` as `inverse + correction`: the residual of `1/high` is exact by FMA.
AVX2 static inline __m256d symdiff_reciprocal_pair(__m256d high, __m256d low, __m256d *correction) {
    __m256d inverse = _mm256_div_pd(_mm256_set1_pd(1), high);
    __m256d residual = _mm256_fnmadd_pd(inverse, high, _mm256_set1_pd(1));
    *correction = _mm256_div_pd(_mm256_fnmadd_pd(inverse, low, residual), high);
    return inverse;
}

/// `(nh + nl)/(dh + dl)` as `q + *correction`: the quotient of the leading parts corrected by
/// its residual, exact by FMA, and the low parts (first order in them).
AVX2 static inline __m256d symdiff_quotient_pair(__m256d nh, __m256d nl, __m256d dh, __m256d dl, __m256d *correction) {
    __m256d q = _mm256_div_pd(nh, dh);
    __m256d residual = _mm256_add_pd(_mm256_fnmadd_pd(q, dh, nh), _mm256_fnmadd_pd(q, dl, nl));
    *correction = _mm256_div_pd(residual, dh);
    return q;
}

/// tanh a for a >= 0 as `high + *low`: `(1 - e)/(1 + e)` with `e = e^(-2a)` kept as a
/// double-double (a clamped to 40, where tanh rounds to 1); NaN stays NaN.
AVX2 static inline __m256d symdiff_tanh_pair(__m256d a, __m256d *low) {
    // min returns its second operand when one is NaN.
    __m256d clamped = _mm256_min_pd(_mm256_set1_pd(40), a);
    __m256d eh, el;
    symdiff_exp_pair(_mm256_mul_pd(_mm256_set1_pd(-2), clamped), &eh, &el);
    const __m256d one = _mm256_set1_pd(1);
    // e <= 1: both sums are Fast2Sum, exact with their errors.
    __m256d nh = _mm256_sub_pd(one, eh);
    __m256d nl = _mm256_sub_pd(_mm256_sub_pd(_mm256_sub_pd(one, nh), eh), el);
    __m256d dh = _mm256_add_pd(one, eh);
    __m256d dl = _mm256_add_pd(_mm256_add_pd(_mm256_sub_pd(one, dh), eh), el);
    return symdiff_quotient_pair(nh, nl, dh, dl, low);
}

/// tanh x within 0.52 ulp: the odd series below |x| = 1/4, else `tanh_pair` rounded once.
/// NaN lanes through scalar tanh.
AVX2 static inline __m256d symdiff_tanh_kernel(__m256d x) {
    __m256d sign;
    __m256d a = symdiff_split_sign(x, &sign);
    __m256d series = symdiff_odd_series(a, symdiff_tanh_series, 13);
    __m256d low;
    __m256d high = symdiff_tanh_pair(a, &low);
    __m256d small = _mm256_cmp_pd(a, _mm256_set1_pd(0.25), _CMP_LT_OQ);
    __m256d y = _mm256_or_pd(_mm256_blendv_pd(_mm256_add_pd(high, low), series, small), sign);
    return symdiff_fix_lanes(y, x, _mm256_cmp_pd(x, x, _CMP_UNORD_Q), tanh);
}

/// cosh and sinh in extended precision, rounded once: the lanes past |x| = 704 and NaN.
double symdiff_cosh_wide(double x);
double symdiff_sinh_wide(double x);

/// cosh x within 0.51 ulp: `(e + 1/e)/2` with `e = e^|x|` and its reciprocal as
/// double-doubles, the two leading parts added exactly (TwoSum).
AVX2 static inline __m256d symdiff_cosh_kernel(__m256d x) {
    __m256d sign;
    __m256d a = symdiff_split_sign(x, &sign);
    __m256d eh, el, il;
    symdiff_exp_pair(a, &eh, &el);
    __m256d ih = symdiff_reciprocal_pair(eh, el, &il);
    __m256d s = _mm256_add_pd(eh, ih);
    __m256d b = _mm256_sub_pd(s, eh);
    __m256d error = _mm256_add_pd(_mm256_sub_pd(eh, _mm256_sub_pd(s, b)), _mm256_sub_pd(ih, b));
    __m256d y = _mm256_mul_pd(_mm256_set1_pd(0.5), _mm256_add_pd(s, _mm256_add_pd(error, _mm256_add_pd(el, il))));
    __m256d special = _mm256_cmp_pd(a, _mm256_set1_pd(704), _CMP_NLE_UQ);
    return symdiff_fix_lanes(y, x, special, symdiff_cosh_wide);
}

/// sinh x within 0.51 ulp: `x + x^3/3! + ... + x^15/15!` below |x| = 1/4, else `(e - 1/e)/2`
/// as cosh's, the difference exact (Fast2Sum, e >= 1/e).
AVX2 static inline __m256d symdiff_sinh_kernel(__m256d x) {
    static const double coefficients[7] = {
        1.0 / 6, 1.0 / 120, 1.0 / 5040, 1.0 / 362880, 1.0 / 39916800, 1.0 / 6227020800, 1.0 / 1307674368000,
    };
    __m256d sign;
    __m256d a = symdiff_split_sign(x, &sign);
    __m256d series = symdiff_odd_series(a, coefficients, 7);
    __m256d eh, el, il;
    symdiff_exp_pair(a, &eh, &el);
    __m256d ih = symdiff_reciprocal_pair(eh, el, &il);
    __m256d s = _mm256_sub_pd(eh, ih);
    __m256d error = _mm256_sub_pd(_mm256_sub_pd(eh, s), ih);
    __m256d difference = _mm256_mul_pd(_mm256_set1_pd(0.5), _mm256_add_pd(s, _mm256_add_pd(error, _mm256_sub_pd(el, il))));
    __m256d small = _mm256_cmp_pd(a, _mm256_set1_pd(0.25), _CMP_LT_OQ);
    __m256d y = _mm256_or_pd(_mm256_blendv_pd(difference, series, small), sign);
    __m256d special = _mm256_cmp_pd(a, _mm256_set1_pd(704), _CMP_NLE_UQ);
    return symdiff_fix_lanes(y, x, special, symdiff_sinh_wide);
}

#endif
