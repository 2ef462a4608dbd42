#include "shapan/core/cost.h"

#include <gtest/gtest.h>

namespace shapan {
namespace {

// Capital recovery factor for 8 % over 20 years is 0.101852 (standard annuity
// tables, e.g. HOMER Pro's documentation of the CRF).
TEST(CostTest, CapitalRecoveryFactorMatchesAnnuityTable) {
  EXPECT_NEAR(capital_recovery_factor(0.08, 20.0), 0.1018522, 1e-7);
  EXPECT_DOUBLE_EQ(capital_recovery_factor(0.0, 25.0), 0.04);
}

// 1000 kW at 3000 CNY/kW, 25 years at 0 %: 120,000 CNY/yr capital plus
// 50 CNY/kW-yr O&M = 50,000: 170,000 CNY per year.
TEST(CostTest, AnnualCostAddsCapitalAndOm) {
  const CostParams c{.capex_cny_per_kw = 3000, .om_cny_per_kw_year = 50, .lifetime_years = 25};
  EXPECT_DOUBLE_EQ(annual_cost_cny(c, 1000.0, 0.0, 0.0), 170000.0);
  const CostParams b{.capex_cny_per_kwh = 1000, .lifetime_years = 10};
  EXPECT_DOUBLE_EQ(annual_cost_cny(b, 0.0, 2000.0, 0.0), 200000.0);
}

TEST(CostTest, CheckRejectsNegativeCosts) {
  const CostParams c{.capex_cny_per_kw = -1, .lifetime_years = 0};
  EXPECT_EQ(c.check().size(), 2u);
}

}  // namespace
}  // namespace shapan
