#include "shapan/core/memory.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstddef>
#include <cstring>
#include <memory>

namespace shapan {
namespace {

long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// Allocates, touches every byte of, and frees a block the size of a few
// 1-minute result columns; returns the page faults that took.
long faults_to_touch(std::size_t bytes) {
  const long before = minor_faults();
  auto block = std::make_unique_for_overwrite<unsigned char[]>(bytes);
  std::memset(block.get(), 1, bytes);
  volatile unsigned char sink = block[bytes - 1];
  (void)sink;
  return minor_faults() - before;
}

// Without the setting glibc maps a 16 MiB block on its own and unmaps it when
// freed, so touching a second one faults as often as the first. With it the
// second block reuses the first one's pages.
TEST(MemoryTest, FreedBlocksAreReusedWithoutPageFaults) {
  if (!keep_freed_memory_for_reuse()) {
    GTEST_SKIP() << "this allocator (e.g. a sanitizer's) has no such setting";
  }
  constexpr std::size_t kBytes = 16u << 20;
  const long first = faults_to_touch(kBytes);
  const long second = faults_to_touch(kBytes);
  // The first block's pages were new: 4,096 faults of 4 KiB, or 8 where the
  // kernel backs the heap with 2 MiB pages. Reuse takes almost none.
  EXPECT_GT(first, 0);
  EXPECT_LE(second * 8, first) << "reuse faulted " << second << " times";
}

}  // namespace
}  // namespace shapan
