#include "shapan/core/check.h"

#include <gtest/gtest.h>

#include <cmath>

#include "shapan/core/error.h"

namespace shapan {
namespace {

TEST(CheckTest, CollectsEveryProblemWithValueAndExpectation) {
  const std::vector<FieldIssue> issues = FieldChecker()
                                             .in_range("latitude_deg", 95.0, -90.0, 90.0)
                                             .at_least("energy_kwh", -5.0, 0.0)
                                             .above("step_minutes", 0.0, 0.0)
                                             .at_most("efficiency_frac", 1.3, 1.0)
                                             .in_range("ok_deg", 10.0, 0.0, 90.0)
                                             .issues();
  ASSERT_EQ(issues.size(), 4u);
  EXPECT_EQ(issues[0], (FieldIssue{"latitude_deg", "= 95: must be between -90 and 90"}));
  EXPECT_EQ(issues[1], (FieldIssue{"energy_kwh", "= -5: must be >= 0"}));
  EXPECT_EQ(issues[2], (FieldIssue{"step_minutes", "= 0: must be > 0"}));
  EXPECT_EQ(issues[3], (FieldIssue{"efficiency_frac", "= 1.3: must be <= 1"}));
}

TEST(CheckTest, NanIsNeverInRange) {
  EXPECT_EQ(FieldChecker().in_range("x", std::nan(""), 0, 1).issues().size(), 1u);
}

TEST(CheckTest, RequireValidThrowsNamingTheComponent) {
  EXPECT_NO_THROW(require_valid("battery", {}));
  try {
    require_valid("battery", {FieldIssue{"energy_kwh", "= -5: must be >= 0"}});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "<parameters>: battery.energy_kwh = -5 kWh: must be >= 0");
  }
}

}  // namespace
}  // namespace shapan
