// Keeping freed heap memory in the process for the next run.
//
// A run allocates its result columns and per-job arrays afresh (about 200 MB
// at 1-minute steps, 14 MB hourly with the default scenario's jobs) and frees
// them at its end. glibc hands large freed blocks back to the kernel (blocks
// it mapped on their own at once, the top of the heap once it passes a
// threshold), so the next run in the same process takes a page fault for
// every 4 KiB it touches again: a fifth of a 1-minute run's time goes to
// them. Processes that run many scenarios one after another (the server's
// workers, the benchmarks) call keep_freed_memory_for_reuse() once at start;
// their resident memory then stays at its high-water mark. A single
// `shapan run` has nothing to reuse and does not call it.
#pragma once

namespace shapan {

// Makes the C library keep freed memory for reuse (glibc: blocks up to
// 32 MiB come from the heap, and the heap is never trimmed). Returns false,
// changing nothing, where the allocator offers no such setting (another C
// library, or a sanitizer's allocator).
// Thread-safety: call before starting threads.
bool keep_freed_memory_for_reuse();

}  // namespace shapan
