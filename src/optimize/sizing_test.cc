// Sizing cases small enough to solve by hand, for both methods.
#include "shapan/optimize/sizing.h"

#include <gtest/gtest.h>

#include "shapan/core/error.h"
#include "two_step_problem.h"

namespace shapan::optimize {
namespace {

constexpr double kTol = 1e-9;

// Two 1-hour steps, load 10 MW in each. PV availability 1 then 0, PV at
// 100 $/kW/yr; a 4-hour battery at 50 $/kW/yr, lossless; grid at 0.05 $/kWh.
// Two steps stand for a year, so each MW imported for one step costs
// 50 $/MWh x 4,380 = 219,000 $/yr.
//  - Step 0: 10 MW of PV (1,000,000 $/yr) beats 10 MW of imports (2,190,000).
//  - Step 1: a MW served by one more MW of PV stored in one more MW of battery
//    costs 100,000 + 50,000 = 150,000 $/yr < 219,000 from the grid.
// Optimum: PV 20 MW, battery 10 MW / 40 MWh, no imports:
// 2,000,000 + 500,000 = 2,500,000 $/yr.
SizingProblem two_steps() {
  SizingProblem p = testing::two_step_pv_problem();
  p.storages.push_back(
      SizedStorage{.name = "battery0", .duration_h = 4.0, .cost_per_kw_year = 50.0});
  return p;
}

class SizingTest : public ::testing::TestWithParam<SizingMethod> {
 protected:
  SizingResult solve(const SizingProblem& p) {
    SizingOptions o;
    o.method = GetParam();
    return solve_sizing(p, o);
  }
};

TEST_P(SizingTest, PvWithStorageBeatsImports) {
  const SizingResult r = solve(two_steps());
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 2.5e6, 2.5e6 * kTol);
  EXPECT_NEAR(r.source_capacity_kw[0], 20000.0, 20000.0 * kTol);
  EXPECT_NEAR(r.storage_power_kw[0], 10000.0, 10000.0 * kTol);
  EXPECT_NEAR(r.storage_energy_kwh[0], 40000.0, 40000.0 * kTol);
  EXPECT_NEAR(r.grid_import_kwh, 0.0, 1e-6);
}

// PV capped at 5 MW: over the two steps it gives at most 5 MWh of the
// load's 20 MWh (storage or not), so the grid must supply at least 15 MWh;
// a 10 % grid share (2 MWh) is out of reach, and the message gives the best
// reachable value, 15 MWh.
TEST_P(SizingTest, UnreachableTargetNamesItsLimitAndBestValue) {
  SizingProblem p = two_steps();
  p.sources[0].capacity_max_kw = 5000.0;
  p.targets.grid_share_max_frac = 0.1;
  const SizingResult r = solve(p);
  EXPECT_EQ(r.status, SolveStatus::kInfeasible);
  EXPECT_NE(r.message.find("grid_share_max"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("limit 2 MWh, best reachable 15 MWh"), std::string::npos) << r.message;
}

// A battery of at least 100 MWh kept at half full loses 10 % of its store
// per step: 5 MWh an hour to charge back, through at most 1 MW. No plant
// within the bounds has a dispatch; the capacity search (which adds keep-up
// energy to find that out) says which store and why.
SizingProblem holding_half(double power_max_kw) {
  SizingProblem p = two_steps();
  p.storages[0] = SizedStorage{.name = "battery0",
                               .power_max_kw = power_max_kw,
                               .energy_min_kwh = 100000.0,
                               .cost_per_kw_year = 50.0,
                               .cost_per_kwh_year = 1.0,
                               .self_discharge_frac_per_step = 0.1,
                               .soc_min_frac = 0.5};
  return p;
}

TEST_P(SizingTest, BatteryThatCannotHoldItsMinimumIsInfeasible) {
  const SizingResult r = solve(holding_half(1000.0));
  EXPECT_EQ(r.status, SolveStatus::kInfeasible) << r.message;
  if (GetParam() == SizingMethod::kCapacitySearch) {
    EXPECT_NE(r.message.find("battery0 cannot hold its minimum state of charge"), std::string::npos)
        << r.message;
  }
}

// The same battery with 6 MW allowed (5 MW is what the decay needs) has a
// dispatch, and the search finds the textbook LP's optimum (checked on
// random problems in sizing_property_test.cc; this one sits on the edge).
TEST_P(SizingTest, BatteryHoldingItsMinimumNeedsPowerForTheDecay) {
  const SizingResult r = solve(holding_half(6000.0));
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_GE(r.storage_power_kw[0], 5000.0 * (1.0 - 1e-9));
}

// A monthly demand charge. Load 6 then 14 MW over two 1-hour steps of one
// month, grid at 0.1 $/kWh and 0.01 $/kW-month, a lossless 1-hour battery.
// Two steps stand for a year (× 4,380): energy 20 MWh × 100 $/MWh × 4,380 =
// 8,760,000 $/yr whatever a lossless battery does; each MW off the month's
// peak saves 1,000 × 0.01 × 4,380 = 43,800 $/yr. x MW of battery moves x
// MWh from step 1 to step 0: peak max(6 + x, 14 − x), least at x = 4.
//  - battery at 10 $/kW/yr (10,000 per MW) < 43,800: x = 4, peak 10 MW:
//    8,760,000 + 438,000 + 40,000 = 9,238,000 $/yr;
//  - at 50 $/kW/yr (50,000 per MW) > 43,800: no battery, peak 14 MW:
//    8,760,000 + 613,200 = 9,373,200 $/yr.
SizingProblem demand_charged(double battery_cost_per_kw_year) {
  SizingProblem p;
  p.load_kw = {6000.0, 14000.0};
  p.storages.push_back(SizedStorage{
      .name = "battery0", .duration_h = 1.0, .cost_per_kw_year = battery_cost_per_kw_year});
  p.grid_price_per_kwh = {0.1, 0.1};
  p.grid_carbon_kg_per_kwh = {0.6, 0.6};
  p.demand_charge_per_kw_month = 0.01;
  p.month_of_step = {0, 0};
  return p;
}

TEST_P(SizingTest, DemandChargeShavesTheMonthsPeakWhenStorageIsCheaper) {
  const SizingResult cheap = solve(demand_charged(10.0));
  ASSERT_EQ(cheap.status, SolveStatus::kOptimal) << cheap.message;
  EXPECT_NEAR(cheap.objective_per_year, 9.238e6, 9.238e6 * kTol);
  EXPECT_NEAR(cheap.demand_charge_per_year, 438000.0, 438000.0 * kTol);
  EXPECT_NEAR(cheap.storage_power_kw[0], 4000.0, 4000.0 * kTol);
  EXPECT_NEAR(cheap.grid_import_kw[0], 10000.0, 1e-6);
  EXPECT_NEAR(cheap.grid_import_kw[1], 10000.0, 1e-6);
  const SizingResult dear = solve(demand_charged(50.0));
  ASSERT_EQ(dear.status, SolveStatus::kOptimal) << dear.message;
  EXPECT_NEAR(dear.objective_per_year, 9.3732e6, 9.3732e6 * kTol);
  EXPECT_NEAR(dear.storage_power_kw[0], 0.0, 1e-6);
}

// The same with a CO2 cap of 3 t (5 MWh of imports at 0.6 t/MWh) and PV
// unbounded: the cap is slack at the optimum (no imports), so nothing binds.
// With the grid at 0.01 $/kWh (43,800 $/yr per MW-step) imports win for both
// steps, 20 MWh = 12 t. A 3 t cap allows 5 MWh: the other 15 MWh come first
// from PV in step 0 (extra cost 100,000 - 43,800 per MW), all 10 MWh of it,
// then 5 MWh from PV + battery in step 1 (150,000 - 43,800 = 106,200 $/yr per
// MW). A tonne less moves 1/0.6 MWh more of step 1 onto PV + battery:
// shadow price 106,200 / 0.6 = 177,000 $/t (per year).
TEST_P(SizingTest, Co2CapBindsWithItsShadowPrice) {
  SizingProblem p = two_steps();
  p.grid_price_per_kwh = {0.01, 0.01};
  p.targets.co2_cap_t = 3.0;
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  ASSERT_EQ(r.binding.size(), 1U);
  EXPECT_EQ(r.binding[0].name, "co2_cap");
  EXPECT_NEAR(r.binding[0].shadow_price, 106200.0 / 0.6, 1e-6);
  EXPECT_NEAR(r.co2_t, 3.0, 1e-9);
}

// Energy sized independently of power (duration_h = 0): 10 $/kW/yr for
// power and 10 $/kWh/yr for energy. Step 1 needs 10 MW for one hour, so the
// battery is 10 MW / 10 MWh (200,000 $/yr) charged by 10 MW more PV: total
// 20 MW x 100,000 + 200,000 = 2,200,000 $/yr (imports would cost 219,000 per
// MW of step 1 against 100,000 + 20,000). A CFE target of 100 % changes
// nothing (no imports), and a 4 MWh energy cap makes 100 % unreachable: the
// best is 6 MWh of imports (the grid serves what storage cannot).
TEST_P(SizingTest, IndependentEnergyIsSizedToTheNeed) {
  SizingProblem p = two_steps();
  p.storages[0].duration_h = 0.0;
  p.storages[0].cost_per_kw_year = 10.0;
  p.storages[0].cost_per_kwh_year = 10.0;
  p.targets.cfe_min_frac = 1.0;
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 2.2e6, 2.2e6 * kTol);
  EXPECT_NEAR(r.storage_power_kw[0], 10000.0, 10000.0 * kTol);
  EXPECT_NEAR(r.storage_energy_kwh[0], 10000.0, 10000.0 * kTol);
  p.storages[0].energy_max_kwh = 4000.0;
  const SizingResult capped = solve(p);
  EXPECT_EQ(capped.status, SolveStatus::kInfeasible);
  EXPECT_NE(capped.message.find("cfe_min cannot be met"), std::string::npos) << capped.message;
  EXPECT_NE(capped.message.find("best reachable 6 MWh"), std::string::npos) << capped.message;
}

// The same battery fading (SizedStorage::capacity_frac_per_step, as the
// engine's ageing leaves it): at 80 % of its sized energy at the end of
// step 0, when it must hold the 10 MWh for step 1, it is sized 12.5 MWh:
// 2,000,000 + 100,000 + 125,000 = 2,225,000 $/yr. Faded only at the end of
// step 1, when it is empty, it stays 10 MWh (2,200,000).
TEST_P(SizingTest, AFadingBatteryIsSizedForTheCapacityItKeeps) {
  SizingProblem p = two_steps();
  p.storages[0].duration_h = 0.0;
  p.storages[0].cost_per_kw_year = 10.0;
  p.storages[0].cost_per_kwh_year = 10.0;
  p.storages[0].capacity_frac_per_step = {0.8, 1.0};
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 2.225e6, 2.225e6 * kTol);
  EXPECT_NEAR(r.storage_energy_kwh[0], 12500.0, 12500.0 * kTol);
  EXPECT_NEAR(r.storage_power_kw[0], 10000.0, 10000.0 * kTol);
  p.storages[0].capacity_frac_per_step = {1.0, 0.5};
  const SizingResult late = solve(p);
  ASSERT_EQ(late.status, SolveStatus::kOptimal) << late.message;
  EXPECT_NEAR(late.objective_per_year, 2.2e6, 2.2e6 * kTol);
  EXPECT_NEAR(late.storage_energy_kwh[0], 10000.0, 10000.0 * kTol);
}

// An islanded base (no grid): step 1 must come from PV through the battery,
// so the optimum is the same plant as with a grid too dear to use (PV 20 MW,
// battery 10 MW / 40 MWh, 2,500,000 $/yr). With the battery capped at 4 MW,
// 6 MWh of step 1 cannot be served: infeasible, saying how much.
TEST_P(SizingTest, IslandedBaseServesTheLoadOrSaysHowMuchIsMissing) {
  SizingProblem p = two_steps();
  p.grid_import_limit_kw = 0.0;
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 2.5e6, 2.5e6 * kTol);
  p.storages[0].power_max_kw = 4000.0;
  const SizingResult capped = solve(p);
  EXPECT_EQ(capped.status, SolveStatus::kInfeasible);
  EXPECT_NE(capped.message.find("at best 6 MWh unserved in 1 steps"), std::string::npos)
      << capped.message;
}

// Whole turbines. Two 1-hour steps of 10 MW load, wind available at 1.0 per
// kW in both, 100 $/kW/yr; grid at 0.05 $/kWh (each MW imported in both
// steps costs 50 × 2 × 4,380 = 438,000 $/yr). Any capacity: 10 MW of wind,
// 1,000,000 $/yr. In 3 MW turbines: 3 turbines (9 MW) + 1 MW from the grid
// cost 900,000 + 438,000 = 1,338,000; 4 turbines (12 MW, 2 MW curtailed)
// cost 1,200,000: the optimum is 4 turbines.
SizingProblem wind_in_turbines(double unit_kw) {
  SizingProblem p;
  p.load_kw = {10000.0, 10000.0};
  p.sources.push_back(SizedSource{.name = "wind0",
                                  .kind = "wind",
                                  .availability_per_kw = {1.0, 1.0},
                                  .cost_per_kw_year = 100.0,
                                  .unit_kw = unit_kw});
  p.grid_price_per_kwh = {0.05, 0.05};
  p.grid_carbon_kg_per_kwh = {0.6, 0.6};
  return p;
}

TEST_P(SizingTest, WholeTurbinesRoundTheFarmUpWhenCheaper) {
  const SizingResult any = solve(wind_in_turbines(0.0));
  ASSERT_EQ(any.status, SolveStatus::kOptimal) << any.message;
  EXPECT_NEAR(any.objective_per_year, 1.0e6, 1.0e6 * kTol);
  EXPECT_NEAR(any.source_capacity_kw[0], 10000.0, 10000.0 * kTol);
  const SizingResult whole = solve(wind_in_turbines(3000.0));
  ASSERT_EQ(whole.status, SolveStatus::kOptimal) << whole.message;
  EXPECT_NEAR(whole.objective_per_year, 1.2e6, 1.2e6 * kTol);
  EXPECT_NEAR(whole.source_capacity_kw[0], 12000.0, 12000.0 * kTol);
  EXPECT_NEAR(whole.grid_import_kwh, 0.0, 1e-6);
  EXPECT_NEAR(whole.curtailed_kwh, 4000.0, 1e-6);
}

// Capped at 10 MW, only 3 whole turbines fit: 9 MW of wind and 1 MW of
// imports in both steps, 900,000 + 438,000 = 1,338,000 $/yr.
TEST_P(SizingTest, WholeTurbinesWithinTheirBound) {
  SizingProblem p = wind_in_turbines(3000.0);
  p.sources[0].capacity_max_kw = 10000.0;
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 1.338e6, 1.338e6 * kTol);
  EXPECT_NEAR(r.source_capacity_kw[0], 9000.0, 9000.0 * kTol);
  EXPECT_NEAR(r.grid_import_kwh, 2000.0, 1e-6);
}

// A farm fixed at 6 turbines of 3.3 MW (19.8 MW, as fixed_at() leaves a
// plant sized on representative days): 19.8 / 3.3 is not 6 in binary, and
// the count's bounds must still hold one whole number (they came out as
// [6, 5.999999999999999] before 2026-12-05, and the search failed).
TEST_P(SizingTest, WholeTurbinesFixedAtAMultipleStayOnePoint) {
  SizingProblem p = wind_in_turbines(3300.0);
  p.sources[0].capacity_min_kw = p.sources[0].capacity_max_kw = 19800.0;
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.source_capacity_kw[0], 19800.0, 19800.0 * kTol);
  EXPECT_NEAR(r.grid_import_kwh, 0.0, 1e-6);
}

// The grid tie sized. Two 1-hour steps of 10 MW load standing for a year;
// PV available 1 then 0 at 100 $/kW/yr; grid at 0.05 $/kWh (219,000 $/yr
// per MW imported in one step) and its connection at 20 $/kW/yr. Without
// storage step 1 comes from the grid: PV 10 MW (1,000,000), a 10 MW tie
// (200,000) and 2,190,000 of imports: 3,390,000 $/yr. With the 4-hour
// battery at 50 $/kW/yr of two_steps(), a MW of step 1 from PV and battery
// costs 150,000 against 219,000 + 20,000 from the grid: no tie at all,
// 2,500,000 $/yr.
TEST_P(SizingTest, GridTieSizedToThePeakItServes) {
  SizingProblem p = two_steps();
  p.storages.clear();
  p.grid_tie = SizedGridTie{.cost_per_kw_year = 20.0};
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 3.39e6, 3.39e6 * kTol);
  EXPECT_NEAR(r.grid_tie_kw, 10000.0, 10000.0 * kTol);
  EXPECT_NEAR(r.grid_tie_cost_per_year, 200000.0, 200000.0 * kTol);
  EXPECT_NEAR(r.source_capacity_kw[0], 10000.0, 10000.0 * kTol);

  SizingProblem with_battery = two_steps();
  with_battery.grid_tie = SizedGridTie{.cost_per_kw_year = 20.0};
  const SizingResult b = solve(with_battery);
  ASSERT_EQ(b.status, SolveStatus::kOptimal) << b.message;
  EXPECT_NEAR(b.objective_per_year, 2.5e6, 2.5e6 * kTol);
  EXPECT_NEAR(b.grid_tie_kw, 0.0, 1e-6);
}

// The same without storage, with 500 kW of import kept for a battery's
// auxiliary load (SizingProblem::import_reserved_kw; sizing_problem() also
// makes it the tie's least size): the load's 10 MW of step 1 must pass
// beside it, so the tie is 10.5 MW (210,000 $/yr): 3,400,000 $/yr.
TEST_P(SizingTest, GridTieKeepsRoomForTheAuxiliaryLoad) {
  SizingProblem p = two_steps();
  p.storages.clear();
  p.import_reserved_kw = 500.0;
  p.grid_tie = SizedGridTie{.min_kw = 500.0, .cost_per_kw_year = 20.0};
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 3.4e6, 3.4e6 * kTol);
  EXPECT_NEAR(r.grid_tie_kw, 10500.0, 10500.0 * kTol);
  EXPECT_NEAR(r.grid_import_kwh, 10000.0, 10000.0 * kTol);
}

// The same with a 20 % margin on the tie (SizedGridTie::margin_frac): the
// plan may import through 1 / 1.2 of it, less the reserve, so step 1's
// 10 MW needs a tie of 1.2 × 10.5 = 12.6 MW (252,000 $/yr); a MW of it still
// costs less from the grid (219,000 + 1.2 × 20,000) than nothing, as there
// is no storage: 1,000,000 + 2,190,000 + 252,000 = 3,442,000 $/yr.
TEST_P(SizingTest, GridTieMarginSizesTheTieAboveThePlansPeak) {
  SizingProblem p = two_steps();
  p.storages.clear();
  p.import_reserved_kw = 500.0;
  p.grid_tie = SizedGridTie{.min_kw = 500.0, .cost_per_kw_year = 20.0, .margin_frac = 0.2};
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 3.442e6, 3.442e6 * kTol);
  EXPECT_NEAR(r.grid_tie_kw, 12600.0, 12600.0 * kTol);
  EXPECT_NEAR(r.grid_import_kwh, 10000.0, 10000.0 * kTol);

  p.grid_tie->margin_frac = -0.1;
  EXPECT_THROW(static_cast<void>(solve(p)), InputError);
}

// Unserved load counts against the CFE target. Two steps of 4,380 h (a
// year), 10 MW of load, 10 MW of PV held (available 1 then 0), unserved
// load allowed, a 90 % CFE target: step 1 can only come from the grid, so
// the target is out of reach (CFE 50 %). Unserved energy (1e6 per MWh over a
// year) and the target's shortfall cost the same per MWh; before unserved
// load entered the CFE row, shedding step 1 met the target and saved the
// import's price, so the plan left 43,800 MWh unserved and reported CFE 1.
TEST_P(SizingTest, SheddingLoadDoesNotMeetACfeTarget) {
  SizingProblem p = testing::two_step_pv_problem();
  p.step_h = 4380.0;
  p.sources[0].capacity_min_kw = p.sources[0].capacity_max_kw = 10000.0;
  p.allow_unserved = true;
  p.targets.cfe_min_frac = 0.9;
  const SizingResult r = solve(p);
  EXPECT_EQ(r.status, SolveStatus::kInfeasible) << r.message;
  EXPECT_NEAR(r.unserved_kwh, 0.0, 1e-6);
  EXPECT_NEAR(r.grid_import_kwh, 43.8e6, 43.8e6 * kTol);
}

INSTANTIATE_TEST_SUITE_P(BothMethods, SizingTest,
                         ::testing::Values(SizingMethod::kMonolithic,
                                           SizingMethod::kCapacitySearch));

}  // namespace
}  // namespace shapan::optimize
