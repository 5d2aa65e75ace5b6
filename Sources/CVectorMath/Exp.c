// The table of the AVX2 exp kernel (ExpKernel.h): 2^(j/128) for j in 0..<128.
#include "Kernels.h"

#include <math.h>

/// 2^(j/128) for j in 0..<128 as an unevaluated sum hi + lo, accurate to about 2^-63.
double symdiff_exp_table_hi[128], symdiff_exp_table_lo[128];

__attribute__((constructor)) static void exp_table_init(void) {
    for (int j = 0; j < 128; j++) {
        long double value = exp2l((long double)j / 128);
        symdiff_exp_table_hi[j] = (double)value;
        symdiff_exp_table_lo[j] = (double)(value - symdiff_exp_table_hi[j]);
    }
}
