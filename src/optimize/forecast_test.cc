// Forecast models of receding-horizon dispatch, by hand and by their
// statistics (docs/optimization.md, "MPC").
#include "forecast.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace shapan::optimize::forecast {
namespace {

// Three steps a day (8 h steps) over three days: a_i = i.
std::vector<double> ramp(std::size_t n) {
  std::vector<double> a(n);
  std::iota(a.begin(), a.end(), 0.0);
  return a;
}

TEST(ForecastTest, PerfectIsTheActualSeries) {
  const std::vector<double> a = ramp(9);
  EXPECT_EQ(series(a, 2, 4, Model{.kind = Forecast::kPerfect}, 0),
            (std::vector<double>{2, 3, 4, 5}));
}

// Made at now = 4 (day 1, its 2nd step) for steps 4..8 with D = 3: step 4 is
// seen (4); 5 and 6 look back one day to 2 and 3; 7 would be 4 (one day
// back, at `now`, seen); 8 needs two days back: 2 (one day back, 5, is not
// seen yet).
// Made at now = 1 (day 0): step 1 is seen; 2 one day back is -1, before the
// run: the first day's own value a_2 = 2; 3 -> 0; 4 -> 1 (at `now`).
TEST(ForecastTest, PersistenceLooksBackWholeDaysToSeenSteps) {
  const std::vector<double> a = ramp(9);
  const Model m{.kind = Forecast::kPersistence, .steps_per_day = 3, .step_h = 8.0};
  EXPECT_EQ(series(a, 4, 5, m, 0), (std::vector<double>{4, 2, 3, 4, 2}));
  EXPECT_EQ(series(a, 1, 4, m, 0), (std::vector<double>{1, 2, 0, 1}));
}

// ε is a random walk in lead time: std 0.2 × √(ℓ h / 24 h). Over 4,000
// seeded streams of a constant series of 1, hourly, the sample standard
// deviation of the forecast at lead 24 h is 0.2 and at 6 h 0.1 (to 5 %), its
// mean 1 (to 0.01), and lead 0 is exact. The same seed gives the same
// numbers; another seed others.
TEST(ForecastTest, NoisyErrorGrowsAsTheRootOfLeadAndIsSeeded) {
  const std::vector<double> ones(30, 1.0);
  const Model m{.kind = Forecast::kNoisy, .step_h = 1.0, .error_frac_at_24h = 0.2, .seed = 7};
  double sum6 = 0.0, sq6 = 0.0, sum24 = 0.0, sq24 = 0.0;
  constexpr int kDraws = 4000;
  for (int k = 0; k < kDraws; ++k) {
    const std::vector<double> f = series(ones, 0, 25, m, static_cast<std::uint64_t>(k));
    EXPECT_DOUBLE_EQ(f[0], 1.0);
    sum6 += f[6];
    sq6 += f[6] * f[6];
    sum24 += f[24];
    sq24 += f[24] * f[24];
  }
  const auto sd = [](double sum, double sq) {
    return std::sqrt(sq / kDraws - (sum / kDraws) * (sum / kDraws));
  };
  EXPECT_NEAR(sd(sum24, sq24), 0.2, 0.05 * 0.2);
  EXPECT_NEAR(sd(sum6, sq6), 0.1, 0.05 * 0.1);
  EXPECT_NEAR(sum24 / kDraws, 1.0, 0.01);
  EXPECT_EQ(series(ones, 3, 20, m, 5), series(ones, 3, 20, m, 5));
  Model other = m;
  other.seed = 8;
  EXPECT_NE(series(ones, 3, 20, m, 5), series(ones, 3, 20, other, 5));
  EXPECT_NE(series(ones, 3, 20, m, 5), series(ones, 4, 20, m, 5));
}

TEST(ForecastTest, NoisyIsClippedToZeroAndTheMaximum) {
  const std::vector<double> ones(200, 1.0);
  const Model m{.kind = Forecast::kNoisy,
                .step_h = 1.0,
                .error_frac_at_24h = 3.0,
                .seed = 1,
                .max_value = 1.5};
  const std::vector<double> f = series(ones, 0, 200, m, 0);
  EXPECT_GE(*std::min_element(f.begin(), f.end()), 0.0);
  EXPECT_LE(*std::max_element(f.begin(), f.end()), 1.5);
  // σ = 3 a day reaches both clips within 200 hours.
  EXPECT_GT(std::count(f.begin(), f.end(), 0.0), 0);
  EXPECT_GT(std::count(f.begin(), f.end(), 1.5), 0);
}

// Box–Muller on splitmix64: the same draws on every platform (pinned here to
// 1e-12, the spread of libm's log and cos; a change of the generator changes
// every noisy forecast and must update these).
TEST(ForecastTest, StandardNormalIsPinned) {
  EXPECT_NEAR(standard_normal(1, 0, 1), 0.97757228184506439, 1e-12);
  EXPECT_NEAR(standard_normal(42, 3, 7), -1.1843320851329719, 1e-12);
  EXPECT_NE(standard_normal(1, 0, 1), standard_normal(1, 0, 2));
  EXPECT_NE(standard_normal(1, 0, 1), standard_normal(2, 0, 1));
}

}  // namespace
}  // namespace shapan::optimize::forecast
