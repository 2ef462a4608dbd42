// [optimize], [finance] currency, money keys without a currency and
// availability files, read from examples/lp_reference.toml with overrides.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shapan/core/error.h"
#include "shapan/io/scenario.h"

namespace shapan::io {
namespace {

using ::testing::HasSubstr;

const char* const kReference = "examples/lp_reference.toml";

std::string error_of(const std::vector<std::string>& overrides) {
  try {
    (void)load_scenario(kReference, overrides);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(OptimizeSectionTest, ReadsModeTargetsBoundsAndSizingKeys) {
  const Scenario s = load_scenario(
      kReference, {"optimize.co2_cap_t=1000", "optimize.pv_max_kw=5e5", "optimize.time_limit_s=9",
                   "optimize.method=\"monolithic\"", "optimize.cfe_min_frac=0.8"});
  EXPECT_EQ(s.optimize.mode, optimize::Mode::kSizing);
  EXPECT_EQ(s.optimize.method, optimize::SizingMethodChoice::kMonolithic);
  EXPECT_DOUBLE_EQ(*s.optimize.grid_share_max_frac, 0.1);
  EXPECT_DOUBLE_EQ(*s.optimize.co2_cap_t, 1000.0);
  EXPECT_DOUBLE_EQ(*s.optimize.cfe_min_frac, 0.8);
  EXPECT_DOUBLE_EQ(s.optimize.pv_max_kw, 5e5);
  EXPECT_DOUBLE_EQ(s.optimize.time_limit_s, 9.0);
  ASSERT_EQ(s.optimize.battery_duration_h.size(), 1U);
  EXPECT_DOUBLE_EQ(s.optimize.battery_duration_h[0], 4.0);
  EXPECT_EQ(s.costs.finance.currency, "USD");
  // Money keys without a currency land in the same fields as the _cny_ ones.
  EXPECT_DOUBLE_EQ(s.costs.pv[0].capex_cny_per_kw_year, 40.0);
  EXPECT_DOUBLE_EQ(s.setup.grid->tou_price_cny_per_kwh.at(0), 0.08);
  // The availability series: row i is step i.
  ASSERT_EQ(s.setup.pv[0].availability_per_kw.size(), 8760U);
  EXPECT_DOUBLE_EQ(s.setup.pv[0].availability_per_kw[0], 0.0);
  EXPECT_DOUBLE_EQ(s.setup.wind[0].availability_per_kw[0], 0.011842773695849977);
  EXPECT_DOUBLE_EQ(s.setup.wind[0].rated_power_kw(), 100000.0);
}

TEST(OptimizeSectionTest, BadValuesAreNamedWithTheirUnit) {
  EXPECT_THAT(error_of({"optimize.grid_share_max_frac=1.5"}),
              HasSubstr("optimize.grid_share_max_frac = 1.5: must be between 0 and 1"));
  EXPECT_THAT(error_of({"optimize.mode=\"plan\""}), HasSubstr("optimize.mode"));
  EXPECT_THAT(error_of({"optimize.time_limit_s=0"}), HasSubstr("= 0 s: must be > 0"));
  EXPECT_THAT(error_of({"optimize.pv_min_kw=10", "optimize.pv_max_kw=5"}),
              HasSubstr("optimize.pv_min_kw = 10 kW: must be <= the matching _max (5)"));
  EXPECT_THAT(error_of({"battery.0.duration_h=-1"}),
              HasSubstr("battery.0.duration_h = -1 h: must be between 0 and 1000"));
  EXPECT_THAT(error_of({"finance.currency=\"EUR\""}), HasSubstr("finance.currency"));
}

TEST(OptimizeSectionTest, ReadsMpcKeys) {
  const Scenario d = load_scenario(kReference);
  EXPECT_DOUBLE_EQ(d.optimize.mpc.horizon_h, 48.0);
  EXPECT_DOUBLE_EQ(d.optimize.mpc.replan_every_h, 24.0);
  EXPECT_EQ(d.optimize.mpc.forecast, optimize::Forecast::kPerfect);
  const Scenario s =
      load_scenario(kReference, {"optimize.horizon_h=36", "optimize.replan_every_h=6",
                                 "optimize.forecast=\"noisy\"", "optimize.forecast_error_frac=0.3",
                                 "optimize.load_forecast_error_frac=0.05",
                                 "optimize.forecast_seed=42", "optimize.discount_frac_per_h=0"});
  EXPECT_DOUBLE_EQ(s.optimize.mpc.horizon_h, 36.0);
  EXPECT_DOUBLE_EQ(s.optimize.mpc.replan_every_h, 6.0);
  EXPECT_EQ(s.optimize.mpc.forecast, optimize::Forecast::kNoisy);
  EXPECT_DOUBLE_EQ(s.optimize.mpc.forecast_error_frac, 0.3);
  EXPECT_DOUBLE_EQ(s.optimize.mpc.load_forecast_error_frac, 0.05);
  EXPECT_EQ(s.optimize.mpc.forecast_seed, 42U);
  EXPECT_DOUBLE_EQ(s.optimize.mpc.discount_frac_per_h, 0.0);
  EXPECT_DOUBLE_EQ(d.optimize.mpc.discount_frac_per_h, 0.001);
  EXPECT_EQ(load_scenario(kReference, {"optimize.forecast=\"persistence\""}).optimize.mpc.forecast,
            optimize::Forecast::kPersistence);
  EXPECT_EQ(d.optimize.mpc.reservoir_end, optimize::ReservoirEnd::kRulesRun);
  EXPECT_EQ(load_scenario(kReference, {"optimize.reservoir_end=\"run_start\""})
                .optimize.mpc.reservoir_end,
            optimize::ReservoirEnd::kRunStart);
  EXPECT_THAT(error_of({"optimize.reservoir_end=\"guide\""}), HasSubstr("optimize.reservoir_end"));
}

TEST(OptimizeSectionTest, BadMpcValuesAreNamedWithTheirUnit) {
  EXPECT_THAT(error_of({"optimize.horizon_h=0"}),
              HasSubstr("optimize.horizon_h = 0 h: must be a whole number of hours, 1 to 8784"));
  EXPECT_THAT(error_of({"optimize.replan_every_h=2.5"}),
              HasSubstr("optimize.replan_every_h = 2.5 h: must be a whole number of hours"));
  EXPECT_THAT(error_of({"optimize.horizon_h=12"}),
              HasSubstr("optimize.replan_every_h = 24 h: must be <= horizon_h (12 h)"));
  EXPECT_THAT(error_of({"optimize.forecast=\"oracle\""}), HasSubstr("optimize.forecast"));
  EXPECT_THAT(error_of({"optimize.forecast_error_frac=-0.1"}),
              HasSubstr("optimize.forecast_error_frac = -0.1: must be between 0 and 10"));
  EXPECT_THAT(error_of({"optimize.discount_frac_per_h=1"}),
              HasSubstr("optimize.discount_frac_per_h = 1 per h: must be >= 0 and < 1"));
  EXPECT_THAT(error_of({"optimize.forecast_seed=-3"}),
              HasSubstr("optimize.forecast_seed = -3: must be >= 0"));
}

TEST(OptimizeSectionTest, BothSpellingsOfAMoneyKeyAreRefused) {
  EXPECT_THAT(error_of({"grid.tou_price_cny_per_kwh=0.5"}),
              HasSubstr("give tou_price_per_kwh or tou_price_cny_per_kwh, not both"));
  EXPECT_THAT(error_of({"pv.0.capex_cny_per_kw_year=1"}),
              HasSubstr("give capex_per_kw_year or capex_cny_per_kw_year, not both"));
  // A bad value is named as the scenario spells its key.
  EXPECT_THAT(error_of({"pv.0.capex_per_kw_year=-5"}),
              HasSubstr("pv.0.capex_per_kw_year = -5 per kW·yr: must be >= 0"));
}

TEST(OptimizeSectionTest, AvailabilityMustCoverTheRun) {
  EXPECT_THAT(error_of({"simulation.years=2"}),
              HasSubstr("pv.0.availability_file: has 8760 rows, the run has 17520 steps"));
  EXPECT_THAT(error_of({"pv.0.availability_column=\"nope\""}), HasSubstr("nope"));
  EXPECT_THAT(error_of({"wind.0.capacity_kw=0"}), HasSubstr("wind.0.capacity_kw"));
}

}  // namespace
}  // namespace shapan::io
