// sin and cos in x87 extended precision: one argument reduction and two polynomials, several
// times faster than glibc's sincosl (whose reduction goes through its multi-precision
// __kernel_rem_pio2 above pi/4) for the arguments --verify meets, and within an ulp of it.
#define _GNU_SOURCE
#include "CVectorMath.h"

#include <math.h>

#if defined(__x86_64__)
/// pi/2 in three parts: the first two of 38 bits, so that k times either is exact for
/// |k| <= 2^26, the third the next 64 bits (about 140 bits of pi/2 in all).
static const long double pio2_1 = 0x3243f6a888p-37L;
static const long double pio2_2 = 0x2d18469899p-76L;
static const long double pio2_3 = -0xceba3f91f1976b7fp-142L;
static const long double two_over_pi = 0xa2f9836e4e44152ap-64L;
/// Adding and subtracting 1.5 * 2^63 rounds a long double to an integer (round to nearest).
static const long double round_to_integer = 0x1.8p63L;

/// The Taylor coefficients of sin(r)/r - 1 in powers of z = r^2 (1/3!, ..., 1/21!, with signs):
/// for |r| <= pi/4 the next term is below 2^-70 of the result.
static const long double sine_coefficients[10] = {
    -0xaaaaaaaaaaaaaaabp-66L, 0x8888888888888889p-70L,  -0xd00d00d00d00d00dp-76L, 0xb8ef1d2ab6399c7dp-82L,
    -0xd7322b3faa271c7fp-89L, 0xb092309d43684be5p-96L,  -0xd73f9f399dc0f88fp-104L, 0xca963b81856a5359p-112L,
    -0x97a4da340a0ab926p-120L, 0xb8dc77b6e7ab8c5fp-129L,
};
/// The Taylor coefficients of (cos(r) - 1 + r^2/2) / r^4 in powers of z (1/4!, ..., 1/20!).
static const long double cosine_coefficients[9] = {
    0xaaaaaaaaaaaaaaabp-68L,  -0xb60b60b60b60b60bp-73L, 0xd00d00d00d00d00dp-79L,  -0x93f27dbbc4fae397p-85L,
    0x8f76c77fc6c4bdaap-92L,  -0xc9cba54603e4e906p-100L, 0xd73f9f399dc0f88fp-108L, -0xb413c31dcbecbbdep-116L,
    0xf2a15d201011283dp-125L,
};

void symdiff_extended_sincos(long double x, long double *sine, long double *cosine) {
    long double magnitude = fabsl(x);
    if (!(magnitude <= 0x1p26L)) {
        // Huge, infinite or NaN: glibc's reduction.
        sincosl(x, sine, cosine);
        return;
    }
    if (magnitude < 0x1p-33L) {
        // sin x = x (1 - x^2/6) and cos x = 1 - x^2/2 round to x and 1 (and keep sin's -0).
        *sine = x;
        *cosine = 1;
        return;
    }
    // x = k pi/2 + r, r = hi + lo with |lo| within an ulp or so of hi: x - k p1 and k p2 are
    // exact, each of the two subtractions after it keeps its rounding error (TwoSum).
    long double k = (x * two_over_pi + round_to_integer) - round_to_integer;
    long double a = x - k * pio2_1;
    long double w = k * pio2_2, hi1 = a - w, between = hi1 - a;
    long double lo1 = (a - (hi1 - between)) + (-w - between);
    long double v = k * pio2_3, hi = hi1 - v;
    between = hi - hi1;
    long double lo = lo1 + ((hi1 - (hi - between)) + (-v - between));
    long double z = hi * hi;
    long double s = sine_coefficients[9], c = cosine_coefficients[8];
    for (int i = 8; i >= 0; i--) s = s * z + sine_coefficients[i];
    for (int i = 7; i >= 0; i--) c = c * z + cosine_coefficients[i];
    // sin(hi + lo) = sin hi + lo cos hi, cos(hi + lo) = cos hi - lo sin hi, to first order in lo.
    long double sin_r = hi + (hi * z * s + (lo - 0.5L * z * lo));
    long double half = 0.5L * z, t = 1 - half;
    long double cos_r = t + (((1 - t) - half) + (z * z * c - hi * lo));
    switch ((long long)k & 3) {
    case 0: *sine = sin_r; *cosine = cos_r; break;
    case 1: *sine = cos_r; *cosine = -sin_r; break;
    case 2: *sine = -sin_r; *cosine = -cos_r; break;
    default: *sine = -cos_r; *cosine = sin_r; break;
    }
}

/// glibc's sincosl, which Swift's Glibc module does not show (it needs _GNU_SOURCE).
void symdiff_sincosl(long double x, long double *s, long double *c) { sincosl(x, s, c); }
#endif
