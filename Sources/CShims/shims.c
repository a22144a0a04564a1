// CShims is header-only (static inline functions); this file gives SwiftPM a C source to build.
#include "stbench_shims.h"
