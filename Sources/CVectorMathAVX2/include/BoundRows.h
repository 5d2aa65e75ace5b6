// One row of a running rounding-error bound sweep (SymDiffVerify's BoundSweep): the loops, for
// the AVX2 build of this target and the plain build of CVectorMath to compile each its own way.
//
// Every lane computes the same operations whatever the build: contraction into fma is off in
// each loop, so a bound is the same bits with or without AVX2.
#ifndef SYMDIFF_BOUND_ROWS_H
#define SYMDIFF_BOUND_ROWS_H

#include <float.h>
#include <math.h>

/// One rounding of `value` in units of `unit`: unit * |value|, plus the smallest subnormal below
/// the normal range (a binary64 result there may have underflowed), when `unit` is not 0.
static inline double symdiff_bound_rounding(double value, double unit) {
#pragma clang fp contract(off)
    double magnitude = fabs(value);
    return unit * magnitude + (unit > 0 && magnitude < DBL_MIN ? DBL_TRUE_MIN : 0);
}

/// |slope| * error; 0 when the error is 0 (even through an infinite slope), infinite when the
/// error is not finite or the slope is NaN.
static inline double symdiff_bound_carried(double slope, double error) {
    double carried = slope == 0 ? 0 : fabs(slope) * error;
    carried = (error < INFINITY && slope == slope) ? carried : INFINITY;
    return error == 0 ? 0 : carried;
}

/// value[i] += x[i], bound[i] its bound with x's bound e[i]: the sum rounds unless the operands
/// were exact and the addition was (TwoSum's error 0).
static inline void symdiff_bound_sum_loop(
    double *restrict value, double *restrict bound, const double *restrict x, const double *restrict e, double unit,
    long n) {
#pragma clang fp contract(off)
    for (long i = 0; i < n; i++) {
        double v = value[i], s = v + x[i];
        double between = s - v;
        double error = (v - (s - between)) + (x[i] - between);
        double propagated = bound[i] + e[i];
        bound[i] = (propagated == 0 && error == 0) ? 0 : propagated + symdiff_bound_rounding(s, unit);
        value[i] = s;
    }
}

/// value[i] *= x[i], bound[i] its bound with x's bound e[i]: the product rounds unless the
/// operands were exact and the multiplication was (fma's error 0, above the subnormal range).
static inline void symdiff_bound_product_loop(
    double *restrict value, double *restrict bound, const double *restrict x, const double *restrict e, double unit,
    long n) {
#pragma clang fp contract(off)
    for (long i = 0; i < n; i++) {
        double v = value[i], p = v * x[i];
        double propagated = symdiff_bound_carried(x[i], bound[i]) + symdiff_bound_carried(v, e[i]);
        int exact = fma(v, x[i], -p) == 0 && (fabs(p) >= DBL_MIN || v == 0 || x[i] == 0);
        bound[i] = (propagated == 0 && exact) ? 0 : propagated + symdiff_bound_rounding(p, unit);
        value[i] = p;
    }
}

#endif
