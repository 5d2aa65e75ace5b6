// An AVX2 log kernel within 0.52 ulp: a 128-entry table of 1/c and -log(1/c), a degree-8 series.
// Included by Kernels.h; static inline so that each loop calls it without passing vectors in memory.
#ifndef SYMDIFF_LOG_KERNEL_H
#define SYMDIFF_LOG_KERNEL_H

#include <float.h>

/// x = 2^k z with z in [0x1.67p-1, 0x1.67p0): the bits of z are this offset plus x's
/// significand field (see Log.c).
#define SYMDIFF_LOG_OFFSET 0x3fe6700000000000ULL

/// Per subinterval: 1/c for its centre c and -log(1/c) as hi + lo (Log.c).
extern double symdiff_log_table_invc[128], symdiff_log_table_logc_hi[128], symdiff_log_table_logc_lo[128];

/// log x + extra for normal finite positive x, where |extra| is below 2^-52 or so: `extra`
/// joins the low-order part before the last rounding (log1p passes the part of 1 + u that
/// rounding dropped). Other lanes hold garbage: the callers fix them.
AVX2 static inline __m256d symdiff_log_sum(__m256d x, __m256d extra) {
    const __m256i offset = _mm256_set1_epi64x((long long)SYMDIFF_LOG_OFFSET);
    __m256i bits = _mm256_castpd_si256(x);
    __m256i tmp = _mm256_sub_epi64(bits, offset);
    // k = tmp >> 52 (arithmetic); AVX2 has no 64-bit arithmetic shift, so flip the sign bit first.
    __m256i biased = _mm256_xor_si256(tmp, _mm256_set1_epi64x((long long)0x8000000000000000ULL));
    __m256i k_int = _mm256_sub_epi64(_mm256_srli_epi64(biased, 52), _mm256_set1_epi64x(2048));
    __m256i j = _mm256_and_si256(_mm256_srli_epi64(tmp, 45), _mm256_set1_epi64x(127));
    __m256d z = _mm256_castsi256_pd(
        _mm256_sub_epi64(bits, _mm256_and_si256(tmp, _mm256_set1_epi64x((long long)0xfff0000000000000ULL))));
    // k fits in 32 bits; convert through the low halves of the 64-bit lanes.
    __m128i k32 = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(k_int, _mm256_setr_epi32(0, 2, 4, 6, 0, 0, 0, 0)));
    __m256d k = _mm256_cvtepi32_pd(k32);

    __m256d invc = _mm256_i64gather_pd(symdiff_log_table_invc, j, 8);
    __m256d logc_hi = _mm256_i64gather_pd(symdiff_log_table_logc_hi, j, 8);
    __m256d logc_lo = _mm256_i64gather_pd(symdiff_log_table_logc_lo, j, 8);
    __m256d r = _mm256_fmsub_pd(z, invc, _mm256_set1_pd(1));

    // log x = k ln2 + logc + log1p(r), summed with error-free transformations.
    const __m256d ln2_hi = _mm256_set1_pd(0x1.62e42fefa3800p-1), ln2_lo = _mm256_set1_pd(0x1.ef35793c76730p-45);
    __m256d k_ln2 = _mm256_mul_pd(k, ln2_hi);
    __m256d t1 = _mm256_add_pd(k_ln2, logc_hi);
    __m256d e1 = _mm256_add_pd(_mm256_sub_pd(k_ln2, t1), logc_hi);
    __m256d w = _mm256_add_pd(t1, r);
    __m256d t1_part = _mm256_sub_pd(w, r);
    __m256d e2 = _mm256_add_pd(_mm256_sub_pd(t1, t1_part), _mm256_sub_pd(r, _mm256_sub_pd(w, t1_part)));

    // log1p(r) - r = r^2 (-1/2 + r/3 - ... - r^6/8); |r| <= 2^-8, the omitted terms are below 2^-64 r.
    __m256d p = _mm256_fmadd_pd(r, _mm256_set1_pd(-1.0 / 8), _mm256_set1_pd(1.0 / 7));
    p = _mm256_fmadd_pd(r, p, _mm256_set1_pd(-1.0 / 6));
    p = _mm256_fmadd_pd(r, p, _mm256_set1_pd(1.0 / 5));
    p = _mm256_fmadd_pd(r, p, _mm256_set1_pd(-1.0 / 4));
    p = _mm256_fmadd_pd(r, p, _mm256_set1_pd(1.0 / 3));
    p = _mm256_fmadd_pd(r, p, _mm256_set1_pd(-1.0 / 2));
    __m256d low = _mm256_fmadd_pd(k, ln2_lo, _mm256_add_pd(_mm256_add_pd(e1, e2), _mm256_add_pd(logc_lo, extra)));
    low = _mm256_fmadd_pd(_mm256_mul_pd(r, r), p, low);
    return _mm256_add_pd(w, low);
}

/// Lanes of x that are not normal, finite and positive: zero, negative, subnormal, infinite, NaN.
AVX2 static inline __m256d symdiff_log_special(__m256d x) {
    return _mm256_or_pd(_mm256_cmp_pd(x, _mm256_set1_pd(DBL_MIN), _CMP_NGE_UQ),
                        _mm256_cmp_pd(x, _mm256_set1_pd(DBL_MAX), _CMP_NLE_UQ));
}

/// log x within 0.52 ulp; zero, negative, subnormal, infinite and NaN x through scalar log.
AVX2 static inline __m256d symdiff_log_kernel(__m256d x) {
    __m256d y = symdiff_log_sum(x, _mm256_setzero_pd());
    return symdiff_fix_lanes(y, x, symdiff_log_special(x), log);
}

/// log(1 + u) within 0.55 ulp, as log of the double-double 1 + u = hi + lo:
/// log hi + log1p(lo / hi), and log1p(lo / hi) = lo / hi to 2^-105. Near u = 0, hi falls in the
/// log kernel's subinterval centred on 1, where r = hi - 1 is exact, so small u keep their
/// relative accuracy (u below 2^-54 comes out as u itself). u = ±0 and lanes where hi is not
/// normal, finite and positive (u <= -1 + 2^-1022, huge u, NaN) through scalar log1p.
AVX2 static inline __m256d symdiff_log1p_kernel(__m256d u) {
    const __m256d one = _mm256_set1_pd(1);
    __m256d hi = _mm256_add_pd(one, u);
    // Two-sum: lo is exactly (1 + u) - hi, whichever of 1 and u is larger.
    __m256d u_part = _mm256_sub_pd(hi, one);
    __m256d lo = _mm256_add_pd(_mm256_sub_pd(one, _mm256_sub_pd(hi, u_part)), _mm256_sub_pd(u, u_part));
    __m256d y = symdiff_log_sum(hi, _mm256_div_pd(lo, hi));
    __m256d special = _mm256_or_pd(symdiff_log_special(hi), _mm256_cmp_pd(u, _mm256_setzero_pd(), _CMP_EQ_OQ));
    return symdiff_fix_lanes(y, u, special, log1p);
}

#endif
