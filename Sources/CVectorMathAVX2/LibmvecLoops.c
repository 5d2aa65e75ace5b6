// Loops over libmvec kernels, four doubles per call (glibc's x86_64 vector ABI, AVX2 variant).
#include "CVectorMathAVX2.h"

#include <immintrin.h>
#include <math.h>

/// glibc's AVX2 pow: within 1 ulp (0.998 measured), special lanes through scalar pow.
__m256d _ZGVdN4vv_pow(__m256d a, __m256d b);

void symdiff_avx2_pow(const double *a, const double *b, double *y, long n) {
    long i = 0;
    for (; i + 4 <= n; i += 4)
        _mm256_storeu_pd(y + i, _ZGVdN4vv_pow(_mm256_loadu_pd(a + i), _mm256_loadu_pd(b + i)));
    for (; i < n; i++) y[i] = pow(a[i], b[i]);
}
