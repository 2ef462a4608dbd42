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

TEST(CostTest, CheckRejectsNegativeCosts) {
  const CostParams c{.capex_cny_per_kw = -1, .lifetime_years = 0};
  EXPECT_EQ(c.check().size(), 2u);
}

}  // namespace
}  // namespace shapan
