// The reference capacity-expansion LP (examples/lp_reference.toml,
// docs/optimization.md) solved three ways; the scenario is read once,
// outside the timing. What is timed is building and solving the LP(s).
//   CapacitySearch: the default method (capacities outside, Kelley cuts,
//     warm-started dispatch LPs).
//   Monolithic: the textbook LP, every capacity a column, dual simplex.
//   DispatchAtOptimum: the dispatch LP alone with every capacity fixed at
//     the optimum (one cold solve): the floor under any outer search.
//   MpcYear: --mode mpc on examples/golmud_solar_wind_storage.toml: a year
//     hourly through the engine with a 48 h horizon re-planned daily (365
//     window LPs), and hourly (8,760); perfect forecast. Timed: the engine's
//     run with every window's forecast, LP and solve (the scenario read and
//     sim::prepare outside).
//   MpcYearDefaultBase: the same on examples/qinghai_base.toml (hydro, each
//     window re-linearised; the jobs under green_following), re-planned
//     daily; the rules run that gives the windows their load and reservoir
//     guide (optimize::mpc_problem) outside the timing.
// Counters: lp_solves and simplex iterations of the last run.
// Run from the repository root: build/release/bench/bench_optimize
// (--benchmark_filter=CapacitySearch for the fast one only). The whole-process
// figure (read, build, solve, write) is `shapan optimize`; docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include "shapan/io/scenario.h"
#include "shapan/optimize/dispatch.h"
#include "shapan/optimize/mpc.h"
#include "shapan/optimize/scenario_input.h"
#include "shapan/optimize/sizing.h"

namespace {

using shapan::optimize::SizingMethod;

const shapan::optimize::SizingProblem& reference() {
  static const shapan::optimize::SizingProblem kProblem = [] {
    const shapan::io::Scenario s = shapan::io::load_scenario("examples/lp_reference.toml");
    return shapan::optimize::sizing_problem(s.setup, s.costs, s.optimize);
  }();
  return kProblem;
}

void run(benchmark::State& state, const shapan::optimize::SizingProblem& p, SizingMethod method) {
  shapan::optimize::SizingOptions o;
  o.method = method;
  shapan::optimize::SizingResult r;
  for (auto _ : state) {
    r = shapan::optimize::solve_sizing(p, o);
    benchmark::DoNotOptimize(r.objective_per_year);
  }
  if (r.status != shapan::optimize::SolveStatus::kOptimal) state.SkipWithError("not optimal");
  state.counters["lp_solves"] = r.lp_solves;
  state.counters["iterations"] = static_cast<double>(r.iterations);
}

void BM_ReferenceLpCapacitySearch(benchmark::State& state) {
  run(state, reference(), SizingMethod::kCapacitySearch);
}
BENCHMARK(BM_ReferenceLpCapacitySearch)->Unit(benchmark::kSecond)->Iterations(1)->Repetitions(5);

void BM_ReferenceLpMonolithic(benchmark::State& state) {
  run(state, reference(), SizingMethod::kMonolithic);
}
BENCHMARK(BM_ReferenceLpMonolithic)->Unit(benchmark::kSecond)->Iterations(1)->Repetitions(1);

void BM_ReferenceLpDispatchAtOptimum(benchmark::State& state) {
  shapan::optimize::SizingProblem p = reference();
  const double fixed_kw[] = {238853.838, 0.0};
  for (std::size_t k = 0; k < p.sources.size(); ++k) {
    p.sources[k].capacity_min_kw = p.sources[k].capacity_max_kw = fixed_kw[k];
  }
  p.storages[0].power_min_kw = p.storages[0].power_max_kw = 147051.702;
  run(state, p, SizingMethod::kMonolithic);
}
BENCHMARK(BM_ReferenceLpDispatchAtOptimum)->Unit(benchmark::kSecond)->Iterations(1)->Repetitions(5);

void BM_MpcYear(benchmark::State& state) {
  static const shapan::io::Scenario kScenario =
      shapan::io::load_scenario("examples/golmud_solar_wind_storage.toml");
  const shapan::optimize::DispatchProblem problem =
      shapan::optimize::dispatch_problem(kScenario.setup, kScenario.costs, kScenario.optimize);
  const shapan::sim::PreparedRun prepared = shapan::sim::prepare(kScenario.setup);
  const shapan::optimize::MpcOptions o{.horizon_h = 48.0,
                                       .replan_every_h = static_cast<double>(state.range(0))};
  shapan::optimize::MpcStats stats;
  for (auto _ : state) {
    const shapan::optimize::MpcRun r =
        shapan::optimize::run_mpc(kScenario.setup, problem, o, {}, {}, &prepared);
    benchmark::DoNotOptimize(r.results.battery_stored_end_kwh);
    stats = r.stats;
  }
  if (stats.failed_windows > 0) state.SkipWithError("a window found no plan");
  state.counters["lp_solves"] = static_cast<double>(stats.lp_solves);
  state.counters["iterations"] = static_cast<double>(stats.iterations);
  state.counters["solve_s"] = stats.solve_seconds;
}
BENCHMARK(BM_MpcYear)->Arg(24)->Arg(1)->Unit(benchmark::kSecond)->Iterations(1)->Repetitions(5);

void BM_MpcYearDefaultBase(benchmark::State& state) {
  static const shapan::io::Scenario kScenario =
      shapan::io::load_scenario("examples/qinghai_base.toml");
  const shapan::sim::PreparedRun prepared = shapan::sim::prepare(kScenario.setup);
  const shapan::optimize::DispatchProblem problem = shapan::optimize::mpc_problem(
      shapan::optimize::dispatch_problem(kScenario.setup, kScenario.costs, kScenario.optimize),
      shapan::sim::run(kScenario.setup, prepared));
  const shapan::optimize::MpcOptions o{.horizon_h = 48.0, .replan_every_h = 24.0};
  shapan::optimize::MpcStats stats;
  for (auto _ : state) {
    const shapan::optimize::MpcRun r =
        shapan::optimize::run_mpc(kScenario.setup, problem, o, {}, {}, &prepared);
    benchmark::DoNotOptimize(r.results.reservoir_storage_end_hm3);
    stats = r.stats;
  }
  if (stats.failed_windows > 0) state.SkipWithError("a window found no plan");
  state.counters["lp_solves"] = static_cast<double>(stats.lp_solves);
  state.counters["iterations"] = static_cast<double>(stats.iterations);
  state.counters["solve_s"] = stats.solve_seconds;
}
BENCHMARK(BM_MpcYearDefaultBase)->Unit(benchmark::kSecond)->Iterations(1)->Repetitions(5);

}  // namespace

BENCHMARK_MAIN();
