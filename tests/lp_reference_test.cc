// examples/lp_reference.toml: the reference capacity-expansion LP written as
// a scenario (data/lp/PROVENANCE.md). PyPSA 0.27 + CBC 2.10.8, GLPK 5.0 and
// HiGHS all find 21,180,455.63 $/yr with PV 238.854 MW DC, wind 0, battery
// 147.052 MW / 588.207 MWh and the CO2 cap binding at 45.75 $/tCO2 (here
// written as grid energy <= 10 % of the load's: the same row at a constant
// 0.6 t/MWh, so 45.75 $/t is 27.45 $/MWh of grid energy).
#include <gtest/gtest.h>

#include <algorithm>

#include "shapan/core/error.h"
#include "shapan/io/scenario.h"
#include "shapan/optimize/report.h"
#include "shapan/optimize/scenario_input.h"

namespace shapan {
namespace {

optimize::SizingResult solve(const std::vector<std::string>& overrides = {}) {
  const io::Scenario s = io::load_scenario("examples/lp_reference.toml", overrides);
  const optimize::SizingProblem p = optimize::sizing_problem(s.setup, s.costs, s.optimize);
  return optimize::solve_sizing(p, optimize::sizing_options(s.optimize));
}

TEST(LpReferenceScenarioTest, MatchesThePublishedOptimum) {
  const io::Scenario s = io::load_scenario("examples/lp_reference.toml");
  EXPECT_EQ(s.costs.finance.currency, "USD");
  EXPECT_EQ(s.optimize.mode, optimize::Mode::kSizing);
  const optimize::SizingProblem p = optimize::sizing_problem(s.setup, s.costs, s.optimize);
  ASSERT_EQ(p.load_kw.size(), 8760U);
  EXPECT_DOUBLE_EQ(*std::min_element(p.load_kw.begin(), p.load_kw.end()), 40000.0);
  EXPECT_DOUBLE_EQ(*std::max_element(p.load_kw.begin(), p.load_kw.end()), 40000.0);
  const optimize::SizingResult r = optimize::solve_sizing(p, optimize::sizing_options(s.optimize));
  ASSERT_EQ(r.status, optimize::SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective_per_year, 21180455.63, 21180455.63 * 1e-6);
  const auto near = [](double got, double want) {
    EXPECT_NEAR(got, want, std::max(1.0, want * 1e-4));
  };
  near(r.source_capacity_kw[0], 238854.0);
  near(r.source_capacity_kw[1], 0.0);
  near(r.storage_power_kw[0], 147052.0);
  near(r.storage_energy_kwh[0], 588207.0);
  const nlohmann::json j = optimize::sizing_json(p, r, "capacity_search", "USD");
  ASSERT_EQ(j["binding_constraints"].size(), 1U);
  EXPECT_EQ(j["binding_constraints"][0]["name"], "grid_share_max");
  EXPECT_NEAR(j["binding_constraints"][0]["co2_equivalent_price_per_t"].get<double>(), 45.75, 0.01);
}

// Every override the issue lists is accepted. With grid_share_max_frac = 1
// the target cannot bind (grid energy is at most the load's), so nothing is
// binding and the cost is below the capped optimum (the cap bound, with a
// positive shadow price).
TEST(LpReferenceScenarioTest, AcceptsThePlannersOverrides) {
  EXPECT_NO_THROW(io::load_scenario(
      "examples/lp_reference.toml",
      {"pv.0.capex_per_kw_year=45", "wind.0.capex_per_kw_year=80", "battery.0.capex_per_kw_year=55",
       "battery.0.duration_h=6", "battery.0.charge_efficiency_frac=0.9",
       "battery.0.discharge_efficiency_frac=0.9", "grid.tou_price_per_kwh=0.1",
       "datacenter.it_capacity_kw=50000", "optimize.grid_share_max_frac=0.2"}));
  const optimize::SizingResult loose = solve({"optimize.grid_share_max_frac=1"});
  ASSERT_EQ(loose.status, optimize::SolveStatus::kOptimal) << loose.message;
  EXPECT_TRUE(loose.binding.empty());
  EXPECT_LT(loose.objective_per_year, 21180455.63);
}

// optimize.grid_tie_margin_frac reaches the sized tie; it is refused without
// one (it would do nothing) and below 0.
TEST(LpReferenceScenarioTest, GridTieMarginOnlyWithASizedTie) {
  const auto problem = [](const std::vector<std::string>& overrides) {
    const io::Scenario s = io::load_scenario("examples/lp_reference.toml", overrides);
    return optimize::sizing_problem(s.setup, s.costs, s.optimize);
  };
  const optimize::SizingProblem p =
      problem({"optimize.size_grid_tie=true", "optimize.grid_tie_margin_frac=0.1"});
  ASSERT_TRUE(p.grid_tie.has_value());
  EXPECT_DOUBLE_EQ(p.grid_tie->margin_frac, 0.1);
  const auto message = [&](const std::vector<std::string>& overrides) -> std::string {
    try {
      (void)problem(overrides);
    } catch (const InputError& e) {
      return e.what();
    }
    return "accepted";
  };
  EXPECT_NE(message({"optimize.grid_tie_margin_frac=0.1"}).find("optimize.grid_tie_margin_frac"),
            std::string::npos);
  EXPECT_NE(message({"optimize.size_grid_tie=true", "optimize.grid_tie_margin_frac=-0.1"})
                .find("grid_tie_margin_frac = -0.1: must be >= 0"),
            std::string::npos);
}

}  // namespace
}  // namespace shapan
