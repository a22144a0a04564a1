// jemalloc's start-up options for every stbench process (jemalloc reads the global `malloc_conf` before
// the MALLOC_CONF environment variable, which still overrides it: `MALLOC_CONF=thp:never stbench ...`).
//
// thp:always: jemalloc asks the kernel for transparent huge pages (madvise MADV_HUGEPAGE) on its heap.
// Why: a table is hundreds of MB of small objects reached by random keys, and with 4 KiB pages nearly every
// cold record, partition and B-tree node also misses the TLB (a two-level page walk on this VM). Measured
// (`stbench bench engine --messages 500000 --operations 100000`, release, three alternating runs each on a
// busy 2-core VM): Query newest-20 on a random conversation 4806/5165/4416 ns CPU -> 3555/4506/3813 ns,
// GetItem 5792/6042/5609 -> 4090/5374/4612 ns; the cache-resident (hot) figures did not move. The
// machine's THP mode is "madvise", so without this the heap stays on 4 KiB pages.
// The price is paid at first touch: the kernel zeroes (and may compact for) a whole 2 MB page per fault, and
// the two-thread dataset load of messaging-default ran at 492k-844k items/s against 719k-773k without. The
// operations are what stbench measures, so they get the huge pages (README, Figures, has the runs).
//
// Where jemalloc is not the allocator this symbol is unused and harmless.
const char *malloc_conf = "thp:always";
