#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <numeric>

#include "shapan/core/error.h"
#include "shapan/resource/weather.h"
#include "weather_test_util.h"

namespace shapan::resource {
namespace {

using testing::epw_row;
using testing::epw_year;
using testing::error_of;
using testing::kEpwHeader;

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

// Xining CSWD (data/weather/PROVENANCE.md): 8760 rows, all stamped 2005, UTC+8.
TEST(EpwReaderTest, ReadsXiningCswd) {
  const WeatherSeries s =
      read_weather("data/weather/CHN_Qinghai.Xining.528660_CSWD.epw", WeatherFormat::kEpw);
  EXPECT_EQ(s.size(), 8760u);
  EXPECT_EQ(s.location.name, "Xining");
  EXPECT_DOUBLE_EQ(s.location.latitude_deg, 36.72);
  EXPECT_DOUBLE_EQ(s.location.longitude_deg, 101.75);
  EXPECT_DOUBLE_EQ(s.location.utc_offset_h, 8.0);
  EXPECT_DOUBLE_EQ(s.location.elevation_m, 2295.2);
  // The first hour-ending row (hour 1) covers 00:00-01:00 local = 16:00 UTC the day before.
  EXPECT_EQ(format_iso8601(s.start, 0.0), "2004-12-31T16:00:00+00:00");
  EXPECT_EQ(s.step, Duration::hours(1));
  // Annual GHI 1553.256 kWh/m² (sum of the file's column, Wh/m² per hour).
  EXPECT_NEAR(sum(s.ghi_w_per_m2) / 1000.0, 1553.256, 1e-9);
  // Row "2005,1,1,10": GHI 53 Wh/m² over 09:00-10:00 -> interval 9 (starts 09:00).
  EXPECT_DOUBLE_EQ(s.ghi_w_per_m2[8], 0.0);
  EXPECT_DOUBLE_EQ(s.ghi_w_per_m2[9], 53.0);
  EXPECT_DOUBLE_EQ(s.temp_air_c[0], -1.1);
  EXPECT_DOUBLE_EQ(s.pressure_pa[0], 76780.0);
  EXPECT_DOUBLE_EQ(s.wind_speed_m_per_s[0], 2.5);
  // Albedo is 999.000 (missing) in every row: the default 0.2.
  EXPECT_DOUBLE_EQ(s.albedo_frac[100], 0.2);
  EXPECT_DOUBLE_EQ(s.wind_height_m, 10.0);
  EXPECT_TRUE(s.wind_levels.empty());
}

TEST(EpwReaderTest, ReadsAllThreeQinghaiFilesByAutoDetection) {
  for (const char* name : {"Golmud.528180", "Xinghai.529430", "Xining.528660"}) {
    const WeatherSeries s = read_weather(fmt::format("data/weather/CHN_Qinghai.{}_CSWD.epw", name),
                                         WeatherFormat::kAuto);
    EXPECT_EQ(s.size(), 8760u) << name;
    for (double v : s.ghi_w_per_m2) ASSERT_GE(v, 0.0);
  }
  const WeatherSeries golmud =
      read_weather("data/weather/CHN_Qinghai.Golmud.528180_CSWD.epw", WeatherFormat::kAuto);
  EXPECT_NEAR(sum(golmud.ghi_w_per_m2) / 1000.0, 1956.0, 1.0);  // PROVENANCE: about 1956
}

// PVGIS: rows from 2016..2018 by month -> laid on the nominal year 2001, UTC+1.
TEST(EpwReaderTest, ReadsPvgisTypicalYearOnNominalYear) {
  const WeatherSeries s =
      read_weather("data/weather/tmy_45.000_8.000_2005_2023.epw", WeatherFormat::kAuto);
  EXPECT_EQ(s.size(), 8760u);
  EXPECT_EQ(format_iso8601(s.start, 1.0), "2001-01-01T00:00:00+01:00");
  EXPECT_DOUBLE_EQ(s.location.latitude_deg, 45.0);
  EXPECT_DOUBLE_EQ(s.location.utc_offset_h, 1.0);
  EXPECT_DOUBLE_EQ(s.location.elevation_m, 250.0);
  EXPECT_NEAR(sum(s.ghi_w_per_m2) / 1000.0, 1435.861, 1e-9);
  // Jan 1 hour-ending 9 holds 32 Wh/m²: interval 8.
  EXPECT_DOUBLE_EQ(s.ghi_w_per_m2[8], 32.0);
  EXPECT_DOUBLE_EQ(s.relative_humidity_percent[0], 94.38);
  // Albedo 999 = missing in every row.
  EXPECT_DOUBLE_EQ(s.albedo_frac[0], 0.2);
}

TEST(EpwReaderTest, MissingValuesAreInterpolatedBetweenNeighbours) {
  std::string text = kEpwHeader;
  CivilTime c{.year = 2005};
  for (int i = 0; i < 8760; ++i) {
    // Temperature 99.9 (missing) at hours 1 and 2, between 3.0 and 6.0.
    const std::string temp = i == 1 || i == 2 ? "99.9" : (i == 0 ? "3.0" : "6.0");
    text += epw_row(c, i == 12 ? "9999" : (i == 11 || i == 13 ? "200" : "0"), temp);
    c = to_civil(to_timestamp(c, 0.0) + Duration::hours(1), 0.0);
  }
  const WeatherSeries s = parse_weather(text, "mem.epw", WeatherFormat::kEpw);
  EXPECT_DOUBLE_EQ(s.temp_air_c[1], 4.0);
  EXPECT_DOUBLE_EQ(s.temp_air_c[2], 5.0);
  EXPECT_DOUBLE_EQ(s.ghi_w_per_m2[12], 200.0);
  EXPECT_DOUBLE_EQ(s.albedo_frac[0], 0.25);
}

TEST(EpwReaderTest, LeapYearWithFeb29Has8784Hours) {
  std::string text = kEpwHeader;
  CivilTime c{.year = 2004};
  for (int i = 0; i < 8784; ++i) {
    text += epw_row(c, "0", c.month == 2 && c.day == 29 ? "29.0" : "1.0");
    c = to_civil(to_timestamp(c, 0.0) + Duration::hours(1), 0.0);
  }
  const WeatherSeries s = parse_weather(text, "leap.epw", WeatherFormat::kEpw);
  EXPECT_EQ(s.size(), 8784u);
  EXPECT_DOUBLE_EQ(s.temp_air_c[std::size_t{59} * 24], 29.0);
}

// ---- Malformed EPW files: each names file:line[:column] and what was expected.

TEST(EpwReaderBadInputTest, TruncatedFile) {
  EXPECT_EQ(error_of([] { parse_weather(epw_year(30), "short.epw", WeatherFormat::kEpw); }),
            "short.epw:38: the file ends after 30 data rows; expected 8760 hourly rows "
            "(1 January to 31 December)");
}

TEST(EpwReaderBadInputTest, NonNumericCell) {
  std::string text = kEpwHeader + epw_row({.year = 2005}, "abc", "1.0");
  EXPECT_EQ(error_of([&] { parse_weather(text, "bad.epw", WeatherFormat::kEpw); }),
            "bad.epw:9:14: Global Horizontal Radiation: expected a number, found 'abc'");
}

TEST(EpwReaderBadInputTest, WrongColumnCount) {
  std::string text = std::string(kEpwHeader) + "2005,1,1,1,0,?9,1.0,2.0\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "cols.epw", WeatherFormat::kEpw); }),
            "cols.epw:9: the EPW data row has 8 columns; expected 35");
}

TEST(EpwReaderBadInputTest, Month13) {
  std::string text = kEpwHeader + epw_row({.year = 2005, .month = 13}, "0", "1.0");
  EXPECT_EQ(error_of([&] { parse_weather(text, "m13.epw", WeatherFormat::kEpw); }),
            "m13.epw:9:2: Month = 13: must be between 1 and 12");
}

TEST(EpwReaderBadInputTest, Hour25) {
  // epw_row writes hour + 1, so hour 24 is written as 25.
  std::string text = kEpwHeader + epw_row({.year = 2005, .hour = 24}, "0", "1.0");
  EXPECT_EQ(error_of([&] { parse_weather(text, "h25.epw", WeatherFormat::kEpw); }),
            "h25.epw:9:4: Hour = 25: must be between 1 and 24");
}

TEST(EpwReaderBadInputTest, NegativeGhi) {
  std::string text = kEpwHeader + epw_row({.year = 2005}, "-5", "1.0");
  EXPECT_EQ(error_of([&] { parse_weather(text, "neg.epw", WeatherFormat::kEpw); }),
            "neg.epw:9:14: Global Horizontal Radiation = -5 Wh/m2: must be between 0 and "
            "1500 Wh/m2 (or >= 9999 for missing)");
}

TEST(EpwReaderBadInputTest, TemperatureTooHigh) {
  std::string text = kEpwHeader + epw_row({.year = 2005}, "0", "75.0");
  EXPECT_EQ(error_of([&] { parse_weather(text, "hot.epw", WeatherFormat::kEpw); }),
            "hot.epw:9:7: Dry Bulb Temperature = 75 C: must be between -90 and 70 C "
            "(or >= 99.9 for missing)");
}

TEST(EpwReaderBadInputTest, BadLocationHeader) {
  EXPECT_EQ(error_of([] {
              parse_weather("LOCATION,x,-,y,z,1,north,8.0,1,250\n", "loc.epw", WeatherFormat::kEpw);
            }),
            "loc.epw:1:7: LOCATION latitude: expected a number, found 'north'");
  EXPECT_EQ(error_of([] { parse_weather("2005,1,1,1\n", "nohdr.epw", WeatherFormat::kEpw); }),
            "nohdr.epw:1:1: expected the EPW header line 'LOCATION,...'; found '2005'");
}

TEST(EpwReaderBadInputTest, RowsOutOfSequence) {
  std::string text = kEpwHeader;
  text += epw_row({.year = 2005, .hour = 0}, "0", "1.0");
  text += epw_row({.year = 2005, .hour = 2}, "0", "1.0");
  EXPECT_EQ(error_of([&] { parse_weather(text, "seq.epw", WeatherFormat::kEpw); }),
            "seq.epw:10: rows out of sequence: expected month 1, day 1, hour 2; found month 1, "
            "day 1, hour 3");
}

TEST(EpwReaderBadInputTest, Feb29InNonLeapYear) {
  std::string text = kEpwHeader + epw_row({.year = 2005, .month = 2, .day = 29}, "0", "1.0");
  EXPECT_EQ(error_of([&] { parse_weather(text, "f29.epw", WeatherFormat::kEpw); }),
            "f29.epw:9: 29 February in 2005, which is not a leap year");
}

TEST(EpwReaderBadInputTest, DayOutOfMonth) {
  std::string text = kEpwHeader + epw_row({.year = 2005, .month = 4, .day = 31}, "0", "1.0");
  EXPECT_EQ(error_of([&] { parse_weather(text, "d31.epw", WeatherFormat::kEpw); }),
            "d31.epw:9:3: Day = 31: month 4 has days 1 to 30");
}

TEST(EpwReaderBadInputTest, NoDataPeriods) {
  EXPECT_EQ(error_of([] {
              parse_weather("LOCATION,x,-,y,z,1,45,8.0,1,250\nDESIGN CONDITIONS,0\n", "dp.epw",
                            WeatherFormat::kEpw);
            }),
            "dp.epw:2: no 'DATA PERIODS' header line; expected the eight EPW header lines "
            "followed by hourly data rows");
}

TEST(EpwReaderBadInputTest, ValueMissingInEveryRow) {
  std::string text = kEpwHeader;
  CivilTime c{.year = 2005};
  for (int i = 0; i < 8760; ++i) {
    text += epw_row(c, "0", "99.9");
    c = to_civil(to_timestamp(c, 0.0) + Duration::hours(1), 0.0);
  }
  EXPECT_EQ(error_of([&] { parse_weather(text, "allmiss.epw", WeatherFormat::kEpw); }),
            "allmiss.epw: temp_air_c: missing in every row (the file gives no valid value for "
            "it)");
}

}  // namespace
}  // namespace shapan::resource
