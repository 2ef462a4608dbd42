#include "interpolation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace shapan::resource::detail {
namespace {

// Three hours 0, 100, 40 split into 4 sub-steps each: the linear shape at
// sub-step centres of hour 1 (positions 0.125..0.875 h) is 50+..., then each
// hour's mean must come back exactly, with night (0) staying 0.
TEST(InterpolationTest, MeanPreservingKeepsEachIntervalMean) {
  const std::vector<double> y{0.0, 100.0, 40.0};
  const std::vector<std::size_t> counts{4, 4, 4};
  const auto v = interpolate_mean_preserving(y, counts, true);
  ASSERT_EQ(v.size(), 12u);
  for (std::size_t k = 0; k < 3; ++k) {
    const double mean = std::accumulate(v.begin() + 4 * k, v.begin() + 4 * (k + 1), 0.0) / 4.0;
    EXPECT_NEAR(mean, y[k], 1e-12);
  }
  for (int s = 0; s < 4; ++s) EXPECT_EQ(v[s], 0.0);
  for (double x : v) EXPECT_GE(x, 0.0);
}

TEST(InterpolationTest, MidpointLineWithUnequalIntervals) {
  // Interval lengths 2 and 4: midpoints at 1 and 4 (distance 3). Sub-step
  // centres 2.5 and 3.5 lie 1.5 and 2.5 past the first midpoint.
  const std::vector<double> y{0.0, 30.0};
  const std::vector<std::size_t> counts{2, 4};
  const auto v = interpolate_midpoints(y, counts);
  ASSERT_EQ(v.size(), 6u);
  EXPECT_DOUBLE_EQ(v[0], 0.0);   // before the first midpoint: held
  EXPECT_DOUBLE_EQ(v[1], 5.0);   // centre 1.5: 0.5 of 3 past midpoint 1
  EXPECT_DOUBLE_EQ(v[2], 15.0);  // centre 2.5
  EXPECT_DOUBLE_EQ(v[3], 25.0);  // centre 3.5
  EXPECT_DOUBLE_EQ(v[4], 30.0);  // after the last midpoint: held
}

TEST(InterpolationTest, AnglesTakeTheShortWayRound) {
  const std::vector<double> y{350.0, 10.0};
  const std::vector<std::size_t> counts{2, 2};
  const auto v = interpolate_midpoints(y, counts, true);
  // Centre 1.5 is a quarter of the way from 350 to 370 (= 10).
  EXPECT_DOUBLE_EQ(v[1], 355.0);
  EXPECT_DOUBLE_EQ(v[2], 5.0);
}

}  // namespace
}  // namespace shapan::resource::detail
