// glibc's malloc tuning, which Swift's Glibc module does not export (malloc.h).
#include "CVectorMath.h"

#include <malloc.h>

void symdiff_keep_freed_blocks(long mapAbove, long trimAbove) {
    mallopt(M_MMAP_THRESHOLD, (int)mapAbove);
    mallopt(M_TRIM_THRESHOLD, (int)trimAbove);
}
