// The bound sweep's rows built for AVX2 and FMA (see BoundRows.h), for CVectorMath to call after
// its CPU check.
// Every function here is compiled for AVX2 (the target has no -mavx2 flag: SwiftPM refuses
// unsafeFlags in a package used as a versioned dependency).
#pragma clang attribute push(__attribute__((target("avx2,fma,pclmul"))), apply_to = function)
#include "CVectorMathAVX2.h"
#include "BoundRows.h"

void symdiff_avx2_bound_sum(double *value, double *bound, const double *x, const double *e, double unit, long n) {
    symdiff_bound_sum_loop(value, bound, x, e, unit, n);
}

void symdiff_avx2_bound_product(double *value, double *bound, const double *x, const double *e, double unit, long n) {
    symdiff_bound_product_loop(value, bound, x, e, unit, n);
}

#pragma clang attribute pop
