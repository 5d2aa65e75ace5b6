// The table of the AVX2 exp kernel (ExpKernel.h): 2^(j/128) for j in 0..<128.
#include "Kernels.h"

#include <math.h>

/// 2^(j/128) for j in 0..<128 as an unevaluated sum hi + lo, accurate to about 2^-63: hi at 2j,
/// lo at 2j + 1.
double symdiff_exp_table[256];

__attribute__((constructor)) static void exp_table_init(void) {
    for (int j = 0; j < 128; j++) {
        long double value = exp2l((long double)j / 128);
        double hi = (double)value;
        symdiff_exp_table[2 * j] = hi;
        symdiff_exp_table[2 * j + 1] = (double)(value - hi);
    }
}
