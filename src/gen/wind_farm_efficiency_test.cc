#include "shapan/gen/wind_farm_efficiency.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "shapan/gen/power_curve.h"
#include "shapan/gen/wind.h"

namespace shapan::gen {
namespace {

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

// Source: windpowerlib tests/test_wake_losses.py::test_reduce_wind_speed
// (commit 17cef731): wind 0, 1, ..., 25 m/s reduced by dena_mean
// (assert_series_equal: rtol 1e-5; Shapan agrees to 1e-12).
TEST(WindFarmEfficiencyTest, DenaMeanReducesWindAsWindpowerlib) {
  const double expected[] = {0.0,
                             0.9949534234119396,
                             1.9897327884892086,
                             2.9843374545454546,
                             3.807636264984227,
                             4.714931284760845,
                             5.642507531914893,
                             6.607021108049704,
                             7.592423167192429,
                             8.59498170212766,
                             9.606135658475111,
                             10.619828799086758,
                             11.641291957894737,
                             12.674012890137966,
                             13.709490666666666,
                             14.742508260567297,
                             15.773293013157893,
                             16.794615009724474,
                             17.817683032858028,
                             18.85294996704484,
                             19.86509539493748,
                             20.858807854510186,
                             21.854369681134507,
                             22.850700350710902,
                             23.85962037735849,
                             24.958125};
  for (int v = 0; v <= 25; ++v) {
    EXPECT_NEAR(reduced_wind_speed_m_per_s(dena_mean_efficiency_curve(), v), expected[v], 1e-12)
        << v << " m/s";
  }
}

// Source: test_wake_losses.py::test_get_wind_efficiency_curve_one (dena_mean
// sums: wind speed 1915.23620, efficiency 162.45047) and ::_list (dena_mean
// and knorr_mean: the four column sums, each rounded, add up to 3568). This
// proves the tables were copied whole.
TEST(WindFarmEfficiencyTest, CurvesMatchWindpowerlibChecksums) {
  const EfficiencyCurve& dena = dena_mean_efficiency_curve();
  const EfficiencyCurve& knorr = knorr_mean_efficiency_curve();
  EXPECT_NEAR(sum(dena.wind_speed_m_per_s), 1915.23620, 1e-5);
  EXPECT_NEAR(sum(dena.efficiency_frac), 162.45047, 1e-5);
  EXPECT_EQ(std::lround(sum(dena.wind_speed_m_per_s)) + std::lround(sum(dena.efficiency_frac)) +
                std::lround(sum(knorr.wind_speed_m_per_s)) +
                std::lround(sum(knorr.efficiency_frac)),
            3568);
  EXPECT_TRUE(dena.check().empty());
  EXPECT_TRUE(knorr.check().empty());
  EXPECT_EQ(dena.wind_speed_m_per_s.size(), 167u);
  EXPECT_EQ(knorr.wind_speed_m_per_s.size(), 126u);
}

// numpy.interp semantics: end values held outside the table, linear inside,
// NaN passes through.
TEST(WindFarmEfficiencyTest, InterpolationHoldsEnds) {
  const EfficiencyCurve c{.wind_speed_m_per_s = {3.0, 5.0, 5.0, 10.0},
                          .efficiency_frac = {0.9, 0.8, 0.8, 1.0}};
  EXPECT_TRUE(c.check().empty());
  EXPECT_DOUBLE_EQ(efficiency_at(c, 0.0), 0.9);
  EXPECT_DOUBLE_EQ(efficiency_at(c, 4.0), 0.85);
  EXPECT_DOUBLE_EQ(efficiency_at(c, 5.0), 0.8);
  EXPECT_DOUBLE_EQ(efficiency_at(c, 7.5), 0.9);
  EXPECT_DOUBLE_EQ(efficiency_at(c, 30.0), 1.0);
  EXPECT_TRUE(std::isnan(efficiency_at(c, NAN)));
  // knorr_mean at 25 m/s (its last row) and beyond.
  EXPECT_DOUBLE_EQ(efficiency_at(knorr_mean_efficiency_curve(), 30.0), 0.998787);
}

TEST(WindFarmEfficiencyTest, CheckNamesBadPoints) {
  const EfficiencyCurve bad{.wind_speed_m_per_s = {0.0, 5.0, 4.0},
                            .efficiency_frac = {1.0, 1.2, 0.9}};
  const auto issues = bad.check();
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].field, "wake_efficiency_wind_speed_m_per_s.2");
  EXPECT_EQ(issues[0].message, "= 4: wind speeds must not decrease (previous 5)");
  EXPECT_EQ(issues[1].field, "wake_efficiency_frac.1");
  EXPECT_EQ(issues[1].message, "= 1.2: must be between 0 and 1");
  const EfficiencyCurve uneven{.wind_speed_m_per_s = {0.0, 5.0}, .efficiency_frac = {1.0}};
  ASSERT_FALSE(uneven.check().empty());
  EXPECT_EQ(uneven.check()[0].message,
            "has 2 wind speeds and 1 efficiencies: give one of each per point");
}

// The farm with each wake model. System: 10 turbines on a linear curve
// 0 kW at 0 m/s to 2000 kW at 20 m/s (P = 100·v kW), hub = measurement
// height (no profile change), no density correction, wind 4, 8 and 12 m/s.
//   constant 10 %: 0.9·10·100·v;
//   dena_mean: 10·100·v·η_dena(v);
//   power curve η = 0.8 below 6 m/s rising to 1.0 at 10 m/s: 10·100·v·η(v).
TEST(WindFarmEfficiencyTest, FarmAppliesTheChosenWakeModel) {
  resource::WeatherSeries w;
  w.wind_height_m = 100.0;
  w.wind_speed_m_per_s = {4.0, 8.0, 12.0};
  w.temp_air_c = {15.0, 15.0, 15.0};
  WindParams p;
  p.turbine = Turbine{.name = "linear",
                      .rated_power_kw = 2000.0,
                      .rotor_diameter_m = 80.0,
                      .hub_height_m = 100.0,
                      .curve = {.wind_speed_m_per_s = {0.0, 20.0}, .power_kw = {0.0, 2000.0}}};
  p.count = 10;
  p.temp_air_height_m = 100.0;
  p.density_correction = false;
  const Site site{};
  p.wake_loss_percent = 10.0;
  const WindSeries flat = simulate_wind(p, site, w);
  p.wake_loss_percent = 0.0;
  p.wake_model = WakeModel::kDenaMean;
  const WindSeries dena = simulate_wind(p, site, w);
  p.wake_model = WakeModel::kKnorrMean;
  const WindSeries knorr = simulate_wind(p, site, w);
  p.wake_model = WakeModel::kPowerEfficiencyCurve;
  p.wake_efficiency_curve = {.wind_speed_m_per_s = {6.0, 10.0}, .efficiency_frac = {0.8, 1.0}};
  const WindSeries curve = simulate_wind(p, site, w);
  const double eta_curve[] = {0.8, 0.9, 1.0};
  for (std::size_t i = 0; i < 3; ++i) {
    const double v = w.wind_speed_m_per_s[i];
    EXPECT_NEAR(flat.ac_kw[i], 0.9 * 1000.0 * v, 1e-9);
    EXPECT_NEAR(dena.ac_kw[i], 1000.0 * v * efficiency_at(dena_mean_efficiency_curve(), v), 1e-9);
    EXPECT_NEAR(knorr.ac_kw[i], 1000.0 * v * efficiency_at(knorr_mean_efficiency_curve(), v), 1e-9);
    EXPECT_NEAR(curve.ac_kw[i], 1000.0 * v * eta_curve[i], 1e-9);
    EXPECT_EQ(dena.hub_wind_speed_m_per_s[i], v);  // reported before the wake
  }
  // dena_mean at 8 m/s: 0.948998 + (0.94946 − 0.948998)·(8 − 7.9887)/(8.0838 − 7.9887).
  EXPECT_NEAR(dena.ac_kw[1], 8000.0 * (0.948998 + 0.000462 * 0.0113 / 0.0951), 1e-6);
}

TEST(WindFarmEfficiencyTest, WakePercentWithACurveIsRejected) {
  WindParams p;
  p.turbine = *find_turbine("E-126/4200");
  p.wake_model = WakeModel::kDenaMean;
  p.wake_loss_percent = 5.0;
  auto issues = p.check();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "wake_loss_percent");
  EXPECT_EQ(issues[0].message,
            "= 5: applies only with wake_model = \"constant\"; the wake efficiency curve "
            "already holds the wake losses");
  p.wake_loss_percent = 0.0;
  p.wake_model = WakeModel::kPowerEfficiencyCurve;  // and no curve given
  issues = p.check();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "wake_efficiency");
}

}  // namespace
}  // namespace shapan::gen
