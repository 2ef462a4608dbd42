#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "shapan/resource/weather.h"
#include "weather_test_util.h"

namespace shapan::resource {
namespace {

using testing::error_of;

const WeatherSeries& xining() {
  static const WeatherSeries kSeries =
      read_weather("data/weather/CHN_Qinghai.Xining.528660_CSWD.epw", WeatherFormat::kEpw);
  return kSeries;
}

Timestamp local_new_year(int year, double utc_offset_h) {
  return to_timestamp({.year = year}, utc_offset_h);
}

TEST(PrepareForSimulationTest, HourlyOneYearIsTheFileYear) {
  const WeatherSeries out =
      prepare_for_simulation(xining(), local_new_year(2025, 8.0), 1, Duration::hours(1));
  ASSERT_EQ(out.size(), 8760u);
  EXPECT_EQ(out.start, local_new_year(2025, 8.0));
  EXPECT_EQ(out.ghi_w_per_m2, xining().ghi_w_per_m2);
  EXPECT_EQ(out.temp_air_c, xining().temp_air_c);
  EXPECT_EQ(out.location.name, "Xining");
}

// 2027, 2028 (leap), 2029: 8760 + 8784 + 8760 hours. Each year repeats the
// file, and 29 Feb 2028 repeats 28 Feb.
TEST(PrepareForSimulationTest, MultiYearRepeatsAndFillsLeapDay) {
  const WeatherSeries out =
      prepare_for_simulation(xining(), local_new_year(2027, 8.0), 3, Duration::hours(1));
  ASSERT_EQ(out.size(), 8760u + 8784u + 8760u);
  const auto& file = xining().ghi_w_per_m2;
  for (std::size_t h = 0; h < 8760; ++h) {
    ASSERT_EQ(out.ghi_w_per_m2[h], file[h]);                            // 2027
    ASSERT_EQ(out.ghi_w_per_m2[8760 + 8784 + h], file[h]);              // 2029
    const std::size_t in_2028 = h < std::size_t{59} * 24 ? h : h + 24;  // skip 29 Feb
    ASSERT_EQ(out.ghi_w_per_m2[8760 + in_2028], file[h]);
  }
  for (std::size_t h = 0; h < 24; ++h) {
    EXPECT_EQ(out.temp_air_c[8760 + 59 * 24 + h], xining().temp_air_c[std::size_t{58} * 24 + h]);
  }
}

// 15-minute steps: every hour's mean irradiance equals the file's hour to
// 1e-9 relative; night hours stay exactly zero; nothing is negative.
TEST(PrepareForSimulationTest, SubHourlyKeepsHourlyIrradianceMeans) {
  for (int minutes : {30, 15, 5, 1}) {
    const auto per_hour = static_cast<std::size_t>(60 / minutes);
    const WeatherSeries out =
        prepare_for_simulation(xining(), local_new_year(2026, 8.0), 1, Duration::minutes(minutes));
    ASSERT_EQ(out.size(), 8760u * per_hour) << minutes;
    for (auto field : {&WeatherSeries::ghi_w_per_m2, &WeatherSeries::dni_w_per_m2,
                       &WeatherSeries::dhi_w_per_m2}) {
      const auto& sub = out.*field;
      const auto& hourly = xining().*field;
      for (std::size_t h = 0; h < 8760; ++h) {
        double sum = 0.0;
        for (std::size_t s = 0; s < per_hour; ++s) {
          const double v = sub[h * per_hour + s];
          ASSERT_GE(v, 0.0);
          if (hourly[h] == 0.0) {
            ASSERT_EQ(v, 0.0);
          }
          sum += v;
        }
        const double mean = sum / static_cast<double>(per_hour);
        ASSERT_NEAR(mean, hourly[h], 1e-9 * std::max(1.0, std::abs(hourly[h])))
            << minutes << " min, hour " << h;
      }
    }
  }
}

// Temperature at 30-minute steps: straight line between hour midpoints. The
// first half-hour of hour h (centre h + 0.25) is 3/4 of hour h and 1/4 of h-1.
TEST(PrepareForSimulationTest, SubHourlyTemperatureIsLinearBetweenMidpoints) {
  const WeatherSeries out =
      prepare_for_simulation(xining(), local_new_year(2026, 8.0), 1, Duration::minutes(30));
  const auto& t = xining().temp_air_c;
  for (std::size_t h : {1u, 100u, 5000u}) {
    EXPECT_NEAR(out.temp_air_c[2 * h], 0.75 * t[h] + 0.25 * t[h - 1], 1e-12);
    EXPECT_NEAR(out.temp_air_c[2 * h + 1], 0.75 * t[h] + 0.25 * t[h + 1], 1e-12);
  }
  EXPECT_EQ(out.temp_air_c[0], t[0]);  // before the first midpoint: held
}

// SRW levels are laid out too, and the SAM CSV leap-year file maps by date.
TEST(PrepareForSimulationTest, WindLevelsAndLeapYearFiles) {
  const WeatherSeries wtk =
      read_weather("data/weather/35.2018863_-101.945027_windtoolkit_2012_60min_80m_100m.srw",
                   WeatherFormat::kSrw);
  const WeatherSeries out =
      prepare_for_simulation(wtk, local_new_year(2025, -7.0), 2, Duration::minutes(15));
  ASSERT_EQ(out.size(), 2u * 8760u * 4u);
  ASSERT_EQ(out.wind_levels.size(), 2u);
  EXPECT_EQ(out.wind_levels[1].wind_speed_m_per_s.size(), out.size());
  for (double d : out.wind_levels[0].wind_direction_deg) {
    ASSERT_GE(d, 0.0);
    ASSERT_LT(d, 360.0);
  }
  // 2025-03-01 00:00 is 1 March in the file (index of 2012-03-01 = 60 days).
  EXPECT_EQ(prepare_for_simulation(wtk, local_new_year(2025, -7.0), 1, Duration::hours(1))
                .wind_speed_m_per_s[std::size_t{59} * 24],
            wtk.wind_speed_m_per_s[std::size_t{60} * 24]);
}

TEST(PrepareForSimulationTest, RejectsStepsThatDoNotDivideAnHour) {
  EXPECT_EQ(error_of([] {
              prepare_for_simulation(xining(), local_new_year(2026, 8.0), 1, Duration::minutes(7));
            }),
            "<parameters>: step = 420 s: must divide one hour (for example 60, 300, 900, 1800 "
            "or 3600 s)");
  EXPECT_EQ(error_of([] {
              prepare_for_simulation(xining(), local_new_year(2026, 8.0), 0, Duration::hours(1));
            }),
            "<parameters>: years = 0: must be >= 1");
}

}  // namespace
}  // namespace shapan::resource
