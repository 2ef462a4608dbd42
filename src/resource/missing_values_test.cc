#include "missing_values.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace shapan::resource::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(MissingValuesTest, FillGapsInterpolatesInsideAndHoldsAtEnds) {
  std::vector<double> v{kNaN, 1.0, kNaN, kNaN, 4.0, kNaN};
  ASSERT_TRUE(fill_gaps(v));
  EXPECT_EQ(v, (std::vector<double>{1.0, 1.0, 2.0, 3.0, 4.0, 4.0}));
  std::vector<double> none{kNaN, kNaN};
  EXPECT_FALSE(fill_gaps(none));
}

TEST(MissingValuesTest, StandardAtmosphere) {
  EXPECT_DOUBLE_EQ(standard_pressure_pa(0.0), 101325.0);
  // 101325 (1 - 2.25577e-5 * 2000)^5.25588 = 79495 Pa.
  EXPECT_NEAR(standard_pressure_pa(2000.0), 79495.2, 0.5);
}

TEST(MissingValuesTest, MagnusRelativeHumidityAndInverse) {
  EXPECT_DOUBLE_EQ(relative_humidity_percent(10.0, 10.0), 100.0);
  // es(20) = 23.37 hPa, es(10) = 12.27 hPa -> 52.5 %.
  EXPECT_NEAR(relative_humidity_percent(20.0, 10.0), 52.5, 0.1);
  EXPECT_NEAR(dew_point_c(20.0, relative_humidity_percent(20.0, 10.0)), 10.0, 1e-9);
}

}  // namespace
}  // namespace shapan::resource::detail
