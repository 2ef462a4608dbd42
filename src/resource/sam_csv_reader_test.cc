#include <gtest/gtest.h>

#include <cstddef>
#include <numeric>

#include "shapan/resource/weather.h"
#include "weather_test_util.h"

namespace shapan::resource {
namespace {

using testing::error_of;

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

// NSRDB PSM3 2012 (leap year) with 8760 rows: 29 Feb is left out by NSRDB and
// filled from 28 Feb, so the series stays on 2012's calendar.
TEST(SamCsvReaderTest, ReadsPsm3AndFillsFeb29) {
  const WeatherSeries s =
      read_weather("data/weather/35.2018863_-101.945027_psmv3_60_2012.csv", WeatherFormat::kAuto);
  EXPECT_EQ(s.size(), 8784u);
  EXPECT_DOUBLE_EQ(s.location.utc_offset_h, -6.0);
  EXPECT_DOUBLE_EQ(s.location.latitude_deg, 35.21);
  EXPECT_DOUBLE_EQ(s.location.elevation_m, 1102.0);
  EXPECT_EQ(format_iso8601(s.start, -6.0), "2012-01-01T00:00:00-06:00");
  // Row "2012,1,1,8,30" (centre of 08:00-09:00) holds GHI 51: interval 8.
  EXPECT_DOUBLE_EQ(s.ghi_w_per_m2[8], 51.0);
  EXPECT_DOUBLE_EQ(s.ghi_w_per_m2[7], 0.0);
  EXPECT_DOUBLE_EQ(s.pressure_pa[0], 90000.0);  // 900 mbar
  EXPECT_DOUBLE_EQ(s.temp_dew_c[0], -6.0);
  // RH is not in the file: Magnus from T = -1 C and dew = -6 C.
  EXPECT_NEAR(s.relative_humidity_percent[0], 68.8, 0.1);
  // 29 Feb (day 60) copies 28 Feb hour by hour.
  for (int h = 0; h < 24; ++h) {
    EXPECT_EQ(s.ghi_w_per_m2[59 * 24 + h], s.ghi_w_per_m2[58 * 24 + h]);
  }
  EXPECT_NEAR(sum(s.ghi_w_per_m2) -
                  sum(std::vector<double>(s.ghi_w_per_m2.begin() + std::ptrdiff_t{59} * 24,
                                          s.ghi_w_per_m2.begin() + std::ptrdiff_t{60} * 24)),
              2002201.0, 1e-6);
}

// SAM's conversion of the Phoenix TMY2: hours 0..23, interval beginning; mixed years.
TEST(SamCsvReaderTest, ReadsSamTmy2Phoenix) {
  const WeatherSeries s =
      read_weather("data/weather/ssc_USA_AZ_Phoenix_TMY2.csv", WeatherFormat::kAuto);
  EXPECT_EQ(s.size(), 8760u);
  EXPECT_EQ(s.location.name, "Phoenix");
  EXPECT_DOUBLE_EQ(s.location.utc_offset_h, -7.0);
  EXPECT_EQ(format_iso8601(s.start, -7.0), "2001-01-01T00:00:00-07:00");
  EXPECT_DOUBLE_EQ(s.ghi_w_per_m2[7], 8.0);  // "1988,1,1,7" -> 07:00-08:00
  EXPECT_DOUBLE_EQ(s.relative_humidity_percent[0], 53.0);
  EXPECT_DOUBLE_EQ(s.wind_direction_deg[1], 240.0);
  EXPECT_NEAR(sum(s.ghi_w_per_m2) / 1000.0, 2116.976, 1e-9);
}

// Stamps in UTC ("Time Zone" 0) for a site at UTC-6 ("Local Time Zone" -6):
// the series starts at 00:00 UTC, and the simulation's local midnight
// (06:00 UTC) takes the row stamped 06:00. Temperature = UTC hour of day.
TEST(SamCsvReaderTest, UtcStampsWithLocalTimeZone) {
  std::string text =
      "Source,Latitude,Longitude,Time Zone,Local Time Zone,Elevation\n"
      "TEST,35.0,-100.0,0,-6,1000\n"
      "Year,Month,Day,Hour,Minute,GHI,DNI,DHI,Temperature,Wind Speed\n";
  CivilTime c{.year = 2019};
  for (int i = 0; i < 8760; ++i) {
    text += fmt::format("2019,{},{},{},30,0,0,0,{},2\n", c.month, c.day, c.hour, c.hour);
    c = to_civil(to_timestamp(c, 0.0) + Duration::hours(1), 0.0);
  }
  const WeatherSeries s = parse_weather(text, "utc.csv", WeatherFormat::kAuto);
  EXPECT_EQ(format_iso8601(s.start, 0.0), "2019-01-01T00:00:00+00:00");
  EXPECT_DOUBLE_EQ(s.location.utc_offset_h, -6.0);
  const WeatherSeries sim =
      prepare_for_simulation(s, to_timestamp({.year = 2030}, -6.0), 1, Duration::hours(1));
  EXPECT_DOUBLE_EQ(sim.temp_air_c[0], 6.0);
  EXPECT_DOUBLE_EQ(sim.temp_air_c[17], 23.0);
  // Local 31 Dec 18:00-23:00 are 1 Jan 00-05 UTC of the file's year: wrapped.
  EXPECT_DOUBLE_EQ(sim.temp_air_c[8759], 5.0);
}

constexpr const char* kSamHead =
    "Source,Location ID,City,State,Country,Latitude,Longitude,Time Zone,Elevation\n"
    "TEST,1,Here,-,-,35.0,-100.0,-6,1000\n"
    "Year,Month,Day,Hour,Minute,GHI,DHI,DNI,Wind Speed,Temperature\n";

TEST(SamCsvReaderBadInputTest, GhiAbove1500) {
  const std::string text = std::string(kSamHead) + "2012,1,1,0,30,1600,0,0,1.8,-1\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "p.csv", WeatherFormat::kAuto); }),
            "p.csv:4:6: GHI = 1600 W/m2: must be between 0 and 1500 W/m2 "
            "(or <= -9999 for missing)");
}

TEST(SamCsvReaderBadInputTest, TemperatureBelowMinus90) {
  const std::string text = std::string(kSamHead) + "2012,1,1,0,30,0,0,0,1.8,-95\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "p.csv", WeatherFormat::kAuto); }),
            "p.csv:4:10: Temperature = -95 C: must be between -90 and 70 C "
            "(or <= -9999 for missing)");
}

TEST(SamCsvReaderBadInputTest, HeaderWithoutRequiredColumn) {
  const std::string text =
      "Source,Location ID,City,State,Country,Latitude,Longitude,Time Zone,Elevation\n"
      "TEST,1,Here,-,-,35.0,-100.0,-6,1000\n"
      "Year,Month,Day,Hour,GHI,DNI,Temperature,Wind Speed\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "p.csv", WeatherFormat::kPsm3); }),
            "p.csv:3: no column 'DHI' in the SAM CSV header");
}

TEST(SamCsvReaderBadInputTest, MissingTimeZone) {
  const std::string text =
      "Source,Location ID,City,State,Country,Latitude,Longitude,Elevation\n"
      "TEST,1,Here,-,-,35.0,-100.0,1000\n"
      "Year,Month,Day,Hour,GHI,DNI,DHI,Temperature,Wind Speed\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "p.csv", WeatherFormat::kPsm3); }),
            "p.csv:2: the metadata lines must give Latitude, Longitude and Time Zone");
}

}  // namespace
}  // namespace shapan::resource
