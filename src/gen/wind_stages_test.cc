// The stages of simulate_wind, each against the model function it calls
// (windpowerlib's ModelChain order; the model functions' own tests cite
// their sources: wind_profile_test.cc, air_density_test.cc,
// power_curve_test.cc, wind_farm_efficiency_test.cc).
#include "wind_stages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

#include "shapan/core/error.h"

namespace shapan::gen::detail {
namespace {

using ::testing::HasSubstr;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

WindParams farm() {
  WindParams p;
  p.turbine.rated_power_kw = 3000.0;
  p.turbine.rotor_diameter_m = 100.0;
  p.turbine.curve = {.wind_speed_m_per_s = {0.0, 3.0, 12.0, 22.0, 25.0},
                     .power_kw = {0.0, 0.0, 3000.0, 3000.0, 0.0}};
  p.hub_height_m = 100.0;
  return p;
}

// Wind at 10 m, temperature and pressure columns, and levels at 10 m (a
// repeat) and 80 m.
resource::WeatherSeries weather() {
  resource::WeatherSeries w;
  w.source = "w.csv";
  w.wind_height_m = 10.0;
  w.wind_speed_m_per_s = {5.0, 8.0, 0.5};
  w.temp_air_c = {10.0, kNan, -5.0};
  w.pressure_pa = {70000.0, 71000.0, kNan};
  w.wind_levels.push_back({.height_m = 10.0, .wind_speed_m_per_s = {1.0, 1.0, 1.0}});
  w.wind_levels.push_back(
      {.height_m = 80.0, .wind_speed_m_per_s = {7.0, 11.0, 0.05}, .temp_air_c = {8.0, 9.0, 10.0}});
  return w;
}

TEST(WindMeasurementsTest, EveryHeightOnceWithItsTemperatureAndPressure) {
  const resource::WeatherSeries w = weather();
  const WindMeasurements m = wind_measurements(farm(), w);
  ASSERT_EQ(m.wind.size(), 2U);  // the level at 10 m repeats the column
  EXPECT_DOUBLE_EQ(m.wind[0].height_m, 10.0);
  EXPECT_DOUBLE_EQ(m.wind[0].values[0], 5.0);
  EXPECT_DOUBLE_EQ(m.wind[1].height_m, 80.0);
  ASSERT_EQ(m.temperature.size(), 2U);
  EXPECT_DOUBLE_EQ(m.temperature[0].height_m, 2.0);  // params.temp_air_height_m
  ASSERT_EQ(m.pressure.size(), 1U);
  EXPECT_EQ(m.steps, 3U);
  EXPECT_EQ(nearest(m.wind, 100.0), &m.wind[1]);
  EXPECT_EQ(nearest(m.pressure, 100.0), &m.pressure[0]);
  EXPECT_EQ(nearest({}, 100.0), nullptr);
}

TEST(WindMeasurementsTest, BadWeatherIsAnInputError) {
  resource::WeatherSeries w = weather();
  w.pressure_pa.pop_back();
  EXPECT_THAT([&] { wind_measurements(farm(), w); },
              testing::ThrowsMessage<InputError>(HasSubstr("pressure_pa")));
  resource::WeatherSeries single;
  single.source = "one.csv";
  single.wind_speed_m_per_s = {5.0};
  WindParams p = farm();
  p.wind_profile = WindProfile::kInterpolate;
  EXPECT_THAT([&] { wind_measurements(p, single); },
              testing::ThrowsMessage<InputError>(HasSubstr("two or more heights")));
  single.wind_speed_m_per_s.clear();
  EXPECT_THAT([&] { wind_measurements(farm(), single); },
              testing::ThrowsMessage<InputError>(HasSubstr("no wind speed")));
}

TEST(HubWindSpeedTest, EachProfileAsWindProfileH) {
  const resource::WeatherSeries w = weather();
  WindParams p = farm();
  const WindMeasurements m = wind_measurements(p, w);
  p.wind_profile = WindProfile::kLog;
  p.roughness_length_m = 0.05;
  // The 80 m level is nearest the 100 m hub.
  EXPECT_NEAR(HubWindSpeed(p, m, 100.0, w).at(1), log_wind_speed(11.0, 80.0, 100.0, 0.05), 1e-12);
  p.wind_profile = WindProfile::kHellman;
  p.hellman_exponent = 0.2;
  EXPECT_NEAR(HubWindSpeed(p, m, 100.0, w).at(1),
              hellman_wind_speed(11.0, 80.0, 100.0, 0.2, std::nullopt), 1e-12);
  p.wind_profile = WindProfile::kInterpolate;
  HubWindSpeed linear(p, m, 100.0, w);
  const std::vector<double> heights = {10.0, 80.0};
  EXPECT_DOUBLE_EQ(linear.at(0), interpolate_in_height(heights, std::vector<double>{5.0, 7.0},
                                                       100.0, HeightInterpolation::kLinear));
  // Extrapolated below zero (0.5 m/s at 10 m, 0.05 at 80 m): held at 0.
  EXPECT_LT(interpolate_in_height(heights, std::vector<double>{0.5, 0.05}, 100.0,
                                  HeightInterpolation::kLinear),
            0.0);
  EXPECT_EQ(linear.at(2), 0.0);
}

TEST(HubWindSpeedTest, ObstacleAtTheMeasurementHeightIsAnInputError) {
  resource::WeatherSeries w = weather();
  w.wind_levels.clear();
  WindParams p = farm();
  p.obstacle_height_m = 20.0;  // 0.7 × 20 m = 14 m >= 10 m
  const WindMeasurements m = wind_measurements(p, w);
  EXPECT_THAT([&] { HubWindSpeed(p, m, 100.0, w); },
              testing::ThrowsMessage<InputError>(HasSubstr("obstacle_height_m")));
}

TEST(HubAirDensityTest, NearestMeasurementsElseTheStandardAtmosphere) {
  const resource::WeatherSeries w = weather();
  WindParams p = farm();
  const WindMeasurements m = wind_measurements(p, w);
  const HubAirDensity ideal(p, m, 100.0, 3000.0);
  // Step 0: 8 °C at 80 m, 70 000 Pa at the ground.
  EXPECT_DOUBLE_EQ(ideal.at(0), ideal_gas_density(70000.0, 0.0, 100.0,
                                                  temperature_at_height_k(281.15, 80.0, 100.0)));
  // Step 2: no pressure: the standard atmosphere at 3000 m.
  EXPECT_DOUBLE_EQ(ideal.at(2),
                   ideal_gas_density(standard_atmosphere_pressure_pa(3000.0), 0.0, 100.0,
                                     temperature_at_height_k(283.15, 80.0, 100.0)));
  p.density_model = AirDensityModel::kBarometric;
  EXPECT_DOUBLE_EQ(
      HubAirDensity(p, m, 100.0, 3000.0).at(0),
      barometric_density(70000.0, 0.0, 100.0, temperature_at_height_k(281.15, 80.0, 100.0)));
}

TEST(TurbinePowerTest, CurveDensityAndWakeAsTheirFunctions) {
  WindParams p = farm();
  p.density_correction = false;
  EXPECT_DOUBLE_EQ(TurbinePower(p).kw(7.5, 0.9), power_curve_kw(p.turbine.curve, 7.5));
  EXPECT_DOUBLE_EQ(TurbinePower(p).kw(kNan, 0.9), 0.0);
  p.density_correction = true;
  EXPECT_DOUBLE_EQ(TurbinePower(p).kw(7.5, 0.9),
                   DensityCorrectedCurve(p.turbine.curve).power_kw(7.5, 0.9));
  EXPECT_LT(TurbinePower(p).kw(7.5, 0.9), power_curve_kw(p.turbine.curve, 7.5));  // thin air
  p.density_correction = false;
  p.wake_model = WakeModel::kDenaMean;
  EXPECT_DOUBLE_EQ(TurbinePower(p).kw(7.5, 0.9),
                   power_curve_kw(p.turbine.curve,
                                  reduced_wind_speed_m_per_s(dena_mean_efficiency_curve(), 7.5)));
  p.wake_model = WakeModel::kPowerEfficiencyCurve;
  p.wake_efficiency_curve = {.wind_speed_m_per_s = {0.0, 30.0}, .efficiency_frac = {0.8, 0.8}};
  EXPECT_DOUBLE_EQ(TurbinePower(p).kw(7.5, 0.9), power_curve_kw(p.turbine.curve, 7.5) * 0.8);
}

TEST(CutOutHysteresisTest, OffAboveCutOutUntilBelowRestart) {
  WindParams p = farm();
  CutOutHysteresis h(p);
  EXPECT_DOUBLE_EQ(h.cut_out_m_per_s(), 22.0);  // the last speed with power
  EXPECT_DOUBLE_EQ(h.restart_m_per_s(), 19.0);
  EXPECT_FALSE(h.stopped(21.0));
  EXPECT_TRUE(h.stopped(22.5));
  EXPECT_TRUE(h.stopped(20.0));  // below cut-out, above restart: still off
  EXPECT_FALSE(h.stopped(18.5));
  p.cut_out_m_per_s = 24.0;
  p.restart_m_per_s = 15.0;
  EXPECT_DOUBLE_EQ(CutOutHysteresis(p).restart_m_per_s(), 15.0);
}

TEST(FarmFactorTest, CountTimesTheKeptShares) {
  WindParams p = farm();
  p.count = 30;
  p.wake_loss_percent = 8.0;
  p.availability_percent = 97.0;
  p.electrical_loss_percent = 2.0;
  EXPECT_DOUBLE_EQ(farm_factor(p), 30 * 0.92 * 0.97 * 0.98);
  p.wake_model = WakeModel::kDenaMean;  // the curve holds the wake losses
  p.wake_loss_percent = 0.0;
  EXPECT_DOUBLE_EQ(farm_factor(p), 30 * 0.97 * 0.98);
}

}  // namespace
}  // namespace shapan::gen::detail
