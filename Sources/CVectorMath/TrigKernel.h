// AVX2 sin and cos kernels within 0.75 ulp: a three-part π/2 reduction kept as a double-double
// and fdlibm's minimax polynomials on [-π/4, π/4].
// Included by Kernels.h; static inline so that each loop calls them without passing vectors in memory.
#ifndef SYMDIFF_TRIG_KERNEL_H
#define SYMDIFF_TRIG_KERNEL_H

/// |x| above this (and infinities and NaN) go through scalar libm, whose reduction handles any
/// size; below it k = round(2x/π) < 2^17 and the reduction is exact to about 2^-140.
#define SYMDIFF_TRIG_FAST_LIMIT 1e5
/// |x| below this goes through scalar libm too: there sin x = x and cos x = 1, signs of zero
/// included, which the series would not keep.
#define SYMDIFF_TRIG_TINY_LIMIT 0x1p-26

/// sin and cos of the reduced argument r = x - k π/2 and the quadrant k mod 4.
typedef struct {
    __m256d sin_r, cos_r;
    __m256i quadrant;
} SymdiffReduced;

AVX2 static inline SymdiffReduced symdiff_trig_reduce(__m256d x) {
    const __m256d shift = _mm256_set1_pd(0x1.8p52);
    __m256d z = _mm256_fmadd_pd(x, _mm256_set1_pd(0x1.45f306dc9c883p-1), shift);
    __m256d k = _mm256_sub_pd(z, shift);
    // π/2 = p1 + p2 + p3; x - k p1 is exact (both are multiples of ulp(x)/2 and the difference < 1).
    const __m256d p1 = _mm256_set1_pd(0x1.921fb54442d18p0), p2 = _mm256_set1_pd(0x1.1a62633145c07p-54),
                  p3 = _mm256_set1_pd(-0x1.f1976b7ed8fbcp-110);
    __m256d r1 = _mm256_fnmadd_pd(k, p1, x);
    __m256d t = _mm256_mul_pd(k, p2);
    __m256d t_lo = _mm256_fmsub_pd(k, p2, t);
    // r_hi + r_lo = r1 - t exactly (TwoSum), then the small terms join r_lo.
    __m256d r_hi = _mm256_sub_pd(r1, t);
    __m256d r1_part = _mm256_add_pd(r_hi, t);
    __m256d r_lo = _mm256_add_pd(_mm256_sub_pd(r1, r1_part), _mm256_sub_pd(_mm256_sub_pd(r1_part, r_hi), t));
    r_lo = _mm256_sub_pd(r_lo, t_lo);
    r_lo = _mm256_fnmadd_pd(k, p3, r_lo);

    __m256d r2 = _mm256_mul_pd(r_hi, r_hi);
    // sin r = r + r^3 S(r^2) and cos r = 1 - r^2/2 + r^4 C(r^2), with fdlibm's minimax
    // polynomials for |r| <= π/4 (__kernel_sin, __kernel_cos): degree 13 and 14, whose
    // approximation errors are below 2^-58 of the result.
    __m256d s = _mm256_set1_pd(1.58969099521155010221e-10);
    s = _mm256_fmadd_pd(s, r2, _mm256_set1_pd(-2.50507602534068634195e-08));
    s = _mm256_fmadd_pd(s, r2, _mm256_set1_pd(2.75573137070700676789e-06));
    s = _mm256_fmadd_pd(s, r2, _mm256_set1_pd(-1.98412698298579493134e-04));
    s = _mm256_fmadd_pd(s, r2, _mm256_set1_pd(8.33333333332248946124e-03));
    s = _mm256_fmadd_pd(s, r2, _mm256_set1_pd(-1.66666666666666324348e-01));
    __m256d c = _mm256_set1_pd(-1.13596475577881948265e-11);
    c = _mm256_fmadd_pd(c, r2, _mm256_set1_pd(2.08757232129817482790e-09));
    c = _mm256_fmadd_pd(c, r2, _mm256_set1_pd(-2.75573143513906633035e-07));
    c = _mm256_fmadd_pd(c, r2, _mm256_set1_pd(2.48015872894767294178e-05));
    c = _mm256_fmadd_pd(c, r2, _mm256_set1_pd(-1.38888888888741095749e-03));
    c = _mm256_fmadd_pd(c, r2, _mm256_set1_pd(4.16666666666666019037e-02));

    // h = r^2/2 exactly as h + h_lo; 1 - h as w plus its exact rounding error.
    __m256d half_r = _mm256_mul_pd(r_hi, _mm256_set1_pd(0.5));
    __m256d h = _mm256_mul_pd(half_r, r_hi);
    __m256d h_lo = _mm256_fmsub_pd(half_r, r_hi, h);
    __m256d one = _mm256_set1_pd(1);
    __m256d w = _mm256_sub_pd(one, h);
    __m256d w_lo = _mm256_sub_pd(_mm256_sub_pd(one, w), h);
    __m256d r4 = _mm256_mul_pd(r2, r2);
    // cos(r_hi + r_lo) = cos r_hi - r_lo sin r_hi, with sin r_hi ≈ r_hi at this size.
    __m256d cos_tail = _mm256_fnmadd_pd(r_lo, r_hi, _mm256_fmadd_pd(r4, c, _mm256_sub_pd(w_lo, h_lo)));
    __m256d cos_r = _mm256_add_pd(w, cos_tail);
    // sin(r_hi + r_lo) = sin r_hi + r_lo cos r_hi, with cos r_hi ≈ 1 - h.
    __m256d sin_tail = _mm256_fmadd_pd(_mm256_mul_pd(r2, r_hi), s, _mm256_fnmadd_pd(r_lo, h, r_lo));
    __m256d sin_r = _mm256_add_pd(r_hi, sin_tail);
    SymdiffReduced reduced = {sin_r, cos_r, _mm256_castpd_si256(z)};
    return reduced;
}

/// ±value: negated in the lanes where bit 1 of `quadrant` is set.
AVX2 static inline __m256d symdiff_negate_where_bit1(__m256d value, __m256i quadrant) {
    __m256i sign = _mm256_slli_epi64(_mm256_and_si256(quadrant, _mm256_set1_epi64x(2)), 62);
    return _mm256_xor_pd(value, _mm256_castsi256_pd(sign));
}

/// `odd` in the lanes where bit 0 of `quadrant` is set, else `even`.
AVX2 static inline __m256d symdiff_select_bit0(__m256d even, __m256d odd, __m256i quadrant) {
    __m256i bit0 = _mm256_slli_epi64(quadrant, 63);
    return _mm256_blendv_pd(even, odd, _mm256_castsi256_pd(bit0));
}

/// Lanes that the series does not cover: too large, too small, infinite or NaN.
AVX2 static inline __m256d symdiff_trig_special(__m256d x) {
    __m256d magnitude = _mm256_andnot_pd(_mm256_set1_pd(-0.0), x);
    return _mm256_or_pd(_mm256_cmp_pd(magnitude, _mm256_set1_pd(SYMDIFF_TRIG_FAST_LIMIT), _CMP_NLE_UQ),
                        _mm256_cmp_pd(magnitude, _mm256_set1_pd(SYMDIFF_TRIG_TINY_LIMIT), _CMP_LT_OQ));
}

/// sin x and cos x within 0.75 ulp; |x| > 1e5, |x| < 2^-26, infinities and NaN through scalar libm.
AVX2 static inline void symdiff_sincos_kernel(__m256d x, __m256d *sine, __m256d *cosine) {
    SymdiffReduced reduced = symdiff_trig_reduce(x);
    // Quadrant q: sin x = (sin r, cos r, -sin r, -cos r)[q], cos x = (cos r, -sin r, -cos r, sin r)[q].
    __m256d s = symdiff_negate_where_bit1(symdiff_select_bit0(reduced.sin_r, reduced.cos_r, reduced.quadrant), reduced.quadrant);
    __m256i next = _mm256_add_epi64(reduced.quadrant, _mm256_set1_epi64x(1));
    __m256d c = symdiff_negate_where_bit1(symdiff_select_bit0(reduced.cos_r, reduced.sin_r, reduced.quadrant), next);
    __m256d special = symdiff_trig_special(x);
    *sine = symdiff_fix_lanes(s, x, special, sin);
    *cosine = symdiff_fix_lanes(c, x, special, cos);
}

/// sin x, as `symdiff_sincos_kernel`.
AVX2 static inline __m256d symdiff_sin_kernel(__m256d x) {
    __m256d s, c;
    symdiff_sincos_kernel(x, &s, &c);
    return s;
}

/// cos x, as `symdiff_sincos_kernel`.
AVX2 static inline __m256d symdiff_cos_kernel(__m256d x) {
    __m256d s, c;
    symdiff_sincos_kernel(x, &s, &c);
    return c;
}

#endif
