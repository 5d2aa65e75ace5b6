// CRC-32 (the zip/PNG polynomial, reflected 0xEDB88320) by carry-less multiplication: the folding of
// Gopal et al., "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ Instruction" (Intel, 2009),
// four 128-bit lanes at a time, then one lane, then a Barrett reduction to 32 bits.
// Every function here is compiled for AVX2 (the target has no -mavx2 flag: SwiftPM refuses
// unsafeFlags in a package used as a versioned dependency).
#pragma clang attribute push(__attribute__((target("avx2,fma,pclmul"))), apply_to = function)
#include "CVectorMathAVX2.h"

#include <immintrin.h>
#include <stdint.h>
#include <string.h>

/// x^(4*128+32) and x^(4*128-32) mod P, bit-reflected: fold four lanes by 512 bits.
static const uint64_t fold512[2] = {0x154442bd4, 0x1c6e41596};
/// x^(128+32) and x^(128-32) mod P, bit-reflected: fold one lane by 128 bits.
static const uint64_t fold128[2] = {0x1751997d0, 0x0ccaa009e};
/// x^64 mod P, bit-reflected: the fold from 64 to 32 bits.
static const uint64_t fold64 = 0x163cd6124;
/// P(x) and floor(x^64 / P(x)), bit-reflected: the Barrett reduction.
static const uint64_t barrett[2] = {0x1DB710641, 0x1F7011641};

/// One 128-bit lane folded forward by the distance `k` encodes, then `next` added.
static inline __m128i fold(__m128i lane, __m128i k, __m128i next) {
    __m128i low = _mm_clmulepi64_si128(lane, k, 0x00);
    __m128i high = _mm_clmulepi64_si128(lane, k, 0x11);
    return _mm_xor_si128(_mm_xor_si128(low, high), next);
}

static inline __m128i load(const unsigned char *p) {
    __m128i v;
    memcpy(&v, p, sizeof v);
    return v;
}

long symdiff_pclmul_crc32(unsigned int *state, const unsigned char *bytes, long count) {
    if (count < 64) return 0;
    __m128i a = _mm_xor_si128(load(bytes), _mm_cvtsi32_si128((int)*state));
    __m128i b = load(bytes + 16), c = load(bytes + 32), d = load(bytes + 48);
    long done = 64;
    const __m128i k512 = _mm_set_epi64x((long long)fold512[1], (long long)fold512[0]);
    for (; done + 64 <= count; done += 64) {
        a = fold(a, k512, load(bytes + done));
        b = fold(b, k512, load(bytes + done + 16));
        c = fold(c, k512, load(bytes + done + 32));
        d = fold(d, k512, load(bytes + done + 48));
    }
    const __m128i k128 = _mm_set_epi64x((long long)fold128[1], (long long)fold128[0]);
    a = fold(a, k128, b);
    a = fold(a, k128, c);
    a = fold(a, k128, d);
    for (; done + 16 <= count; done += 16) a = fold(a, k128, load(bytes + done));
    // 128 to 64 bits (appending 32 zero bits), then 64 to 32.
    a = _mm_xor_si128(_mm_clmulepi64_si128(k128, a, 0x01), _mm_srli_si128(a, 8));
    const __m128i mask32 = _mm_set_epi32(0, 0, 0, -1);
    __m128i upper = _mm_srli_si128(a, 4);
    a = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(a, mask32), _mm_set_epi64x(0, (long long)fold64), 0x00), upper);
    // Barrett reduction to 32 bits.
    const __m128i poly = _mm_set_epi64x((long long)barrett[1], (long long)barrett[0]);
    __m128i t = _mm_clmulepi64_si128(_mm_and_si128(a, mask32), poly, 0x10);
    t = _mm_clmulepi64_si128(_mm_and_si128(t, mask32), poly, 0x00);
    *state = (uint32_t)_mm_extract_epi32(_mm_xor_si128(t, a), 1);
    return done;
}

#pragma clang attribute pop
