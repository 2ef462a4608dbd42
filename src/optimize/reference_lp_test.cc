// The reference capacity-expansion LP (data/lp/PROVENANCE.md and
// docs/optimization.md): one bus, 8,760 hours, constant 40 MW load; PV at
// 40,000 $/MW/yr, wind at 90,000 $/MW/yr, a 4-hour battery at 60,000 $/MW/yr
// with 0.95 charging and discharging efficiency and cyclic state of charge;
// grid up to 1,000 MW at 80 $/MWh and 0.6 tCO2/MWh; CO2 at most 10 % of the
// load's energy from the grid (21,024 t). PyPSA 0.27 with CBC 2.10.8, GLPK 5.0
// and HiGHS all find 21,180,455.63 $/yr with PV 238.854 MW DC, wind 0,
// battery 147.052 MW / 588.207 MWh and the CO2 cap binding at 45.75 $/tCO2.
// Both of our methods must find the same optimum.
#include <gtest/gtest.h>

#include "shapan/core/csv.h"
#include "shapan/optimize/sizing.h"

namespace shapan::optimize {
namespace {

std::vector<double> column(const std::string& path, const std::string& name) {
  const CsvTable table = read_csv(path);
  const std::size_t c = require_column(table, name);
  std::vector<double> out;
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    out.push_back(cell_double(table, table.rows[i], c, name));
  }
  return out;
}

SizingProblem reference_problem() {
  SizingProblem p;
  p.load_kw.assign(8760, 40000.0);
  p.sources.push_back(
      SizedSource{.name = "pv0",
                  .kind = "pv",
                  .availability_per_kw = column("data/lp/pv_pu_hourly.csv", "pv_pu_of_dc"),
                  .cost_per_kw_year = 40.0});
  p.sources.push_back(
      SizedSource{.name = "wind0",
                  .kind = "wind",
                  .availability_per_kw = column("data/lp/wind_pu_hourly.csv", "wind_pu"),
                  .cost_per_kw_year = 90.0});
  p.storages.push_back(SizedStorage{.name = "battery0",
                                    .duration_h = 4.0,
                                    .cost_per_kw_year = 60.0,
                                    .charge_efficiency_frac = 0.95,
                                    .discharge_efficiency_frac = 0.95});
  p.grid_import_limit_kw = 1e6;
  p.grid_price_per_kwh.assign(8760, 0.08);
  p.grid_carbon_kg_per_kwh.assign(8760, 0.6);
  p.targets.co2_cap_t = 0.1 * 40.0 * 8760.0 * 0.6;
  return p;
}

void expect_reference(const SizingResult& r) {
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 21180455.63, 21180455.63 * 1e-6);
  const auto near = [](double got_kw, double want_kw) {
    EXPECT_NEAR(got_kw, want_kw, std::max(1.0, want_kw * 1e-4));
  };
  near(r.source_capacity_kw[0], 238854.0);
  near(r.source_capacity_kw[1], 0.0);
  near(r.storage_power_kw[0], 147052.0);
  near(r.storage_energy_kwh[0], 588207.0);
  ASSERT_FALSE(r.binding.empty());
  EXPECT_EQ(r.binding[0].name, "co2_cap");
  EXPECT_NEAR(r.binding[0].shadow_price, 45.75, 0.01);
  EXPECT_NEAR(r.grid_import_kwh, 35040e3, 1.0);
}

TEST(ReferenceLpTest, CapacitySearchFindsThePublishedOptimum) {
  const SizingResult r = solve_sizing(reference_problem(), SizingOptions{});
  expect_reference(r);
  std::printf("search: %.6f $/yr, %d LPs, %ld iterations, %.2f s\n", r.objective_per_year,
              r.lp_solves, r.iterations, r.solve_seconds);
}

// A time limit far below the ~1 s of CPU the search needs stops it with a
// time-limit status (a point is returned only if one was found), never with
// an "optimal" or "infeasible" that was not proven.
TEST(ReferenceLpTest, TimeLimitStopsTheSearchWithItsStatus) {
  SizingOptions o;
  o.solve.time_limit_s = 0.05;
  const SizingResult r = solve_sizing(reference_problem(), o);
  EXPECT_TRUE(r.status == SolveStatus::kTimeLimitFeasible ||
              r.status == SolveStatus::kTimeLimitNoSolution)
      << to_string(r.status) << ": " << r.message;
  EXPECT_NE(r.message.find("time limit"), std::string::npos) << r.message;
}

// The textbook formulation (every capacity a column) takes ~15-30 s on the
// whole year; on its first 30 days (cap scaled to 10 % of that load's
// energy) both methods must agree to 1e-9 relative.
TEST(ReferenceLpTest, MonolithicAndCapacitySearchAgreeOnAMonth) {
  SizingProblem p = reference_problem();
  const std::size_t n = 720;
  p.load_kw.resize(n);
  for (SizedSource& s : p.sources) s.availability_per_kw.resize(n);
  p.grid_price_per_kwh.resize(n);
  p.grid_carbon_kg_per_kwh.resize(n);
  p.targets.co2_cap_t = 0.1 * 40.0 * static_cast<double>(n) * 0.6;
  SizingOptions mono;
  mono.method = SizingMethod::kMonolithic;
  const SizingResult a = solve_sizing(p, mono);
  const SizingResult b = solve_sizing(p, SizingOptions{});
  ASSERT_EQ(a.status, SolveStatus::kOptimal) << a.message;
  ASSERT_EQ(b.status, SolveStatus::kOptimal) << b.message;
  EXPECT_NEAR(a.objective_per_year, b.objective_per_year, 1e-9 * a.objective_per_year);
  ASSERT_FALSE(a.binding.empty());
  ASSERT_FALSE(b.binding.empty());
  EXPECT_NEAR(a.binding[0].shadow_price, b.binding[0].shadow_price, 1e-6);
}

}  // namespace
}  // namespace shapan::optimize
