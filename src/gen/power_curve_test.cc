// Reference values: windpowerlib tests/test_power_output.py (WD-2 in
// /work/shared/reference/wind_functions.md); analytic checks otherwise.
#include "shapan/gen/power_curve.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "shapan/core/error.h"
#include "shapan/gen/wind_profile.h"

namespace shapan::gen {
namespace {

// windpowerlib's test curve: 4/5/6 m/s -> 300/400/500 W.
PowerCurve test_curve() {
  return PowerCurve{.wind_speed_m_per_s = {4.0, 5.0, 6.0}, .power_kw = {0.3, 0.4, 0.5}};
}

// Source: test_power_output.py::test_power_curve, density_correction=False:
// wind 2.0, 5.5, 7.0 -> 0, 450, 0 W (0 outside the table).
TEST(PowerCurveTest, LookupMatchesWindpowerlib) {
  EXPECT_DOUBLE_EQ(power_curve_kw(test_curve(), 2.0), 0.0);
  EXPECT_NEAR(power_curve_kw(test_curve(), 5.5), 0.450, 1e-12);
  EXPECT_DOUBLE_EQ(power_curve_kw(test_curve(), 7.0), 0.0);
  // Table ends are inside the table.
  EXPECT_DOUBLE_EQ(power_curve_kw(test_curve(), 4.0), 0.3);
  EXPECT_DOUBLE_EQ(power_curve_kw(test_curve(), 6.0), 0.5);
}

// Source: test_power_output.py::test_power_curve_density_correction,
// ρ = 1.3 kg/m³: 0, 461.00290572, 0 W.
TEST(PowerCurveTest, DensityCorrectionMatchesWindpowerlib) {
  EXPECT_DOUBLE_EQ(density_corrected_power_kw(test_curve(), 2.0, 1.3), 0.0);
  EXPECT_NEAR(density_corrected_power_kw(test_curve(), 5.5, 1.3), 0.46100290572, 1e-11);
  EXPECT_DOUBLE_EQ(density_corrected_power_kw(test_curve(), 7.0, 1.3), 0.0);
}

// Analytic: at standard density the correction changes nothing.
TEST(PowerCurveTest, DensityCorrectionIsIdentityAtStandardDensity) {
  for (double v : {3.0, 4.5, 5.5, 6.0}) {
    EXPECT_NEAR(density_corrected_power_kw(test_curve(), v, 1.225), power_curve_kw(test_curve(), v),
                1e-12);
  }
}

// DensityCorrectedCurve is the same lookup with the exponents precomputed:
// it must agree with density_corrected_power_kw() to rounding at every speed
// (inside the curve, at its points, beyond it) and density (thin air at
// altitude to cold dense air), on a library curve with points in all three
// exponent ranges (p = 1/3, the ramp, 2/3).
TEST(PowerCurveTest, PrecomputedCorrectionMatchesReference) {
  const std::optional<Turbine> turbine = find_turbine("E-126/4200");
  ASSERT_TRUE(turbine.has_value());
  for (const PowerCurve& curve : {test_curve(), turbine->curve}) {
    const DensityCorrectedCurve fast(curve);
    for (double rho : {0.75, 0.9045, 1.1, 1.225, 1.3, 1.45}) {
      for (double v = 0.0; v <= 30.0; v += 0.01) {
        const double ref = density_corrected_power_kw(curve, v, rho);
        EXPECT_NEAR(fast.power_kw(v, rho), ref, 1e-9 * std::max(1.0, ref)) << v << " " << rho;
      }
    }
  }
}

// The bracket DensityCorrectedCurve guesses and walks to is the one a binary
// search over the shifted speeds finds: the same power, bit for bit, as that
// search (written out here as the class had it), on the library curve and a
// smoothed one, at speeds on and between the shifted points.
TEST(PowerCurveTest, PrecomputedCorrectionBracketsAsBinarySearch) {
  const std::optional<Turbine> turbine = find_turbine("V112/3300");
  ASSERT_TRUE(turbine.has_value());
  const PowerCurve smoothed = smooth_power_curve(turbine->curve, 0.6, 0.2);
  for (const PowerCurve& curve : {test_curve(), turbine->curve, smoothed}) {
    const DensityCorrectedCurve fast(curve);
    const std::vector<double>& speeds = curve.wind_speed_m_per_s;
    for (double rho = 0.7; rho <= 1.5; rho += 0.0137) {
      const double log_ratio = std::log(kStandardAirDensityKgPerM3 / rho);
      const double c13 = std::exp(log_ratio / 3.0);
      const double c23 = c13 * c13;
      auto shifted = [&](std::size_t k) {
        const double p = density_correction_exponent(speeds[k]);
        if (p == 1.0 / 3.0) return speeds[k] * c13;
        if (p == 2.0 / 3.0) return speeds[k] * c23;
        return speeds[k] * std::exp(p * log_ratio);
      };
      auto by_search = [&](double x) {
        const std::size_t n = speeds.size();
        if (x < shifted(0) || x > shifted(n - 1)) return 0.0;
        std::size_t lo = 0;
        std::size_t hi = n - 1;
        while (hi - lo > 1) {
          const std::size_t mid = (lo + hi) / 2;
          (shifted(mid) <= x ? lo : hi) = mid;
        }
        const double x0 = shifted(lo);
        const double x1 = shifted(hi);
        if (x1 == x0) return curve.power_kw[hi];
        return curve.power_kw[lo] +
               (curve.power_kw[hi] - curve.power_kw[lo]) * (x - x0) / (x1 - x0);
      };
      std::vector<double> probes;
      for (double v = 0.0; v <= 40.0; v += 0.0173) probes.push_back(v);
      for (std::size_t k = 0; k < speeds.size(); ++k) {
        probes.push_back(shifted(k));
        probes.push_back(std::nextafter(shifted(k), 0.0));
        probes.push_back(std::nextafter(shifted(k), 100.0));
      }
      for (const double v : probes) {
        EXPECT_EQ(fast.power_kw(v, rho), by_search(v)) << v << " " << rho;
      }
    }
  }
}

// Source: IEC 61400-12-1 as windpowerlib applies it (power_output.py).
TEST(PowerCurveTest, CorrectionExponentFollowsIecRamp) {
  EXPECT_DOUBLE_EQ(density_correction_exponent(5.0), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(density_correction_exponent(7.5), 1.0 / 3.0);
  EXPECT_NEAR(density_correction_exponent(10.0), 0.5, 1e-15);
  EXPECT_DOUBLE_EQ(density_correction_exponent(12.5), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(density_correction_exponent(20.0), 2.0 / 3.0);
}

// Source: test_power_output.py::test_power_coefficient_curve: cp 0.3/0.4/0.5
// at 4/5/6 m/s, rotor 80 m, ρ = 1.3: 0, 244615.399 W, 0.
TEST(PowerCurveTest, PowerCoefficientModelMatchesWindpowerlib) {
  const std::vector<double> v = {4.0, 5.0, 6.0};
  const std::vector<double> cp = {0.3, 0.4, 0.5};
  EXPECT_DOUBLE_EQ(power_coefficient_kw(v, cp, 80.0, 2.0, 1.3), 0.0);
  EXPECT_NEAR(power_coefficient_kw(v, cp, 80.0, 5.5, 1.3), 244.615399, 1e-6);
  EXPECT_DOUBLE_EQ(power_coefficient_kw(v, cp, 80.0, 7.0, 1.3), 0.0);
}

// A step curve (0 below 5 m/s, 1000 kW from 5 to 25 m/s). Smoothing keeps
// the area under the curve within 3 % (a convolution with a fixed σ conserves
// the integral exactly; with σ growing in v the wider high-speed kernel pushes
// more of the cut-out edge outward: +2.2 % here), never exceeds the peak, and turns
// the cut-in step into a ramp: at 5 m/s about half power (σ = 1.6 m/s there).
TEST(PowerCurveTest, SmoothingSpreadsStepsAndKeepsEnergy) {
  PowerCurve step{.wind_speed_m_per_s = {0.0, 4.999, 5.0, 25.0},
                  .power_kw = {0.0, 0.0, 1000.0, 1000.0}};
  const PowerCurve smooth = smooth_power_curve(step, 0.6, 0.2);
  double area = 0.0;
  for (std::size_t i = 0; i < smooth.power_kw.size(); ++i) {
    EXPECT_LE(smooth.power_kw[i], 1000.0 + 1e-6);
    EXPECT_GE(smooth.power_kw[i], 0.0);
    area += smooth.power_kw[i] * 0.5;
  }
  EXPECT_NEAR(area, 20000.0, 20000.0 * 0.03);
  EXPECT_NEAR(power_curve_kw(smooth, 5.0), 500.0, 20.0);
  EXPECT_GT(power_curve_kw(smooth, 4.0), 50.0);     // some turbines already turning
  EXPECT_LT(power_curve_kw(smooth, 15.0), 1000.0);  // and some never quite at rated
  EXPECT_GT(power_curve_kw(smooth, 15.0), 990.0);
  EXPECT_GT(power_curve_kw(smooth, 26.0), 100.0);  // cut-out spread past 25 m/s
  EXPECT_EQ(smooth.check().size(), 0u);
}

class PowerCurveFileTest : public testing::Test {
 protected:
  std::filesystem::path write(const std::string& text) {
    path_ = std::filesystem::temp_directory_path() /
            ("shapan_curve_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".csv");
    std::ofstream(path_) << text;
    return path_;
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::filesystem::path path_;
};

TEST_F(PowerCurveFileTest, ReadsColumnsInAnyOrder) {
  const auto path = write("power_kw,note,wind_speed_m_per_s\n0,a,3\n500,b,8\n2000,c,12\n");
  const PowerCurve curve = read_power_curve_csv(path);
  EXPECT_EQ(curve.wind_speed_m_per_s, (std::vector<double>{3.0, 8.0, 12.0}));
  EXPECT_EQ(curve.power_kw, (std::vector<double>{0.0, 500.0, 2000.0}));
}

TEST_F(PowerCurveFileTest, NegativePowerNamesFileLineAndColumn) {
  const auto path = write("wind_speed_m_per_s,power_kw\n3,0\n8,-5\n");
  try {
    read_power_curve_csv(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(),
                testing::HasSubstr(path.string() + ":3:2: power_kw = -5 kW: must be >= 0"));
  }
}

// Found by fuzz/power_curve (docs/reliability.md): a power of 1e308 kW passed
// the reader, and interpolating between it and 235 kW overflowed to -inf
// (power_curve_kw(curve, 3.5) was not finite). Powers and speeds now have
// physical upper bounds.
TEST_F(PowerCurveFileTest, PowerAndSpeedHavePhysicalUpperBounds) {
  EXPECT_THAT(
      [&] {
        read_power_curve_csv(write("wind_speed_m_per_s,power_kw,\n1.01,01e308\n5.52,235.1,9\n"));
      },
      testing::ThrowsMessage<InputError>(
          testing::HasSubstr(":2:2: power_kw = 1e+308 kW: must be <= 100000")));
  EXPECT_THAT([&] { read_power_curve_csv(write("wind_speed_m_per_s,power_kw\n3,0\n1e9,100\n")); },
              testing::ThrowsMessage<InputError>(testing::HasSubstr(
                  ":3:1: wind_speed_m_per_s = 1000000000 m/s: must be <= 100 m/s")));
}

TEST_F(PowerCurveFileTest, DecreasingSpeedNamesLine) {
  const auto path = write("wind_speed_m_per_s,power_kw\n3,0\n8,100\n7,200\n");
  try {
    read_power_curve_csv(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), testing::HasSubstr(":4:1: wind_speed_m_per_s = 7 m/s: must be greater "
                                             "than the previous row's 8"));
  }
}

TEST_F(PowerCurveFileTest, BadNumberAndMissingColumnAndTooShortAreErrors) {
  EXPECT_THAT([&] { read_power_curve_csv(write("wind_speed_m_per_s,power_kw\n3,abc\n4,1\n")); },
              testing::ThrowsMessage<InputError>(testing::HasSubstr(":2:2")));
  EXPECT_THAT([&] { read_power_curve_csv(write("speed,power_kw\n3,0\n4,1\n")); },
              testing::ThrowsMessage<InputError>(
                  testing::HasSubstr(":1: wind_speed_m_per_s: column missing")));
  EXPECT_THAT([&] { read_power_curve_csv(write("wind_speed_m_per_s,power_kw\n3,0\n")); },
              testing::ThrowsMessage<InputError>(
                  testing::HasSubstr("1 data rows: a power curve needs at least 2 points")));
  EXPECT_THROW(read_power_curve_csv("/nonexistent/curve.csv"), InputError);
}

}  // namespace
}  // namespace shapan::gen
