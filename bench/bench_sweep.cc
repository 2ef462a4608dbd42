// Sweep throughput (issue 16): configurations per second per core of the
// default scenario (examples/qinghai_base.toml, a year hourly), each a full
// load + simulation + summary through sweep::Evaluator, as `shapan sweep`
// runs them. The axis is the PV size (ten values, cycled), which leaves the
// files to the shared io::LoadCache and the weather on the run's steps, the sun
// positions, the PV plane, wind, data center and jobs to the shared
// sim::PreparedStore (each PV size recomputes only its DC and AC output); the
// first configuration (files, resampling, every prepared part) runs before
// the timing.
//
//   BM_SweepConfigurationNoJobs   the base without [workload] and [scheduler]
//   BM_SweepConfigurationWithJobs the base as shipped (green_following)
//   BM_SweepLoadOnlyNoJobs        the load through the cache alone (the
//                                 sweep's overhead over sim::run)
//   BM_SimRunOnlyNoJobs           sim::run(setup) + summary of an already
//                                 loaded setup, preparing it each time (a
//                                 single run from scratch, minus the files)
//   BM_SimRunPreparedNoJobs       sim::run on a prepared run + summary (the
//                                 time loop's share)
//
// Freed memory is kept for the next run (warm_memory_main.cc), as
// `shapan sweep` keeps it.
//
// Run from the repository root: build/release/bench/bench_sweep
#include <benchmark/benchmark.h>

#include "shapan/io/scenario.h"
#include "shapan/metrics/summary.h"
#include "shapan/sim/prepared.h"
#include "shapan/sim/simulation.h"
#include "shapan/sweep/evaluate.h"

namespace {

using shapan::sweep::Axis;
using shapan::sweep::Configuration;
using shapan::sweep::Evaluator;
using shapan::sweep::SweepDefinition;

SweepDefinition definition(bool jobs) {
  SweepDefinition d;
  d.file = "bench_sweep";
  d.base = "examples/qinghai_base.toml";
  if (!jobs) d.without = {"workload", "scheduler"};
  Axis pv{.key = "pv.0.dc_capacity_kw"};
  for (int i = 0; i < 10; ++i) pv.values.push_back(shapan::sweep::toml_float(100000.0 + 2e4 * i));
  d.axes = {pv};
  return d;
}

void run_configurations(benchmark::State& state, bool jobs) {
  const Evaluator e(definition(jobs));
  const std::vector<Configuration> configs = shapan::sweep::configurations(e.definition());
  (void)e.evaluate(configs[0]);  // fills the cache
  std::size_t i = 0;
  for (auto _ : state) {
    const shapan::sweep::Row row = e.evaluate(configs[i++ % configs.size()]);
    if (row.status != shapan::sweep::RowStatus::kDone) state.SkipWithError(row.message.c_str());
    benchmark::DoNotOptimize(row.kpis.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SweepConfigurationNoJobs(benchmark::State& state) { run_configurations(state, false); }
void BM_SweepConfigurationWithJobs(benchmark::State& state) { run_configurations(state, true); }

void BM_SweepLoadOnlyNoJobs(benchmark::State& state) {
  const Evaluator e(definition(false));
  const std::vector<Configuration> configs = shapan::sweep::configurations(e.definition());
  shapan::io::LoadCache cache;
  const auto load = [&](std::size_t i) {
    return shapan::io::load_scenario_text(e.base_text(), "examples/qinghai_base.toml", "examples",
                                          shapan::sweep::overrides(e.definition(), configs[i]),
                                          &cache);
  };
  (void)load(0);
  std::size_t i = 0;
  for (auto _ : state) {
    const shapan::io::Scenario s = load(i++ % configs.size());
    benchmark::DoNotOptimize(s.setup.weather.get());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SimRunOnlyNoJobs(benchmark::State& state) {
  const Evaluator e(definition(false));
  const shapan::io::Scenario s =
      shapan::io::load_scenario_text(e.base_text(), "examples/qinghai_base.toml", "examples");
  for (auto _ : state) {
    const shapan::sim::Results r = shapan::sim::run(s.setup);
    const shapan::metrics::Summary summary = shapan::metrics::summarize(s.name, r, s.costs);
    benchmark::DoNotOptimize(summary.cfe_score);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SimRunPreparedNoJobs(benchmark::State& state) {
  const Evaluator e(definition(false));
  const shapan::io::Scenario s =
      shapan::io::load_scenario_text(e.base_text(), "examples/qinghai_base.toml", "examples");
  const shapan::sim::PreparedRun prepared = shapan::sim::prepare(s.setup);
  for (auto _ : state) {
    const shapan::sim::Results r = shapan::sim::run(s.setup, prepared);
    const shapan::metrics::Summary summary = shapan::metrics::summarize(s.name, r, s.costs);
    benchmark::DoNotOptimize(summary.cfe_score);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_SweepConfigurationNoJobs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SweepConfigurationWithJobs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SweepLoadOnlyNoJobs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimRunOnlyNoJobs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimRunPreparedNoJobs)->Unit(benchmark::kMillisecond);

}  // namespace
