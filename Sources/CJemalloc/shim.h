#ifndef STBENCH_CJEMALLOC_SHIM_H
#define STBENCH_CJEMALLOC_SHIM_H
// Debian's libjemalloc-dev builds jemalloc without a symbol prefix: linking it replaces malloc/free
// for the whole process, and mallctl() reads its statistics.
#include <jemalloc/jemalloc.h>
#endif
