#include "shapan/core/memory.h"

#include <climits>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace shapan {

bool keep_freed_memory_for_reuse() {
#if defined(__GLIBC__)
  // 32 MiB is the largest mmap threshold glibc accepts on 64-bit systems;
  // setting it also stops glibc from moving the threshold by itself. A
  // 1-minute result column is 4.2 MB, so it comes from the heap, which is
  // then never trimmed.
  constexpr int kLargestMmapThresholdBytes = 32 * 1024 * 1024;
  return mallopt(M_MMAP_THRESHOLD, kLargestMmapThresholdBytes) == 1 &&
         mallopt(M_TRIM_THRESHOLD, INT_MAX) == 1;
#else
  return false;
#endif
}

}  // namespace shapan
