// Loops over libmvec kernels, four doubles per call (glibc's x86_64 vector ABI, AVX2 variant).
//
// libmvec takes and returns __m256d in ymm registers. Clang chooses how a file passes __m256d by
// the flags of the whole file (-mavx), not by a function's target attribute: without -mavx2
// (which SwiftPM allows only as an unsafe flag) a C call would pass the vectors in memory and
// libmvec would read whatever is in ymm0 and ymm1. So the calls go through the assembly
// trampolines of LibmvecCalls.S, which take pointers and load the registers themselves.
#include "CVectorMathAVX2.h"

#include <math.h>

/// Four lanes of glibc's AVX2 pow (`_ZGVdN4vv_pow`: within 1 ulp, 0.998 measured, special lanes
/// through scalar pow): y[0..3] = pow(a[0..3], b[0..3]).
void symdiff_libmvec_pow4(const double *a, const double *b, double *y);

void symdiff_avx2_pow(const double *a, const double *b, double *y, long n) {
    long i = 0;
    for (; i + 4 <= n; i += 4) symdiff_libmvec_pow4(a + i, b + i, y + i);
    for (; i < n; i++) y[i] = pow(a[i], b[i]);
}
