// An AVX2 log kernel within 0.52 ulp: a 128-entry table of 1/c and -log(1/c), a degree-8 series.
#include "Kernels.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/// x = 2^k z with z in [0x1.67p-1, 0x1.67p0): the bits of z are `log_offset` plus x's
/// significand field. The top 7 bits of that field pick the subinterval j of z; subinterval
/// `log_one` is centred on 1, so that r = z - 1 is exact near x = 1.
static const uint64_t log_offset = 0x3fe6700000000000;
static const int log_one = 76;

/// Per subinterval: 1/c for its centre c (exactly 1 for `log_one`) and -log(1/c) as hi + lo.
static double log_table_invc[128], log_table_logc_hi[128], log_table_logc_lo[128];

static double from_bits(uint64_t bits) {
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

__attribute__((constructor)) static void log_table_init(void) {
    for (int j = 0; j < 128; j++) {
        long double low = from_bits(log_offset + ((uint64_t)j << 45));
        long double high = from_bits(log_offset + ((uint64_t)(j + 1) << 45));
        double invc = j == log_one ? 1.0 : (double)(2 / (low + high));
        long double logc = -logl(invc);
        log_table_invc[j] = invc;
        log_table_logc_hi[j] = (double)logc;
        log_table_logc_lo[j] = (double)(logc - log_table_logc_hi[j]);
    }
}

AVX2 __m256d symdiff_log_kernel(__m256d x) {
    const __m256i offset = _mm256_set1_epi64x((long long)log_offset);
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

    __m256d invc = _mm256_i64gather_pd(log_table_invc, j, 8);
    __m256d logc_hi = _mm256_i64gather_pd(log_table_logc_hi, j, 8);
    __m256d logc_lo = _mm256_i64gather_pd(log_table_logc_lo, j, 8);
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
    __m256d low = _mm256_fmadd_pd(k, ln2_lo, _mm256_add_pd(_mm256_add_pd(e1, e2), logc_lo));
    low = _mm256_fmadd_pd(_mm256_mul_pd(r, r), p, low);
    __m256d y = _mm256_add_pd(w, low);

    // Zero, negative, subnormal, infinite and NaN arguments go through scalar log.
    __m256d special = _mm256_or_pd(_mm256_cmp_pd(x, _mm256_set1_pd(DBL_MIN), _CMP_NGE_UQ),
                                   _mm256_cmp_pd(x, _mm256_set1_pd(DBL_MAX), _CMP_NLE_UQ));
    return symdiff_fix_lanes(y, x, special, log);
}
