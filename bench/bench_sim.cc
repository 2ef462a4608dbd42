// Whole-run benchmarks of the default scenario (examples/qinghai_base.toml):
// one year hourly and one year at 1-minute steps. The scenario and its files
// are read once, outside the timed loop; what is timed is sim::run (PV, wind,
// data center, jobs, dispatch and the ledger) plus the KPI summary.
// The plain benchmarks run sim::run(setup), which prepares the run first
// (sim::prepare: sun positions, PV, wind, data center, jobs): the cost of a
// single run from scratch, minus the file reading. The *Prepared variants
// prepare once, outside the timing, and time sim::run on the prepared run, as
// the sweep's configurations that share every prepared part do.
//
// Variants: ...NoJobs drops the [workload] (the plant, data center and
// dispatch alone); ...Fcfs runs the workload under fcfs instead of the
// scenario's green_following; ...ColdMemory gives the freed memory back to
// the kernel before each run (outside the timing), so that the run pays the
// page faults of fresh memory as a new process does. The others reuse it
// (warm_memory_main.cc).
//
// Run from the repository root: build/release/bench/bench_sim
// Peak memory: the counter peak_rss_mb is the process's high-water mark after
// the timed runs, with the mark reset (Linux /proc/self/clear_refs) just
// before them, so it covers the run but not the file reading.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <fstream>
#include <string>
#include <vector>

#include "shapan/io/scenario.h"
#include "shapan/metrics/summary.h"
#include "shapan/sim/prepared.h"
#include "shapan/sim/simulation.h"

namespace {

double peak_rss_mb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0.0;
}

void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }

// What a case varies from the default scenario as shipped.
struct Case {
  int step_minutes = 60;
  bool with_jobs = true;
  std::string policy;        // "" = the scenario's
  bool prepared = false;     // sim::prepare once, outside the timing
  bool cold_memory = false;  // freed memory handed back before each run
};

void run_default(benchmark::State& state, const Case& c) {
  std::vector<std::string> overrides = {"simulation.step_minutes=" +
                                        std::to_string(c.step_minutes)};
  if (!c.policy.empty()) overrides.push_back("scheduler.policy=" + c.policy);
  shapan::io::Scenario scenario =
      shapan::io::load_scenario("examples/qinghai_base.toml", overrides);
  if (!c.with_jobs) scenario.setup.workload.reset();
  const shapan::sim::PreparedRun prepared = shapan::sim::prepare(scenario.setup);
  reset_peak_rss();
  for (auto _ : state) {
    if (c.cold_memory) {
      state.PauseTiming();
      malloc_trim(0);
      state.ResumeTiming();
    }
    const shapan::sim::Results r =
        c.prepared ? shapan::sim::run(scenario.setup, prepared) : shapan::sim::run(scenario.setup);
    benchmark::DoNotOptimize(shapan::metrics::summarize(scenario.name, r, scenario.costs));
  }
  const auto steps = static_cast<double>(shapan::sim::step_count(scenario.setup));
  state.counters["steps"] = steps;
  state.counters["steps_per_s"] =
      benchmark::Counter(steps, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss_mb"] = peak_rss_mb();
}

void BM_DefaultScenarioYearHourly(benchmark::State& state) { run_default(state, {}); }
void BM_DefaultScenarioYearHourlyNoJobs(benchmark::State& state) {
  run_default(state, {.with_jobs = false});
}
void BM_DefaultScenarioYearHourlyFcfs(benchmark::State& state) {
  run_default(state, {.policy = "fcfs"});
}
void BM_DefaultScenarioYearOneMinute(benchmark::State& state) {
  run_default(state, {.step_minutes = 1});
}
void BM_DefaultScenarioYearOneMinuteNoJobs(benchmark::State& state) {
  run_default(state, {.step_minutes = 1, .with_jobs = false});
}
void BM_DefaultScenarioYearHourlyPrepared(benchmark::State& state) {
  run_default(state, {.prepared = true});
}
void BM_DefaultScenarioYearHourlyNoJobsPrepared(benchmark::State& state) {
  run_default(state, {.with_jobs = false, .prepared = true});
}
void BM_DefaultScenarioYearHourlyColdMemory(benchmark::State& state) {
  run_default(state, {.cold_memory = true});
}
void BM_DefaultScenarioYearHourlyNoJobsColdMemory(benchmark::State& state) {
  run_default(state, {.with_jobs = false, .cold_memory = true});
}
void BM_DefaultScenarioYearOneMinuteColdMemory(benchmark::State& state) {
  run_default(state, {.step_minutes = 1, .cold_memory = true});
}
void BM_DefaultScenarioYearOneMinuteNoJobsColdMemory(benchmark::State& state) {
  run_default(state, {.step_minutes = 1, .with_jobs = false, .cold_memory = true});
}

BENCHMARK(BM_DefaultScenarioYearHourly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultScenarioYearHourlyNoJobs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultScenarioYearHourlyFcfs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultScenarioYearOneMinute)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultScenarioYearOneMinuteNoJobs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultScenarioYearHourlyPrepared)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultScenarioYearHourlyNoJobsPrepared)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultScenarioYearHourlyColdMemory)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultScenarioYearHourlyNoJobsColdMemory)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultScenarioYearOneMinuteColdMemory)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultScenarioYearOneMinuteNoJobsColdMemory)->Unit(benchmark::kMillisecond);

}  // namespace
