// The reference capacity-expansion LP (examples/lp_reference.toml,
// docs/optimization.md) solved three ways; the scenario is read once,
// outside the timing. What is timed is building and solving the LP(s).
//   CapacitySearch: the default method (capacities outside, Kelley cuts,
//     warm-started dispatch LPs).
//   Monolithic: the textbook LP, every capacity a column, dual simplex.
//   DispatchAtOptimum: the dispatch LP alone with every capacity fixed at
//     the optimum (one cold solve): the floor under any outer search.
// Counters: lp_solves and simplex iterations of the last run.
// Run from the repository root: build/release/bench/bench_optimize
// (--benchmark_filter=CapacitySearch for the fast one only). The whole-process
// figure (read, build, solve, write) is `shapan optimize`; docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include "shapan/io/scenario.h"
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

}  // namespace

BENCHMARK_MAIN();
