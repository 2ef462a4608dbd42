// main() of the whole-run benchmarks. Each case runs a scenario again and
// again in one process, as the server's workers do, and like them keeps
// freed memory for the next run (shapan/core/memory.h). Without that, glibc's
// heuristics decided case by case: some cases reused their memory and others
// paid page faults on every run, so the figures measured different things.
// Cases named *ColdMemory hand the memory back to the kernel before each run,
// so that the run touches fresh pages as a new `shapan run` process does.
#include <benchmark/benchmark.h>

#include <cstdio>

#include "shapan/core/memory.h"

int main(int argc, char** argv) {
  if (!shapan::keep_freed_memory_for_reuse()) {
    std::fprintf(stderr, "note: this allocator cannot keep freed memory; runs may fault pages\n");
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
