// glibc's sincosl, which Swift's Glibc module does not show (it needs _GNU_SOURCE).
#define _GNU_SOURCE
#include "CVectorMath.h"

#include <math.h>

#if defined(__x86_64__)
void symdiff_sincosl(long double x, long double *s, long double *c) { sincosl(x, s, c); }
#endif
