// Progress and cancel of a solve (control.h, issue 15 item 7).
//
// The problem: a year hourly (8,760 steps) of a 10 MW load with one PV
// array (a clear-sky-like daily sine times a seeded cloud factor), one wind
// farm (seeded), one battery sized in power and energy, grid at 0.05-0.15
// per kWh, and an hourly CFE target of 85 %. Its capacity search takes
// about a second and a half and some 20-60 LPs here; the textbook
// (monolithic) LP takes several seconds in one Clp solve. That is long
// enough to cancel each part-way from another thread and to see progress.
#include "shapan/optimize/control.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

#include "shapan/optimize/sizing.h"

namespace shapan::optimize {
namespace {

SizingProblem year_problem() {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const std::size_t n = 8760;
  SizingProblem p;
  p.load_kw.assign(n, 10000.0);
  SizedSource pv{.name = "pv", .kind = "pv", .cost_per_kw_year = 40.0};
  SizedSource wind{.name = "wind", .kind = "wind", .cost_per_kw_year = 90.0};
  for (std::size_t t = 0; t < n; ++t) {
    const double hour = static_cast<double>(t % 24);
    pv.availability_per_kw.push_back(std::max(0.0, std::sin((hour - 6.0) / 12.0 * M_PI)) *
                                     (0.5 + 0.5 * u(rng)));
    wind.availability_per_kw.push_back(u(rng) * u(rng));
    p.grid_price_per_kwh.push_back(0.05 + 0.1 * u(rng));
    p.grid_carbon_kg_per_kwh.push_back(0.6);
  }
  p.sources = {pv, wind};
  p.storages.push_back(SizedStorage{.name = "battery",
                                    .cost_per_kw_year = 20.0,
                                    .cost_per_kwh_year = 10.0,
                                    .charge_efficiency_frac = 0.95,
                                    .discharge_efficiency_frac = 0.95});
  p.grid_import_limit_kw = 1e6;
  p.targets.cfe_min_frac = 0.85;
  return p;
}

double seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

struct Timed {
  SizingResult result;
  double cancel_to_return_s = 0.0;
};

// Solves on this thread; another thread cancels once `when` says so
// (checked every millisecond) and the time from cancel() to the solve's
// return is measured.
template <class When>
Timed solve_and_cancel(const SizingProblem& p, SizingMethod method, SolveControl& control,
                       When when) {
  SizingOptions o{.method = method};
  o.solve.control = &control;
  std::atomic<bool> done{false};
  std::chrono::steady_clock::time_point cancelled_at{};
  std::thread canceller([&] {
    while (!done.load() && !when()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    cancelled_at = std::chrono::steady_clock::now();
    control.cancel();
  });
  Timed t{.result = solve_sizing(p, o)};
  const auto returned = std::chrono::steady_clock::now();
  done = true;
  canceller.join();
  t.cancel_to_return_s = seconds(returned - cancelled_at);
  std::printf("cancel() to return: %.1f ms (%d LPs)\n", 1000.0 * t.cancel_to_return_s,
              t.result.lp_solves);
  return t;
}

TEST(SolveControlTest, CancelStopsTheCapacitySearchBetweenLps) {
  std::atomic<int> reports{0};
  SolveControl control([&](const SolveProgress&) { ++reports; });
  // Cancelled once the search has reported twice (two master LPs done).
  const Timed t = solve_and_cancel(year_problem(), SizingMethod::kCapacitySearch, control,
                                   [&] { return reports.load() >= 2; });
  EXPECT_EQ(t.result.status, SolveStatus::kCancelled) << t.result.message;
  EXPECT_NE(t.result.message.find("cancelled after"), std::string::npos) << t.result.message;
  EXPECT_GE(t.result.lp_solves, 2);
  // Promptly: within one warm LP (tens of ms) or the simplex iteration in
  // flight; 0.5 s leaves room for a loaded machine.
  EXPECT_LT(t.cancel_to_return_s, 0.5);
  EXPECT_EQ(to_string(t.result.status), "cancelled");
}

TEST(SolveControlTest, CancelStopsOneClpSolveInsideTheSimplex) {
  SolveControl control;
  const auto start = std::chrono::steady_clock::now();
  // The textbook LP is one long Clp solve: cancelled 300 ms into it.
  const Timed t = solve_and_cancel(year_problem(), SizingMethod::kMonolithic, control, [&] {
    return seconds(std::chrono::steady_clock::now() - start) > 0.3;
  });
  EXPECT_EQ(t.result.status, SolveStatus::kCancelled) << t.result.message;
  EXPECT_NE(t.result.message.find("simplex"), std::string::npos) << t.result.message;
  EXPECT_LT(t.cancel_to_return_s, 0.5);
  EXPECT_TRUE(t.result.source_capacity_kw.empty());  // no partial point kept
}

TEST(SolveControlTest, CancelledBeforeTheStartSolvesNothing) {
  SolveControl control;
  control.cancel();
  SizingOptions o;
  o.solve.control = &control;
  const SizingResult r = solve_sizing(year_problem(), o);
  EXPECT_EQ(r.status, SolveStatus::kCancelled);
  EXPECT_EQ(r.lp_solves, 0);
}

TEST(SolveControlTest, ProgressIsMonotoneAndEndsAtOneWithTheGapClosed) {
  std::vector<SolveProgress> seen;
  SolveControl control([&](const SolveProgress& p) { seen.push_back(p); });
  SizingOptions o;
  o.solve.control = &control;
  const SizingResult r = solve_sizing(year_problem(), o);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  ASSERT_GE(seen.size(), 3u);
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].phase, "capacity_search");
    EXPECT_GE(seen[i].fraction, 0.0);
    EXPECT_LE(seen[i].fraction, 1.0);
    if (i > 0) {
      EXPECT_GE(seen[i].fraction, seen[i - 1].fraction) << "report " << i;
    }
    EXPECT_TRUE(std::isfinite(seen[i].gap_frac));
    EXPECT_NE(seen[i].message.find("gap"), std::string::npos);
  }
  // The last report is the stopping test's: the gap within relative_gap,
  // the fraction 1 (reached at a gap of 1e-6).
  EXPECT_DOUBLE_EQ(seen.back().fraction, 1.0);
  EXPECT_LE(seen.back().gap_frac, o.relative_gap);
  EXPECT_LT(seen.front().fraction, 0.5);
  // Without a control the same solve gives the same answer.
  const SizingResult plain = solve_sizing(year_problem(), SizingOptions{});
  EXPECT_EQ(plain.objective_per_year, r.objective_per_year);
}

TEST(SolveControlTest, ReportClampsAndKeepsFractionsFromFalling) {
  std::vector<double> f;
  SolveControl control([&](const SolveProgress& p) { f.push_back(p.fraction); });
  for (const double x : {0.2, 0.1, 1.5, -1.0}) control.report({.phase = "a", .fraction = x});
  control.report({.phase = "b", .fraction = 0.05});  // a new phase starts from 0
  EXPECT_EQ(f, (std::vector<double>{0.2, 0.2, 1.0, 1.0, 0.05}));
}

}  // namespace
}  // namespace shapan::optimize
