// The cost book as io reads it: the cost keys where users write them (each
// unit's section, [finance], [grid]'s certificate price), none in the physics.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shapan/core/error.h"
#include "shapan/io/scenario.h"
#include "shapan/optimize/scenario_input.h"

namespace shapan::io {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const char* const kDefault = "examples/qinghai_base.toml";

std::string error_of(const std::vector<std::string>& overrides) {
  try {
    (void)load_scenario(kDefault, overrides);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// examples/qinghai_base.toml's figures, one entry per unit in the setup's order.
TEST(CostBookReadTest, EachSectionsCostKeysReachTheBook) {
  const Scenario s =
      load_scenario(kDefault, {"grid.green_certificate_price_per_mwh=30",
                               "finance.currency=\"USD\"", "battery.0.capex_per_kw=500"});
  const metrics::CostBook& c = s.costs;
  EXPECT_DOUBLE_EQ(c.finance.discount_rate_frac, 0.06);
  EXPECT_EQ(c.finance.currency, "USD");
  ASSERT_EQ(c.pv.size(), s.setup.pv.size());
  EXPECT_DOUBLE_EQ(c.pv[0].capex_cny_per_kw, 3000.0);
  EXPECT_DOUBLE_EQ(c.pv[0].om_cny_per_kw_year, 45.0);
  EXPECT_DOUBLE_EQ(c.pv[0].lifetime_years, 25.0);
  ASSERT_EQ(c.wind.size(), 1u);
  EXPECT_DOUBLE_EQ(c.wind[0].capex_cny_per_kw, 4500.0);
  EXPECT_DOUBLE_EQ(c.wind[0].lifetime_years, 20.0);
  ASSERT_EQ(c.hydro.size(), 1u);
  EXPECT_DOUBLE_EQ(c.hydro[0].capex_cny_per_kw, 8000.0);
  EXPECT_DOUBLE_EQ(c.hydro[0].lifetime_years, 50.0);
  ASSERT_EQ(c.batteries.size(), 1u);
  EXPECT_DOUBLE_EQ(c.batteries[0].capex_cny_per_kwh, 800.0);
  EXPECT_DOUBLE_EQ(c.batteries[0].capex_cny_per_kw, 500.0);
  EXPECT_DOUBLE_EQ(c.batteries[0].om_cny_per_kw_year, 20.0);
  EXPECT_TRUE(c.pumped_storage.empty());
  EXPECT_DOUBLE_EQ(c.green_certificate_price_cny_per_mwh, 30.0);
}

// A cascade plant's costs follow [hydro]'s, as sim::Setup orders the plants,
// and are counted on its own rating: the case has no other costs, so the
// plant's capital is 7000 × its rating × CRF(6 %, 25 years), the defaults.
TEST(CostBookReadTest, HydroCascadePlantsHaveTheirOwnEntries) {
  const Scenario s = load_scenario("tests/scenarios/hydro_cascade_15min/scenario.toml",
                                   {"hydro.downstream.0.capex_per_kw=7000"});
  ASSERT_EQ(s.costs.hydro.size(), 1 + s.setup.hydro_cascade.size());
  EXPECT_DOUBLE_EQ(s.costs.hydro[1].capex_cny_per_kw, 7000.0);
  const double rated_kw = s.setup.hydro_cascade[0].params.rated_power_kw;
  EXPECT_NEAR(metrics::plant_annual_cost(s.costs, sim::capacities_of(s.setup)).capital_per_year,
              7000.0 * rated_kw * capital_recovery_factor(0.06, 25.0), 1e-6);
}

// A bad cost is reported once, located, as the scenario spells it (the
// physics Params no longer repeat it as "cost.lifetime_years"); a misspelt
// cost key is still an unknown key with the right suggestion.
TEST(CostBookReadTest, BadCostsAreNamedOnceAndTyposStillCaught) {
  const std::string lifetime = error_of({"pv.0.lifetime_years=0"});
  EXPECT_THAT(lifetime, HasSubstr("pv.0.lifetime_years = 0: must be between 1 and 100"));
  EXPECT_THAT(lifetime, Not(HasSubstr("cost.lifetime_years")));
  EXPECT_THAT(error_of({"wind.0.om_cny_per_kw_year=-1"}),
              HasSubstr("wind.0.om_cny_per_kw_year = -1 CNY/(kW·yr): must be >= 0"));
  EXPECT_THAT(error_of({"grid.green_certificate_price_per_mwh=-2"}),
              HasSubstr("grid.green_certificate_price_per_mwh = -2 per MWh: must be >= 0"));
  EXPECT_THAT(error_of({"battery.0.capex_per_kwhh=1"}),
              HasSubstr("unknown key (did you mean \"capex_per_kwh\"?)"));
}

// [optimize] carbon_price_per_t is a price, so the cost book's: the sizing
// problem prices imports' emissions with it (lp_reference's CO2 cap binds at
// 45.75 $/tCO2, issue 15); absent, 0. Negative is refused, with its unit.
TEST(CostBookReadTest, CarbonPriceReachesTheOptimiserThroughTheBook) {
  const char* const reference = "examples/lp_reference.toml";
  const Scenario none = load_scenario(reference);
  EXPECT_DOUBLE_EQ(none.costs.carbon_price_per_t, 0.0);
  const Scenario priced = load_scenario(reference, {"optimize.carbon_price_per_t=45.75"});
  EXPECT_DOUBLE_EQ(priced.costs.carbon_price_per_t, 45.75);
  EXPECT_DOUBLE_EQ(
      optimize::sizing_problem(priced.setup, priced.costs, priced.optimize).carbon_price_per_t,
      45.75);
  try {
    (void)load_scenario(reference, {"optimize.carbon_price_per_t=-1"});
    FAIL() << "a negative carbon price was accepted";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("optimize.carbon_price_per_t = -1 per t: must be >= 0"));
  }
}

}  // namespace
}  // namespace shapan::io
