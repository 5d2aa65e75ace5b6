// System calls the Swift overlay of glibc does not reach (they need _GNU_SOURCE).
#ifndef C_SYSTEM_CALLS_H
#define C_SYSTEM_CALLS_H

/// Starts writing the dirty pages of bytes [offset, offset + count) of the file `descriptor` to
/// the disk without waiting for them (Linux `sync_file_range` with `SYNC_FILE_RANGE_WRITE`), so
/// that a later `fsync` has little left to do; returns 0, or -1 with `errno` set (a no-op
/// returning 0 where the call does not exist).
int symdiff_start_writeback(int descriptor, long long offset, long long count);

#endif
