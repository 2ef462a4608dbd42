// The default scenario (examples/qinghai_base.toml) with its Alibaba GPU
// workload over a year at 5-minute steps, plant included, once per
// scheduling policy; and the same without the scheduler, for the overhead.
// The scenario and its files are read once, outside the timed loop; what is
// timed is sim::run: PV, wind, data center, job generation (replay and
// scaling of the trace: about 66,000 jobs), the scheduler, dispatch and the
// ledger.
//
// Run from the repository root: build/release/bench/bench_jobs
#include <benchmark/benchmark.h>

#include <string>

#include "shapan/io/scenario.h"
#include "shapan/sim/simulation.h"

namespace {

void run_policy(benchmark::State& state, const std::string& policy, bool with_jobs) {
  shapan::io::Scenario scenario = shapan::io::load_scenario(
      "examples/qinghai_base.toml", {"simulation.step_minutes=5", "scheduler.policy=" + policy});
  if (!with_jobs) scenario.setup.workload.reset();
  std::size_t jobs = 0;
  for (auto _ : state) {
    const shapan::sim::Results r = shapan::sim::run(scenario.setup);
    jobs = r.jobs ? r.jobs->jobs.size() : 0;
    benchmark::DoNotOptimize(r.steps.datacenter_kw.data());
  }
  state.counters["steps"] = static_cast<double>(scenario.setup.weather.size());
  state.counters["jobs"] = static_cast<double>(jobs);
}

void BM_YearFiveMinuteNoJobs(benchmark::State& s) { run_policy(s, "fcfs", false); }
void BM_YearFiveMinuteFcfs(benchmark::State& s) { run_policy(s, "fcfs", true); }
void BM_YearFiveMinuteGreenFollowing(benchmark::State& s) {
  run_policy(s, "green_following", true);
}
void BM_YearFiveMinuteForecastThreshold(benchmark::State& s) {
  run_policy(s, "forecast_threshold", true);
}
void BM_YearFiveMinutePowerCapping(benchmark::State& s) { run_policy(s, "power_capping", true); }

BENCHMARK(BM_YearFiveMinuteNoJobs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YearFiveMinuteFcfs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YearFiveMinuteGreenFollowing)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YearFiveMinuteForecastThreshold)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YearFiveMinutePowerCapping)->Unit(benchmark::kMillisecond);

}  // namespace
