#include "shapan/resource/wind_calibration.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "weather_test_util.h"

namespace shapan::resource {
namespace {

// A small series: wind `v` at 10 m, 15 C and 80 kPa every step (dry-air
// density 80000 / (287.05 * 288.15) = 0.96720 kg/m3).
WeatherSeries windy(std::vector<double> v) {
  WeatherSeries s;
  s.source = "test.epw";
  const std::size_t n = v.size();
  s.wind_speed_m_per_s = std::move(v);
  s.wind_direction_deg.assign(n, 180.0);
  s.temp_air_c.assign(n, 15.0);
  s.pressure_pa.assign(n, 80000.0);
  s.ghi_w_per_m2.assign(n, 0.0);
  s.wind_height_m = 10.0;
  return s;
}

// Weibull(k, c) quantiles at u = (i + 0.5) / n, in a scrambled (time) order.
std::vector<double> weibull_series(double k, double c, std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = (i * 7919) % n;  // 7919 is prime: a permutation of 0..n-1
    const double u = (static_cast<double>(j) + 0.5) / static_cast<double>(n);
    v[i] = c * std::pow(-std::log(1.0 - u), 1.0 / k);
  }
  return v;
}

TEST(WindCalibrationTest, AirDensityIsTheIdealGasLawForDryAir) {
  EXPECT_NEAR(air_density_kg_per_m3(windy({1.0}))[0], 80000.0 / (287.05 * 288.15), 1e-12);
}

// Scaling to a mean speed: v' = s v with s = 6 / mean(v). Every step keeps its
// rank and its ratio to the others (time structure), the mean becomes 6 m/s,
// and it is the turbines' wind at the target height; the measured wind (main
// and levels) is left as it was for everything that is not a turbine.
TEST(WindCalibrationTest, ScalesToALongTermMeanKeepingTheTimeStructure) {
  const std::vector<double> v = {1.0, 2.0, 0.0, 4.0, 3.0};  // mean 2
  WeatherSeries s = windy(v);
  s.wind_levels.push_back({.height_m = 50.0, .wind_speed_m_per_s = {9, 9, 9, 9, 9}});
  const WindCalibration c = scale_to_long_term(s, {.height_m = 100.0, .mean_speed_m_per_s = 6.0});
  // The level at 50 m is nearer 100 m than the 10 m main wind: it is the one used.
  EXPECT_DOUBLE_EQ(c.from_height_m, 50.0);
  EXPECT_DOUBLE_EQ(c.factor, 6.0 / 9.0);
  s.wind_levels.clear();
  const WindCalibration d = scale_to_long_term(s, {.height_m = 100.0, .mean_speed_m_per_s = 6.0});
  EXPECT_DOUBLE_EQ(d.factor, 3.0);
  ASSERT_TRUE(d.series.turbine_wind.has_value());
  EXPECT_EQ(d.series.turbine_wind->wind_speed_m_per_s,
            (std::vector<double>{3.0, 6.0, 0.0, 12.0, 9.0}));
  EXPECT_DOUBLE_EQ(d.series.turbine_wind->height_m, 100.0);
  EXPECT_EQ(d.series.wind_speed_m_per_s, v);
  EXPECT_DOUBLE_EQ(d.series.wind_height_m, 10.0);
  EXPECT_EQ(c.series.wind_levels.size(), 1u);
  EXPECT_DOUBLE_EQ(d.mean_before_m_per_s, 2.0);
  EXPECT_DOUBLE_EQ(d.mean_after_m_per_s, 6.0);
}

// A Weibull(k = 2, c = 3) series scaled by s stays Weibull with k = 2 and
// c = 3 s: the ratio of the mean cube to the cubed mean, Γ(1+3/k)/Γ(1+1/k)^3,
// depends on k alone, so it must not move; the mean moves by s.
TEST(WindCalibrationTest, KeepsTheWeibullShapeAndScalesItsScale) {
  const std::vector<double> v = weibull_series(2.0, 3.0, 8760);
  const auto cube_ratio = [](const std::vector<double>& x) {
    double m = 0.0;
    double m3 = 0.0;
    for (double a : x) {
      m += a;
      m3 += a * a * a;
    }
    m /= static_cast<double>(x.size());
    m3 /= static_cast<double>(x.size());
    return m3 / (m * m * m);
  };
  const WindCalibration c =
      scale_to_long_term(windy(v), {.height_m = 100.0, .mean_speed_m_per_s = 7.0});
  EXPECT_NEAR(cube_ratio(c.series.turbine_wind->wind_speed_m_per_s), cube_ratio(v), 1e-9);
  // Γ(2.5)/Γ(1.5)^3 = 1.32934/0.69618 = 1.9099 for k = 2 (sampled quantiles: to 1 %).
  EXPECT_NEAR(cube_ratio(v), std::tgamma(2.5) / std::pow(std::tgamma(1.5), 3), 0.02);
  // Mean of Weibull(2, 3) = 3 Γ(1.5) = 2.6587 m/s; the factor is 7 / that.
  EXPECT_NEAR(c.factor, 7.0 / (3.0 * std::tgamma(1.5)), 0.01);
}

// Scaling to a power density P: s = (P / mean(1/2 rho v^3))^(1/3). With v = 2
// m/s throughout and rho = 0.96720, mean(1/2 rho v^3) = 3.8688 W/m2; a target
// of 125.14 W/m2 (Qinghai at 100 m) gives s = (125.14/3.8688)^(1/3) = 3.1858.
TEST(WindCalibrationTest, ScalesToALongTermPowerDensity) {
  const WindCalibration c = scale_to_long_term(
      windy(std::vector<double>(24, 2.0)), {.height_m = 100.0, .power_density_w_per_m2 = 125.14});
  const double rho = 80000.0 / (287.05 * 288.15);
  EXPECT_NEAR(c.factor, std::cbrt(125.14 / (0.5 * rho * 8.0)), 1e-12);
  EXPECT_NEAR(c.power_density_after_w_per_m2, 125.14, 1e-9);
}

// Read as a Rayleigh (Weibull k = 2) distribution at rho = 0.96720 kg/m3,
// 125.14 W/m2 has c = (2 * 125.14 / (0.96720 * Γ(2.5)))^(1/3) = 5.7955 m/s
// and a mean speed of c Γ(1.5) = 5.1361 m/s: the series is scaled to that mean.
TEST(WindCalibrationTest, ScalesToTheMeanOfAWeibullWithThatPowerDensity) {
  const WindCalibration c = scale_to_long_term(
      windy({1.0, 3.0}), {.height_m = 100.0, .power_density_w_per_m2 = 125.14, .weibull_k = 2.0});
  const double rho = 80000.0 / (287.05 * 288.15);
  const double scale = std::cbrt(2.0 * 125.14 / (rho * std::tgamma(2.5)));
  EXPECT_NEAR(scale, 5.7955, 1e-4);
  EXPECT_NEAR(c.mean_after_m_per_s, scale * std::tgamma(1.5), 1e-12);
  EXPECT_NEAR(c.mean_after_m_per_s, 5.1361, 1e-4);
  EXPECT_NEAR(c.factor, c.mean_after_m_per_s / 2.0, 1e-12);
}

TEST(WindCalibrationTest, RefusesASeriesWithoutWind) {
  EXPECT_EQ(
      testing::error_of([] {
        (void)scale_to_long_term(windy({0.0, 0.0}), {.height_m = 100.0, .mean_speed_m_per_s = 6.0});
      }),
      "test.epw: wind calibration: cannot scale: the file's wind at 10 m gives 0 and the "
      "target is 6; both must be > 0");
}

// MCP on an exact linear relation y = 2 + 1.5 x over 200 concurrent hours:
// both methods recover a = 2, b = 1.5 and predict every step with it.
TEST(WindCalibrationTest, McpRecoversAnExactLinearRelation) {
  std::vector<double> x(300);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i % 13);
  ConcurrentWind ref{.height_m = 90.0};
  for (std::size_t i = 50; i < 250; ++i) {
    ref.step.push_back(i);
    ref.speed_m_per_s.push_back(2.0 + 1.5 * x[i]);
  }
  for (McpMethod m : {McpMethod::kVarianceRatio, McpMethod::kLinearRegression}) {
    const WindCalibration c = measure_correlate_predict(windy(x), ref, m, "mast.csv");
    EXPECT_NEAR(c.slope, 1.5, 1e-12);
    EXPECT_NEAR(c.intercept_m_per_s, 2.0, 1e-12);
    ASSERT_TRUE(c.series.turbine_wind.has_value());
    EXPECT_NEAR(c.series.turbine_wind->wind_speed_m_per_s[5], 2.0 + 1.5 * 5.0, 1e-12);
    EXPECT_DOUBLE_EQ(c.series.turbine_wind->height_m, 90.0);
    EXPECT_EQ(c.series.wind_speed_m_per_s, x);
    EXPECT_EQ(c.concurrent_hours, 200u);
  }
}

// With scatter y = 1.5 x ± 1 (alternating), regression keeps b = 1.5 (the
// scatter is uncorrelated with x) but the variance ratio gives
// b = sd(y)/sd(x) = sqrt(1.5^2 + 1/var(x)) > 1.5, so that the predicted
// series keeps the measured variance (Rogers et al. 2005, section 2.2).
TEST(WindCalibrationTest, VarianceRatioKeepsTheMeasuredVariance) {
  std::vector<double> x(400);
  ConcurrentWind ref{.height_m = 100.0};
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] = static_cast<double>((i / 2) % 10);  // each value twice: +1 then -1 scatter
    ref.step.push_back(i);
    ref.speed_m_per_s.push_back(1.5 * x[i] + (i % 2 == 0 ? 1.0 : -1.0));
  }
  const double var_x = 8.25;  // variance of 0..9
  const WindCalibration reg =
      measure_correlate_predict(windy(x), ref, McpMethod::kLinearRegression, "mast.csv");
  const WindCalibration vr =
      measure_correlate_predict(windy(x), ref, McpMethod::kVarianceRatio, "mast.csv");
  EXPECT_NEAR(reg.slope, 1.5, 1e-12);
  EXPECT_NEAR(vr.slope, std::sqrt(1.5 * 1.5 + 1.0 / var_x), 1e-12);
}

TEST(WindCalibrationTest, McpNeedsAWeekOfConcurrentHours) {
  ConcurrentWind ref{.height_m = 100.0, .step = {0, 1}, .speed_m_per_s = {5.0, 6.0}};
  EXPECT_EQ(testing::error_of([&] {
              (void)measure_correlate_predict(windy({1.0, 2.0}), ref, McpMethod::kVarianceRatio,
                                              "mast.csv");
            }),
            "mast.csv: wind reference: 2 hours concurrent with test.epw; "
            "measure-correlate-predict needs at least 168 (one week)");
}

}  // namespace
}  // namespace shapan::resource
