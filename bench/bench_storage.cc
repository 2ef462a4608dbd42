// Ten years of the default scenario (examples/qinghai_base.toml) at hourly
// steps, with battery ageing (rainflow counting + Xu et al. 2018 degradation,
// daily fade, replacement at end of life), the hydro plant and the grid
// tariff: the issue-4 target is under 50 ms.
//
// Two cases: the whole default scenario (including its job workload and
// scheduler), and the same without the workload, which isolates the plant
// (PV, wind, hydro, storage, grid), dispatch and ageing. The scenario and its
// files are read once, outside the timed loop; sim::run and the KPI summary
// are timed.
//
// Run from the repository root: build/release/bench/bench_storage
#include <benchmark/benchmark.h>

#include <string>

#include "shapan/io/scenario.h"
#include "shapan/metrics/summary.h"
#include "shapan/sim/simulation.h"

namespace {

void run_ten_years(benchmark::State& state, bool with_workload) {
  shapan::io::Scenario scenario =
      shapan::io::load_scenario("examples/qinghai_base.toml", {"simulation.years=10"});
  if (!with_workload) scenario.setup.workload.reset();
  int replacements = 0;
  double capacity_end = 1.0;
  for (auto _ : state) {
    const shapan::sim::Results r = shapan::sim::run(scenario.setup);
    const shapan::metrics::Summary s = shapan::metrics::summarize(scenario.name, r, scenario.costs);
    replacements = s.battery_replacements;
    capacity_end = s.battery_capacity_end_frac;
    benchmark::DoNotOptimize(s);
  }
  state.counters["steps"] = static_cast<double>(shapan::sim::step_count(scenario.setup));
  state.counters["battery_replacements"] = replacements;
  state.counters["battery_capacity_end_frac"] = capacity_end;
}

void BM_DefaultTenYearsHourlyWithAgeing(benchmark::State& state) { run_ten_years(state, true); }
void BM_DefaultTenYearsHourlyPlantOnly(benchmark::State& state) { run_ten_years(state, false); }

BENCHMARK(BM_DefaultTenYearsHourlyWithAgeing)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultTenYearsHourlyPlantOnly)->Unit(benchmark::kMillisecond);

// The ageing tracker alone: ten years of an hourly SOC trace (one cycle a day).
void BM_AgeingTenYearsHourly(benchmark::State& state) {
  shapan::gen::DegradationParams p;
  p.enabled = true;
  for (auto _ : state) {
    shapan::gen::BatteryAgeing ageing(p);
    for (int h = 0; h < 87600; ++h) {
      const double soc = 0.5 + 0.4 * ((h % 24) < 12 ? (h % 12) / 12.0 : 1.0 - (h % 12) / 12.0);
      ageing.observe(soc, soc, shapan::Duration::hours(1), 25.0);
      if (h % 24 == 23) benchmark::DoNotOptimize(ageing.capacity_frac());
    }
  }
}
BENCHMARK(BM_AgeingTenYearsHourly)->Unit(benchmark::kMillisecond);

}  // namespace
