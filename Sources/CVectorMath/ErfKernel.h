// AVX2 kernels of erf, erfc and ndtr within about 0.55 ulp: erfc(t) = exp(-t^2) erfcx(t) for
// t >= 0, erfcx by its Taylor series at the nearest of 337 grid points (ErfcxTable.c), both
// factors as double-doubles; erf by its odd series near 0.
// Included by Kernels.h; static inline so that each loop calls it without passing vectors in memory.
#ifndef SYMDIFF_ERF_KERNEL_H
#define SYMDIFF_ERF_KERNEL_H

/// erfcx's Taylor coefficients at x0 = j/32 (j <= 256), 8 + (j - 256)/4 (j > 256): c_0 as
/// hi, lo, then c_1 ... c_9 (ErfcxTable.c, generated).
extern const double symdiff_erfcx_table[337][11];
/// erf's odd series after its first term, 2/√π and 1/√2 (hi, lo) (ErfcxTable.c, generated).
extern const double symdiff_erf_series[12];
extern const double symdiff_two_over_root_pi[2];
extern const double symdiff_root_half[2];

/// erfc(t + tl) as `*scale * (high + *low)` with a power of 2 `scale` (so that nothing is
/// rounded at the scale of a result near the subnormals), for 0 <= t <= 26.5 and |tl| at most
/// an ulp of t (larger t are the callers' special lanes: exp(-t^2) leaves the exp kernel's range).
AVX2 static inline __m256d symdiff_erfc_pair(__m256d t, __m256d tl, __m256d *low, __m256d *scale) {
    // The grid point: t*32 or 256 + (t - 8)*4, rounded; t - x0 is exact (Sterbenz).
    __m256d near = _mm256_cmp_pd(t, _mm256_set1_pd(8), _CMP_LT_OQ);
    __m256d position = _mm256_blendv_pd(
        _mm256_fmadd_pd(t, _mm256_set1_pd(4), _mm256_set1_pd(224)), _mm256_mul_pd(t, _mm256_set1_pd(32)), near);
    __m256d j = _mm256_round_pd(position, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    j = _mm256_min_pd(_mm256_max_pd(j, _mm256_setzero_pd()), _mm256_set1_pd(336));
    __m256d x0 = _mm256_blendv_pd(
        _mm256_fmadd_pd(j, _mm256_set1_pd(0.25), _mm256_set1_pd(-56)), _mm256_mul_pd(j, _mm256_set1_pd(1.0 / 32)), near);
    __m256d h = _mm256_add_pd(_mm256_sub_pd(t, x0), tl);
    __m256i row = _mm256_mul_epu32(_mm256_cvtepi32_epi64(_mm256_cvtpd_epi32(j)), _mm256_set1_epi64x(11));
    const double *table = &symdiff_erfcx_table[0][0];
    __m256d p = _mm256_i64gather_pd(table + 10, row, 8);
    for (int k = 9; k >= 2; k--) p = _mm256_fmadd_pd(p, h, _mm256_i64gather_pd(table + k, row, 8));
    __m256d ch = _mm256_i64gather_pd(table, row, 8);
    __m256d cl = _mm256_fmadd_pd(p, h, _mm256_i64gather_pd(table + 1, row, 8));

    // exp(-(t + tl)^2) = exp(-s) (1 - sl), s + sl = t^2 + 2 t tl split by FMA.
    __m256d s = _mm256_mul_pd(t, t);
    __m256d sl = _mm256_fmadd_pd(_mm256_add_pd(t, t), tl, _mm256_fmsub_pd(t, t, s));
    __m256d eh, el;
    *scale = symdiff_exp_pair_unscaled(_mm256_sub_pd(_mm256_setzero_pd(), s), &eh, &el);
    el = _mm256_fnmadd_pd(eh, sl, el);

    __m256d product = _mm256_mul_pd(ch, eh);
    __m256d error = _mm256_fmsub_pd(ch, eh, product);
    // cl (the series past c_0, up to 2^-7 of ch) times el (which carries t^2's rounding, up to
    // 2^-44 of eh) still counts.
    *low = _mm256_add_pd(error, _mm256_fmadd_pd(_mm256_add_pd(ch, cl), el, _mm256_mul_pd(cl, eh)));
    return product;
}

/// Extended-precision erf, erfc and ndtr, rounded once: the lanes past the kernels' range and NaN.
double symdiff_erf_wide(double x);
double symdiff_erfc_wide(double x);
double symdiff_ndtr_wide(double x);

/// erfc x: `erfc_pair(x)` from 0, `2 - erfc_pair(-x)` below (exact to its last rounding).
AVX2 static inline __m256d symdiff_erfc_kernel(__m256d x) {
    __m256d sign;
    __m256d a = symdiff_split_sign(x, &sign);
    __m256d low, scale;
    __m256d high = symdiff_erfc_pair(_mm256_min_pd(_mm256_set1_pd(26.5), a), _mm256_setzero_pd(), &low, &scale);
    __m256d direct = _mm256_mul_pd(_mm256_add_pd(high, low), scale);
    high = _mm256_mul_pd(high, scale);
    low = _mm256_mul_pd(low, scale);
    __m256d two = _mm256_set1_pd(2);
    __m256d reflected = _mm256_sub_pd(two, high);
    reflected = _mm256_add_pd(reflected, _mm256_sub_pd(_mm256_sub_pd(_mm256_sub_pd(two, reflected), high), low));
    __m256d y = _mm256_blendv_pd(direct, reflected, sign);
    __m256d special = _mm256_cmp_pd(x, _mm256_set1_pd(26.5), _CMP_NLE_UQ);
    return symdiff_fix_lanes(y, x, special, symdiff_erfc_wide);
}

/// erf x: `x (2/√π) (1 - x^2/3 + ...)` below |x| = 1/4 (the leading product split by FMA),
/// else `±(1 - erfc_pair(|x|))`, |x| clamped to 8 where erf rounds to ±1; NaN, 0 and the
/// subnormals through scalar erf.
AVX2 static inline __m256d symdiff_erf_kernel(__m256d x) {
    const __m256d factor = _mm256_set1_pd(symdiff_two_over_root_pi[0]);
    const __m256d factorLow = _mm256_set1_pd(symdiff_two_over_root_pi[1]);
    __m256d sign;
    __m256d a = symdiff_split_sign(x, &sign);
    __m256d square = _mm256_mul_pd(a, a);
    __m256d p = _mm256_set1_pd(symdiff_erf_series[11]);
    for (int k = 10; k >= 0; k--) p = _mm256_fmadd_pd(p, square, _mm256_set1_pd(symdiff_erf_series[k]));
    // Scaled by 2^64 so that the lead product's error term is never subnormal.
    __m256d scaled = _mm256_mul_pd(a, _mm256_set1_pd(0x1p64));
    __m256d lead = _mm256_mul_pd(scaled, factor);
    __m256d tail = _mm256_add_pd(
        _mm256_fmsub_pd(scaled, factor, lead), _mm256_fmadd_pd(_mm256_mul_pd(scaled, square), p, _mm256_mul_pd(scaled, factorLow)));
    __m256d small = _mm256_mul_pd(_mm256_add_pd(lead, tail), _mm256_set1_pd(0x1p-64));

    __m256d low, scale;
    __m256d high = symdiff_erfc_pair(_mm256_min_pd(_mm256_set1_pd(8), a), _mm256_setzero_pd(), &low, &scale);
    high = _mm256_mul_pd(high, scale);
    low = _mm256_mul_pd(low, scale);
    __m256d one = _mm256_set1_pd(1);
    __m256d complement = _mm256_sub_pd(one, high);
    complement = _mm256_add_pd(complement, _mm256_sub_pd(_mm256_sub_pd(_mm256_sub_pd(one, complement), high), low));
    __m256d y = _mm256_or_pd(_mm256_blendv_pd(complement, small, _mm256_cmp_pd(a, _mm256_set1_pd(0.25), _CMP_LT_OQ)), sign);
    __m256d special = _mm256_cmp_pd(a, _mm256_set1_pd(0x1p-1022), _CMP_NGE_UQ);
    return symdiff_fix_lanes(y, x, special, symdiff_erf_wide);
}

/// ndtr x = erfc(-x/√2)/2 with -x/√2 as a double-double (its rounding, times 2t^2, would
/// dominate in the lower tail): `erfc_pair(t)/2` for x <= 0, `1 - erfc_pair(-t)/2` above
/// (|t| clamped to 8 there, where ndtr rounds to 1), extended precision below x = -37.4.
AVX2 static inline __m256d symdiff_ndtr_kernel(__m256d x) {
    const __m256d root = _mm256_set1_pd(-symdiff_root_half[0]), rootLow = _mm256_set1_pd(-symdiff_root_half[1]);
    __m256d t = _mm256_mul_pd(x, root);
    __m256d tl = _mm256_fmadd_pd(x, rootLow, _mm256_fmsub_pd(x, root, t));
    __m256d sign;
    __m256d a = symdiff_split_sign(t, &sign);
    // tl takes t's sign flip along.
    __m256d al = _mm256_xor_pd(tl, sign);
    __m256d clamp = _mm256_blendv_pd(_mm256_set1_pd(26.5), _mm256_set1_pd(8), sign);
    __m256d clamped = _mm256_min_pd(clamp, a);
    al = _mm256_blendv_pd(al, _mm256_setzero_pd(), _mm256_cmp_pd(clamped, a, _CMP_NEQ_OQ));
    __m256d low, scale;
    __m256d high = symdiff_erfc_pair(clamped, al, &low, &scale);
    scale = _mm256_mul_pd(scale, _mm256_set1_pd(0.5));
    __m256d direct = _mm256_mul_pd(_mm256_add_pd(high, low), scale);
    high = _mm256_mul_pd(high, scale);
    low = _mm256_mul_pd(low, scale);
    const __m256d one = _mm256_set1_pd(1);
    __m256d complement = _mm256_sub_pd(one, high);
    complement = _mm256_add_pd(complement, _mm256_sub_pd(_mm256_sub_pd(_mm256_sub_pd(one, complement), high), low));
    __m256d y = _mm256_blendv_pd(direct, complement, sign);
    __m256d special = _mm256_cmp_pd(t, _mm256_set1_pd(26.5), _CMP_NLE_UQ);
    return symdiff_fix_lanes(y, x, special, symdiff_ndtr_wide);
}

#endif
