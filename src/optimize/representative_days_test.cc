// Representative days on runs whose days repeat, where the reduction is exact.
#include "shapan/optimize/representative_days.h"

#include <gtest/gtest.h>

#include <utility>

#include "shapan/core/error.h"

namespace shapan::optimize {
namespace {

// `days` days hourly; PV available 0.8 from 08:00 to 16:00 on sunny days and
// 0.2 on cloudy ones (day d is cloudy when cloudy(d)); load 10 MW; grid at
// 0.05 $/kWh with 0.5 kg/kWh; PV at 100 $/kW/yr.
template <class Cloudy>
SizingProblem days_of(std::size_t days, Cloudy cloudy) {
  SizingProblem p;
  SizedSource pv{.name = "pv0", .kind = "pv", .cost_per_kw_year = 100.0};
  for (std::size_t d = 0; d < days; ++d) {
    for (std::size_t h = 0; h < 24; ++h) {
      p.load_kw.push_back(10000.0);
      pv.availability_per_kw.push_back(h >= 8 && h < 16 ? (cloudy(d) ? 0.2 : 0.8) : 0.0);
      p.grid_price_per_kwh.push_back(0.05);
      p.grid_carbon_kg_per_kwh.push_back(0.5);
    }
  }
  p.sources.push_back(pv);
  return p;
}

// With no storage each step stands alone, so a day weighted by the number of
// days like it gives the full run's optimum exactly.
TEST(RepresentativeDaysTest, TwoKindsOfDaysAreExactWithTwoRepresentatives) {
  const SizingProblem full = days_of(6, [](std::size_t d) { return d % 3 == 2; });
  const RepresentativeDays r = representative_days(full, 2);
  ASSERT_EQ(r.days.size(), 2U);
  EXPECT_EQ(r.problem.load_kw.size(), 48U);
  EXPECT_EQ(r.problem.period_steps, 24U);
  // One sunny day for four, one cloudy day for two.
  const bool first_sunny = r.days[0] % 3 != 2;
  EXPECT_DOUBLE_EQ(r.weights[first_sunny ? 0 : 1], 4.0);
  EXPECT_DOUBLE_EQ(r.weights[first_sunny ? 1 : 0], 2.0);
  SizingProblem targeted = full;
  targeted.targets.grid_share_max_frac = 0.7;
  const RepresentativeDays rt = representative_days(targeted, 2);
  using Pair = std::pair<const SizingProblem*, const SizingProblem*>;
  for (const auto& [a, b] : {Pair{&full, &r.problem}, Pair{&targeted, &rt.problem}}) {
    const SizingResult whole = solve_sizing(*a, SizingOptions{});
    const SizingResult reduced = solve_sizing(*b, SizingOptions{});
    ASSERT_EQ(whole.status, SolveStatus::kOptimal) << whole.message;
    ASSERT_EQ(reduced.status, SolveStatus::kOptimal) << reduced.message;
    EXPECT_NEAR(reduced.objective_per_year, whole.objective_per_year,
                1e-9 * whole.objective_per_year);
    EXPECT_NEAR(reduced.source_capacity_kw[0], whole.source_capacity_kw[0],
                1e-6 * whole.source_capacity_kw[0] + 1e-6);
    EXPECT_NEAR(reduced.grid_import_kwh, whole.grid_import_kwh, 1e-6 * whole.grid_import_kwh);
  }
}

// Identical days: one represents them all, with the battery cyclic within
// it, as the full run's optimum repeats daily.
TEST(RepresentativeDaysTest, IdenticalDaysReduceToOneWithStorage) {
  SizingProblem full = days_of(5, [](std::size_t) { return false; });
  full.storages.push_back(SizedStorage{.name = "battery0",
                                       .duration_h = 4.0,
                                       .cost_per_kw_year = 50.0,
                                       .charge_efficiency_frac = 0.95,
                                       .discharge_efficiency_frac = 0.95});
  const RepresentativeDays r = representative_days(full, 1);
  ASSERT_EQ(r.days.size(), 1U);
  EXPECT_DOUBLE_EQ(r.weights[0], 5.0);
  const SizingResult whole = solve_sizing(full, SizingOptions{});
  const SizingResult reduced = solve_sizing(r.problem, SizingOptions{});
  ASSERT_EQ(reduced.status, SolveStatus::kOptimal) << reduced.message;
  EXPECT_NEAR(reduced.objective_per_year, whole.objective_per_year,
              1e-9 * whole.objective_per_year);
}

TEST(RepresentativeDaysTest, BadCountsAreRefusedByName) {
  const SizingProblem full = days_of(3, [](std::size_t) { return false; });
  EXPECT_THROW(static_cast<void>(representative_days(full, 0)), InputError);
  EXPECT_THROW(static_cast<void>(representative_days(full, 4)), InputError);
  SizingProblem partial = full;
  partial.load_kw.pop_back();
  EXPECT_THROW(static_cast<void>(representative_days(partial, 1)), InputError);
  // Jobs (and hydro) carry state across days: refused, not silently cut.
  SizingProblem with_jobs = full;
  with_jobs.flexible_jobs.pue.assign(full.load_kw.size(), 1.2);
  EXPECT_THROW(static_cast<void>(representative_days(with_jobs, 1)), InputError);
}

// A hydro plant held at a series: a source of the series' peak, fixed, whose
// availability is the series over the peak; the plant leaves the LP, and the
// days then take it like any source. With the plant left in, days refuse.
TEST(RepresentativeDaysTest, HydroHeldAtASeriesBecomesAFixedSource) {
  SizingProblem full = days_of(2, [](std::size_t d) { return d == 1; });
  full.hydro.plants.emplace_back();
  full.hydro.plants.back().params.name = "reservoir";
  EXPECT_THROW(static_cast<void>(representative_days(full, 1)), InputError);
  std::vector<double> hydro_kw(full.load_kw.size(), 2000.0);
  hydro_kw[5] = 4000.0;
  const SizingProblem held = hydro_held_at(full, hydro_kw);
  EXPECT_TRUE(held.hydro.empty());
  ASSERT_EQ(held.sources.size(), 2U);
  const SizedSource& h = held.sources[1];
  EXPECT_EQ(h.kind, "hydro");
  EXPECT_DOUBLE_EQ(h.capacity_min_kw, 4000.0);
  EXPECT_DOUBLE_EQ(h.capacity_max_kw, 4000.0);
  EXPECT_DOUBLE_EQ(h.availability_per_kw[5], 1.0);
  EXPECT_DOUBLE_EQ(h.availability_per_kw[6], 0.5);
  EXPECT_NO_THROW(static_cast<void>(representative_days(held, 2)));
  // A series of the wrong length, and pumped storage, are refused.
  hydro_kw.pop_back();
  EXPECT_THROW(static_cast<void>(hydro_held_at(full, hydro_kw)), InputError);
  full.hydro.pumped.emplace_back();
  EXPECT_THROW(static_cast<void>(hydro_held_at(full, std::vector<double>(48, 1.0))), InputError);
}

}  // namespace
}  // namespace shapan::optimize
