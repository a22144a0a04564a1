#ifndef STBENCH_SHIMS_H
#define STBENCH_SHIMS_H

/// Asks the CPU to start loading the cache line at `address` for reading. A hint only: never faults.
/// Why: Swift has no prefetch intrinsic, and a Query page retains each stored record (an atomic, serializing
/// write to the record's first cache line); prefetching the records first lets their misses overlap.
static inline void stbench_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
