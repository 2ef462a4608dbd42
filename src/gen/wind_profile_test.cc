// Reference values: windpowerlib tests/test_wind_speed.py, test_tools.py and
// test_modelchain.py (commits in /work/shared/reference/wind_functions.md,
// WD-2), re-derived there; pandas compares at ~1e-8 relative, we at 1e-7 abs.
#include "shapan/gen/wind_profile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "shapan/core/error.h"

namespace shapan::gen {
namespace {

constexpr double kTol = 1e-7;

// Source: windpowerlib test_wind_speed.py::test_logarithmic_profile. Wind 5.0
// and 6.5 m/s at 10 m, hub 100 m, z0 0.15 m, no obstacle:
// v·ln(100/0.15)/ln(10/0.15).
TEST(WindProfileTest, LogProfileMatchesWindpowerlib) {
  EXPECT_NEAR(log_wind_speed(5.0, 10.0, 100.0, 0.15), 7.74136523, kTol);
  EXPECT_NEAR(log_wind_speed(6.5, 10.0, 100.0, 0.15), 10.0637748, kTol);
}

// Source: same test, obstacle height 12 m (displacement 8.4 m).
TEST(WindProfileTest, LogProfileWithObstacleMatchesWindpowerlib) {
  EXPECT_NEAR(log_wind_speed(5.0, 10.0, 100.0, 0.15, 12.0), 13.54925281, kTol);
  EXPECT_NEAR(log_wind_speed(6.5, 10.0, 100.0, 0.15, 12.0), 17.61402865, kTol);
}

// Source: same test: obstacle 20 m puts the displacement (14 m) above the
// 10 m measurement; windpowerlib raises ValueError, we throw InputError.
TEST(WindProfileTest, LogProfileRejectsObstacleAboveMeasurement) {
  try {
    log_wind_speed(5.0, 10.0, 100.0, 0.15, 20.0);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), testing::HasSubstr("obstacle_height_m = 20 m: 0.7 x obstacle height "
                                             "(14 m) must be below the wind measurement height "
                                             "10 m"));
  }
  // Exactly at the measurement height is rejected too (ln(0) otherwise).
  EXPECT_THROW(log_wind_speed(5.0, 7.0, 100.0, 0.15, 10.0), InputError);
}

// Source: windpowerlib test_wind_speed.py::test_hellman: exponent from the
// roughness (1/ln(100/0.15)), the default 1/7, and a given 0.2.
TEST(WindProfileTest, HellmanMatchesWindpowerlib) {
  EXPECT_NEAR(hellman_wind_speed(5.0, 10.0, 100.0, std::nullopt, 0.15), 7.12462437, kTol);
  EXPECT_NEAR(hellman_wind_speed(6.5, 10.0, 100.0, std::nullopt, 0.15), 9.26201168, kTol);
  EXPECT_NEAR(hellman_wind_speed(5.0, 10.0, 100.0, std::nullopt, std::nullopt), 6.9474774, kTol);
  EXPECT_NEAR(hellman_wind_speed(6.5, 10.0, 100.0, std::nullopt, std::nullopt), 9.03172, 1e-5);
  EXPECT_NEAR(hellman_wind_speed(5.0, 10.0, 100.0, 0.2, std::nullopt), 7.92446596, kTol);
  EXPECT_NEAR(hellman_wind_speed(6.5, 10.0, 100.0, 0.2, 0.15), 10.30180575, kTol);
}

// Source: windpowerlib test_tools.py: data at 10/80/200 m, three rows
// [2,4,5], [2,5,8], [3,6,10]; the two heights nearest the target are used.
struct ToolsCase {
  double target_m;
  double linear[3];
  double log_height[3];
};

TEST(WindProfileTest, HeightInterpolationToolsMatchWindpowerlib) {
  const std::vector<double> heights = {10.0, 80.0, 200.0};
  const std::vector<std::vector<double>> rows = {{2, 4, 5}, {2, 5, 8}, {3, 6, 10}};
  const ToolsCase cases[] = {
      {80.0, {4, 5, 6}, {4, 5, 6}},
      {140.0, {4.5, 6.5, 8.0}, {4.61074042165, 6.83222126494, 8.44296168659}},
      {90.0, {4.285714, 5.428571, 6.428571}, {4.11328333429, 5.16992500144, 6.16992500144}},
      {240.0, {5.333333, 9.0, 11.333333}, {5.19897784672, 8.59693354015, 10.7959113869}},
      {5.0, {1.857143, 1.785714, 2.785714}, {1.33333333333, 1.0, 2.0}},
  };
  for (const auto& c : cases) {
    for (int r = 0; r < 3; ++r) {
      EXPECT_NEAR(interpolate_in_height(heights, rows[r], c.target_m, HeightInterpolation::kLinear),
                  c.linear[r], 1e-6)
          << "linear, target " << c.target_m << " row " << r;
      EXPECT_NEAR(
          interpolate_in_height(heights, rows[r], c.target_m, HeightInterpolation::kLogHeight),
          c.log_height[r], 1e-9)
          << "log, target " << c.target_m << " row " << r;
    }
  }
}

// Source: windpowerlib test_modelchain.py (wind speed sub-step): wind 4.0/5.0
// at 8 m and 5.0/6.5 at 10 m carried to a 100 m hub by extrapolation.
TEST(WindProfileTest, ModelChainHubWindByInterpolationMatchesWindpowerlib) {
  const std::vector<double> heights = {8.0, 10.0};
  const std::vector<double> step1 = {4.0, 5.0};
  const std::vector<double> step2 = {5.0, 6.5};
  EXPECT_NEAR(interpolate_in_height(heights, step1, 100.0, HeightInterpolation::kLinear), 50.0,
              1e-9);
  EXPECT_NEAR(interpolate_in_height(heights, step2, 100.0, HeightInterpolation::kLinear), 74.0,
              1e-9);
  EXPECT_NEAR(interpolate_in_height(heights, step1, 100.0, HeightInterpolation::kLogHeight),
              15.3188511585, 1e-9);
  EXPECT_NEAR(interpolate_in_height(heights, step2, 100.0, HeightInterpolation::kLogHeight),
              21.9782767378, 1e-9);
}

// Analytic: at the measurement height every profile returns the measurement.
TEST(WindProfileTest, ProfilesAreIdentityAtMeasurementHeight) {
  EXPECT_DOUBLE_EQ(log_wind_speed(7.3, 80.0, 80.0, 0.1, 10.0), 7.3);
  EXPECT_DOUBLE_EQ(hellman_wind_speed(7.3, 80.0, 80.0, 0.3, std::nullopt), 7.3);
}

}  // namespace
}  // namespace shapan::gen
