// The tables of the AVX2 log kernel (LogKernel.h): 1/c and -log(1/c) per subinterval.
#include "Kernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/// x = 2^k z with z in [0x1.67p-1, 0x1.67p0): the bits of z are `SYMDIFF_LOG_OFFSET` plus x's
/// significand field. The top 7 bits of that field pick the subinterval j of z; subinterval
/// `log_one` is centred on 1, so that r = z - 1 is exact near x = 1.
static const int log_one = 76;

/// Per subinterval: 1/c for its centre c (exactly 1 for `log_one`) and -log(1/c) as hi + lo.
double symdiff_log_table_invc[128], symdiff_log_table_logc_hi[128], symdiff_log_table_logc_lo[128];

static double from_bits(uint64_t bits) {
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

__attribute__((constructor)) static void log_table_init(void) {
    for (int j = 0; j < 128; j++) {
        long double low = from_bits(SYMDIFF_LOG_OFFSET + ((uint64_t)j << 45));
        long double high = from_bits(SYMDIFF_LOG_OFFSET + ((uint64_t)(j + 1) << 45));
        double invc = j == log_one ? 1.0 : (double)(2 / (low + high));
        long double logc = -logl(invc);
        symdiff_log_table_invc[j] = invc;
        symdiff_log_table_logc_hi[j] = (double)logc;
        symdiff_log_table_logc_lo[j] = (double)(logc - symdiff_log_table_logc_hi[j]);
    }
}
