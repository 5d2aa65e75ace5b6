// An AVX2 exp kernel within 0.52 ulp: a 128-entry table of 2^(j/128) and a degree-5 polynomial.
// Included by Kernels.h; static inline so that each loop calls it without passing vectors in memory.
#ifndef SYMDIFF_EXP_KERNEL_H
#define SYMDIFF_EXP_KERNEL_H

/// 2^(j/128) for j in 0..<128 as an unevaluated sum hi + lo, accurate to about 2^-63: hi at 2j,
/// lo at 2j + 1 (Exp.c).
extern double symdiff_exp_table[256];

/// e^x, for |x| <= 704, as `scale * (hi + tail)`: `scale` a power of 2, `hi` the table's
/// 2^(j/128) and `tail = hi (e^r - 1) + lo` carrying the rest to about 2^-60 of `hi`. The sum
/// rounded once is the exp kernel; hyperbolic kernels keep it unrounded.
AVX2 static inline __m256d symdiff_exp_parts(__m256d x, __m256d *high, __m256d *tail) {
    // x = k ln2/128 + r with |r| <= ln2/256; exp(x) = 2^(k>>7) 2^((k&127)/128) e^r.
    const __m256d shift = _mm256_set1_pd(0x1.8p52);
    __m256d z = _mm256_fmadd_pd(x, _mm256_set1_pd(0x1.71547652b82fep0 * 128), shift);
    __m256d k = _mm256_sub_pd(z, shift);
    __m256d r = _mm256_fnmadd_pd(k, _mm256_set1_pd(0x1.62e42fefa39efp-1 / 128), x);
    r = _mm256_fnmadd_pd(k, _mm256_set1_pd(0x1.abc9e3b39803fp-56 / 128), r);

    // The low bits of z hold k; biasing by 2048 * 128 makes it positive for a logical shift.
    __m256i biased = _mm256_add_epi64(
        _mm256_sub_epi64(_mm256_castpd_si256(z), _mm256_castpd_si256(shift)), _mm256_set1_epi64x(2048 * 128));
    __m256i j = _mm256_and_si256(biased, _mm256_set1_epi64x(127));
    __m256i exponent = _mm256_add_epi64(_mm256_srli_epi64(biased, 7), _mm256_set1_epi64x(1023 - 2048));
    __m256d scale = _mm256_castsi256_pd(_mm256_slli_epi64(exponent, 52));
    // Four 16-byte loads of (hi, lo) pairs instead of two gathers, which are slow on some
    // processors (AMD Zen): lanes 0 and 2 in one vector, 1 and 3 in the other, so that the
    // in-lane unpacks give hi and lo in lane order.
    __m128i low = _mm256_castsi256_si128(j), high128 = _mm256_extracti128_si256(j, 1);
    const double *table = symdiff_exp_table;
    __m256d even = _mm256_set_m128d(_mm_loadu_pd(table + 2 * _mm_cvtsi128_si64(high128)), _mm_loadu_pd(table + 2 * _mm_cvtsi128_si64(low)));
    __m256d odd = _mm256_set_m128d(_mm_loadu_pd(table + 2 * _mm_extract_epi64(high128, 1)), _mm_loadu_pd(table + 2 * _mm_extract_epi64(low, 1)));
    __m256d hi = _mm256_unpacklo_pd(even, odd);
    __m256d lo = _mm256_unpackhi_pd(even, odd);

    // e^r - 1 by its Taylor series to r^5: the first omitted term is below 2^-60.
    __m256d p = _mm256_fmadd_pd(r, _mm256_set1_pd(1.0 / 120), _mm256_set1_pd(1.0 / 24));
    p = _mm256_fmadd_pd(r, p, _mm256_set1_pd(1.0 / 6));
    p = _mm256_fmadd_pd(r, p, _mm256_set1_pd(0.5));
    p = _mm256_fmadd_pd(_mm256_mul_pd(r, r), p, r);
    *high = hi;
    *tail = _mm256_fmadd_pd(hi, p, lo);
    return scale;
}

/// e^x within 0.52 ulp; |x| > 704 and NaN through scalar exp: there the result overflows, is
/// subnormal or underflows, where the table reduction's scaling would be inexact.
AVX2 static inline __m256d symdiff_exp_kernel(__m256d x) {
    __m256d hi, tail;
    __m256d scale = symdiff_exp_parts(x, &hi, &tail);
    __m256d y = _mm256_mul_pd(_mm256_add_pd(hi, tail), scale);

    __m256d magnitude = _mm256_andnot_pd(_mm256_set1_pd(-0.0), x);
    __m256d special = _mm256_cmp_pd(magnitude, _mm256_set1_pd(704), _CMP_NLE_UQ);
    return symdiff_fix_lanes(y, x, special, exp);
}

#endif
