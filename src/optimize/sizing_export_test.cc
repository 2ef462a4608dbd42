// Grid export in the sizing LP (docs/optimization.md, sizing's row 9 and
// "Export in sizing"), cases small enough to solve by hand, for both
// methods. In each, two 1-hour steps stand for a year: Y = 8,760 / 2 =
// 4,380, so a MW over one step is worth its price per MWh × 4,380 a year.
#include <gtest/gtest.h>

#include "hydro_test_plant.h"
#include "shapan/optimize/sizing.h"
#include "two_step_problem.h"

namespace shapan::optimize {
namespace {

constexpr double kTol = 1e-9;

// Load 10 MW in both steps; PV available 1 then 0 at 100 $/kW/yr (100,000
// $/yr per MW); grid at 0.05 $/kWh (219,000 $/yr per MW over one step); no
// storage. Export up to `limit_kw` at `price` $/kWh.
SizingProblem pv_and_export(double limit_kw, double price) {
  SizingProblem p = testing::two_step_pv_problem();
  p.grid_export_limit_kw = limit_kw;
  p.grid_export_price_per_kwh = {price, price};
  return p;
}

class SizingExportTest : public ::testing::TestWithParam<SizingMethod> {
 protected:
  SizingResult solve(const SizingProblem& p) {
    SizingOptions o;
    o.method = GetParam();
    return solve_sizing(p, o);
  }
};

// Without export: PV serves step 0 (10 MW: 1,000,000 $/yr against
// 2,190,000 of imports) and the grid step 1 (2,190,000): 3,190,000 $/yr; a
// MW more of PV would only be curtailed. With 5 MW of export at 0.03 $/kWh
// a MW of PV beyond the load earns 30 × 4,380 = 131,400 $/yr > 100,000, up
// to the export limit: PV 15 MW, 5 MW exported in step 0, none in step 1
// (no production there), 1,500,000 + 2,190,000 − 5 × 131,400 = 3,033,000.
// At 0.02 $/kWh (87,600 < 100,000) exporting does not pay: back to 10 MW.
TEST_P(SizingExportTest, ExportRevenueBuysPvBeyondTheLoadUpToTheLimit) {
  const SizingResult none = solve(pv_and_export(0.0, 0.03));
  ASSERT_EQ(none.status, SolveStatus::kOptimal) << none.message;
  EXPECT_NEAR(none.objective_per_year, 3.19e6, 3.19e6 * kTol);
  EXPECT_NEAR(none.source_capacity_kw[0], 10000.0, 10000.0 * kTol);
  EXPECT_TRUE(none.grid_export_kw.empty());

  const SizingResult paid = solve(pv_and_export(5000.0, 0.03));
  ASSERT_EQ(paid.status, SolveStatus::kOptimal) << paid.message;
  EXPECT_NEAR(paid.objective_per_year, 3.033e6, 3.033e6 * kTol);
  EXPECT_NEAR(paid.source_capacity_kw[0], 15000.0, 15000.0 * kTol);
  ASSERT_EQ(paid.grid_export_kw.size(), 2U);
  EXPECT_NEAR(paid.grid_export_kw[0], 5000.0, 5000.0 * kTol);
  EXPECT_NEAR(paid.grid_export_kw[1], 0.0, 1e-6);
  EXPECT_NEAR(paid.grid_export_kwh, 5000.0, 5000.0 * kTol);
  EXPECT_NEAR(paid.grid_export_revenue_per_year, 657000.0, 657000.0 * kTol);
  EXPECT_NEAR(paid.grid_import_kwh, 10000.0, 10000.0 * kTol);
  EXPECT_NEAR(paid.export_beyond_surplus_kwh, 0.0, 1e-6);
  EXPECT_TRUE(export_notes(pv_and_export(5000.0, 0.03), paid).empty());

  const SizingResult cheap = solve(pv_and_export(5000.0, 0.02));
  ASSERT_EQ(cheap.status, SolveStatus::kOptimal) << cheap.message;
  EXPECT_NEAR(cheap.objective_per_year, 3.19e6, 3.19e6 * kTol);
  EXPECT_NEAR(cheap.source_capacity_kw[0], 10000.0, 10000.0 * kTol);
}

// The same at 0.03 $/kWh with PV capped at 12 MW: the surplus in step 0 is
// 2 MW, and exporting more would need imports at 0.05 $/kWh to serve the
// load, a loss: 2 MW exported, 1,200,000 + 2,190,000 − 2 × 131,400 =
// 3,127,200 $/yr.
TEST_P(SizingExportTest, ExportIsLimitedByTheSurplus) {
  SizingProblem p = pv_and_export(5000.0, 0.03);
  p.sources[0].capacity_max_kw = 12000.0;
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 3.1272e6, 3.1272e6 * kTol);
  EXPECT_NEAR(r.grid_export_kw[0], 2000.0, 2000.0 * kTol);
  EXPECT_NEAR(r.grid_export_kw[1], 0.0, 1e-6);
}

// No export from storage. two_steps() of sizing_test.cc with export: a
// lossless 4-hour battery at 50 $/kW/yr, and export up to 5 MW at 0.01
// $/kWh in step 0 (43,800 $/yr per MW: below PV's 100,000, never worth it)
// and 0.04 $/kWh in step 1, when nothing is produced (175,200 per MW). The
// optimum is the plant without export: PV 20 MW and the battery 10 MW / 40
// MWh serving step 1, 2,500,000 $/yr, nothing exported. An LP that let the
// battery export would buy 5 MW more PV and battery (150,000 $/yr per MW)
// to sell 5 MW in step 1 (175,200): 2,500,000 − 5 × 25,200 = 2,374,000.
TEST_P(SizingExportTest, NoExportWithoutProductionEvenWithStorage) {
  SizingProblem p = pv_and_export(5000.0, 0.0);
  p.grid_export_price_per_kwh = {0.01, 0.04};
  p.storages.push_back(
      SizedStorage{.name = "battery0", .duration_h = 4.0, .cost_per_kw_year = 50.0});
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 2.5e6, 2.5e6 * kTol);
  EXPECT_NEAR(r.source_capacity_kw[0], 20000.0, 20000.0 * kTol);
  EXPECT_NEAR(r.storage_power_kw[0], 10000.0, 10000.0 * kTol);
  EXPECT_NEAR(r.storage_discharge_kw[0][1], 10000.0, 10000.0 * kTol);
  EXPECT_NEAR(r.grid_export_kw[0], 0.0, 1e-6);
  EXPECT_NEAR(r.grid_export_kw[1], 0.0, 1e-6);
  EXPECT_NEAR(r.grid_import_kwh, 0.0, 1e-6);

  // A battery of at least 15 MW (5 MW spare in step 1) changes nothing: 5
  // MW × 50,000 $/yr more, still no export at night: 2,750,000 $/yr.
  p.storages[0].power_min_kw = 15000.0;
  const SizingResult spare = solve(p);
  ASSERT_EQ(spare.status, SolveStatus::kOptimal) << spare.message;
  EXPECT_NEAR(spare.objective_per_year, 2.75e6, 2.75e6 * kTol);
  EXPECT_NEAR(spare.grid_export_kw[1], 0.0, 1e-6);
}

// Representative periods: pv_and_export(5000, 0.03) laid twice as two
// periods of two steps, each step weighing 1 (four steps stand for a year,
// Y = 2,190, each step of a period twice): the same plant and the same
// annual figures, 3,033,000 $/yr.
TEST_P(SizingExportTest, WeightedPeriodsGiveTheSameAnnualFigures) {
  SizingProblem p = pv_and_export(5000.0, 0.03);
  p.load_kw = {10000.0, 10000.0, 10000.0, 10000.0};
  p.sources[0].availability_per_kw = {1.0, 0.0, 1.0, 0.0};
  p.grid_price_per_kwh = {0.05, 0.05, 0.05, 0.05};
  p.grid_carbon_kg_per_kwh = {0.6, 0.6, 0.6, 0.6};
  p.grid_export_price_per_kwh = {0.03, 0.03, 0.03, 0.03};
  p.step_weight = {1.0, 1.0, 1.0, 1.0};
  p.period_steps = 2;
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 3.033e6, 3.033e6 * kTol);
  EXPECT_NEAR(r.source_capacity_kw[0], 15000.0, 15000.0 * kTol);
  EXPECT_NEAR(r.grid_export_revenue_per_year, 657000.0, 657000.0 * kTol);
}

// Whole turbines (Cbc in the textbook LP, the master MILP in the search).
// Wind available 1.0 in both steps at 100 $/kW/yr, load 10 MW, export up
// to 5 MW at 0.03 $/kWh: a MW exported in both steps earns 2 × 131,400 =
// 262,800 $/yr. In 4 MW turbines: 2 (8 MW + 2 MW imported each step):
// 800,000 + 2 × 219,000 = 1,238,000; 3 (12 MW, 2 MW exported):
// 1,200,000 − 2 × 262,800 = 674,400; 4 (16 MW, 5 MW exported, 1 MW
// curtailed): 1,600,000 − 5 × 262,800 = 286,000; 5 (20 MW):
// 2,000,000 − 1,314,000 = 686,000. The optimum is 4 turbines.
TEST_P(SizingExportTest, WholeTurbinesBoughtForExport) {
  SizingProblem p = pv_and_export(5000.0, 0.03);
  p.sources[0] = SizedSource{.name = "wind0",
                             .kind = "wind",
                             .availability_per_kw = {1.0, 1.0},
                             .cost_per_kw_year = 100.0,
                             .unit_kw = 4000.0};
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 286000.0, 286000.0 * kTol);
  EXPECT_NEAR(r.source_capacity_kw[0], 16000.0, 16000.0 * kTol);
  EXPECT_NEAR(r.grid_export_kwh, 10000.0, 10000.0 * kTol);
  EXPECT_NEAR(r.curtailed_kwh, 2000.0, 1e-6);
}

// Export dearer than import (0.06 against 0.05 $/kWh: 262,800 against
// 219,000 $/yr per MW over one step) with PV capped at 5 MW: the engine
// would export nothing (no surplus over the 10 MW load), but the LP may
// import for the load and export PV, each MW so exported gaining 43,800
// $/yr, up to row 9's bound κ_0 × 5 MW with κ_0 = X / (X + L_0) = 5 / 15:
// 5/3 MW. (Row 9 without κ would let 5 MW through: 3,566,000 $/yr.) The
// plan: PV 5 MW (each MW saves 219,000 of imports > 100,000), 5/3 MW
// exported and 10 − 5 + 5/3 = 20/3 MW imported in step 0, 10 MW imported in
// step 1: 500,000 + 219,000 × (20/3 + 10) − 262,800 × 5/3 = 500,000 +
// 3,650,000 − 438,000 = 3,712,000 $/yr, 5/3 MWh exported beyond the
// surplus. Both notes say so.
TEST_P(SizingExportTest, ExportDearerThanImportIsNoted) {
  SizingProblem p = pv_and_export(5000.0, 0.06);
  p.sources[0].capacity_max_kw = 5000.0;
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 3.712e6, 3.712e6 * kTol);
  EXPECT_NEAR(r.grid_export_kw[0], 5000.0 / 3.0, 5000.0 * kTol);
  EXPECT_NEAR(r.export_beyond_surplus_kwh, 5000.0 / 3.0, 5000.0 * kTol);
  const std::vector<std::string> notes = export_notes(p, r);
  ASSERT_EQ(notes.size(), 2U);
  EXPECT_NE(notes[0].find("export pays more than import costs (tariff + carbon price) in 2 of 2 "
                          "steps (by up to 0.01 per kWh)"),
            std::string::npos)
      << notes[0];
  EXPECT_NE(notes[1].find("the plan exports 1666.67 kWh beyond the renewables' surplus"),
            std::string::npos)
      << notes[1];
}

// A plant fixed (PV 12 MW, as fixed_at() leaves one sized on
// representative days) exports exactly what the engine would, its surplus
// over the load, even where export pays more than import (0.06 against
// 0.05 $/kWh): 2 MW in step 0, 1,200,000 + 2,190,000 − 2 × 262,800 =
// 2,864,400 $/yr. (Row 9 would let κ_0 × 12 = 4 MW through, 2 of them
// imported: 2,776,800.)
TEST_P(SizingExportTest, FixedPlantExportsOnlyItsSurplus) {
  SizingProblem p = pv_and_export(5000.0, 0.06);
  p.sources[0].capacity_min_kw = p.sources[0].capacity_max_kw = 12000.0;
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 2.8644e6, 2.8644e6 * kTol);
  EXPECT_NEAR(r.grid_export_kw[0], 2000.0, 2000.0 * kTol);
  EXPECT_NEAR(r.export_beyond_surplus_kwh, 0.0, 1e-6);
}

// Hydro may export too (row 9's −H_t). pv_and_export(5000, 0.03) with the
// constant-head plant of hydro_lp_test.cc (1 MW per m³/s, no minimum
// release) and 10 m³/s of inflow each step: 20 MWh of free water over the
// run. The load's 20 MWh and at most 10 MWh of export (5 MW a step) need
// 30 MWh: 20 from the water, 10 from PV in step 0 (100,000 $/yr per MW),
// each exported MWh earning 131,400: 1,000,000 − 10 × 131,400 = −314,000
// $/yr. Step 1 has no PV, so its 5 MW of export are hydro's (q_1 = 15 m³/s:
// 10 MW to the load, 5 exported): without hydro in row 9 step 1 could
// export nothing and the optimum would be PV 15 MW, 843,000 $/yr.
TEST_P(SizingExportTest, HydroExportsWhenThereIsNoPv) {
  SizingProblem p = pv_and_export(5000.0, 0.03);
  gen::HydroParams h = testing::constant_head_plant();
  h.min_release_m3_per_s = 0.0;
  p.hydro.plants.push_back(HydroLpPlant{.params = h, .inflow_m3_per_s = {10.0, 10.0}});
  linearise_at_start(p.hydro, 2, 1.0);
  const SizingResult r = solve(p);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, -314000.0, 314000.0 * kTol);
  EXPECT_NEAR(r.source_capacity_kw[0], 10000.0, 10000.0 * kTol);
  EXPECT_NEAR(r.grid_export_kw[0], 5000.0, 5000.0 * kTol);
  EXPECT_NEAR(r.grid_export_kw[1], 5000.0, 5000.0 * kTol);
  EXPECT_NEAR(r.hydro.turbine_m3_per_s[0][1], 15.0, 15.0 * kTol);
  EXPECT_NEAR(r.grid_import_kwh, 0.0, 1e-6);
}

// No export limit (inf) and no PV maximum: each kW of PV costs 100 $/yr
// and earns 0.03 × 1 h × 4,380 = 131.4 $/yr exported, so the cost falls
// without end as PV grows: unbounded, said before any solve (the search's
// box would otherwise double for ever). At 0.02 $/kWh (87.6 < 100) the
// optimum is bounded: PV 10 MW, 3,190,000 $/yr.
TEST_P(SizingExportTest, UnlimitedExportThatPaysIsUnbounded) {
  const SizingResult r = solve(pv_and_export(kInf, 0.03));
  EXPECT_EQ(r.status, SolveStatus::kUnbounded) << r.message;
  EXPECT_NE(r.message.find("pv0 earns 131.4 per kW a year exported (export_limit_kw = inf) "
                           "against 100 per kW a year of cost"),
            std::string::npos)
      << r.message;
  const SizingResult bounded = solve(pv_and_export(kInf, 0.02));
  ASSERT_EQ(bounded.status, SolveStatus::kOptimal) << bounded.message;
  EXPECT_NEAR(bounded.objective_per_year, 3.19e6, 3.19e6 * kTol);
}

INSTANTIATE_TEST_SUITE_P(BothMethods, SizingExportTest,
                         ::testing::Values(SizingMethod::kMonolithic,
                                           SizingMethod::kCapacitySearch));

}  // namespace
}  // namespace shapan::optimize
