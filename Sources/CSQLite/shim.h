#ifndef STBENCH_CSQLITE_SHIM_H
#define STBENCH_CSQLITE_SHIM_H
// SQLite from Debian's libsqlite3-dev (3.40 on bookworm): the peer target of `stbench run --target sqlite`.
#include <sqlite3.h>
#endif
