#include <gtest/gtest.h>

#include <numeric>

#include "shapan/resource/weather.h"
#include "weather_test_util.h"

namespace shapan::resource {
namespace {

using testing::error_of;

double mean(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

// WIND Toolkit 2012 at 80 m and 100 m; 8760 rows in a leap year -> 29 Feb filled.
TEST(SrwReaderTest, ReadsWindToolkitTwoHeights) {
  const WeatherSeries s =
      read_weather("data/weather/35.2018863_-101.945027_windtoolkit_2012_60min_80m_100m.srw",
                   WeatherFormat::kAuto);
  EXPECT_EQ(s.size(), 8784u);
  ASSERT_EQ(s.wind_levels.size(), 2u);
  EXPECT_DOUBLE_EQ(s.wind_levels[0].height_m, 80.0);
  EXPECT_DOUBLE_EQ(s.wind_levels[1].height_m, 100.0);
  EXPECT_DOUBLE_EQ(s.wind_height_m, 80.0);
  EXPECT_DOUBLE_EQ(s.wind_speed_m_per_s[0], 12.29);
  EXPECT_DOUBLE_EQ(s.wind_levels[1].wind_speed_m_per_s[0], 13.54);
  EXPECT_DOUBLE_EQ(s.wind_levels[1].wind_direction_deg[0], 359.4);
  EXPECT_DOUBLE_EQ(s.temp_air_c[0], 4.7);
  EXPECT_DOUBLE_EQ(s.wind_levels[1].temp_air_c[0], 4.6);
  EXPECT_DOUBLE_EQ(s.pressure_pa[0], 0.88 * 101325.0);
  EXPECT_DOUBLE_EQ(s.location.latitude_deg, 35.2070121765);
  EXPECT_TRUE(std::isnan(s.location.elevation_m));  // "Not Available"
  EXPECT_DOUBLE_EQ(s.location.utc_offset_h, -7.0);  // round(-101.94 / 15)
  EXPECT_EQ(format_iso8601(s.start, -7.0), "2012-01-01T00:00:00-07:00");
  EXPECT_EQ(mean(s.ghi_w_per_m2), 0.0);
  // PROVENANCE: mean speed about 8.2 m/s at 80 m and 8.7 m/s at 100 m over the
  // 8760 file rows; with the copied 29 Feb the 8784 values average 8.244 and 8.663.
  EXPECT_NEAR(mean(s.wind_levels[0].wind_speed_m_per_s), 8.244, 1e-3);
  EXPECT_NEAR(mean(s.wind_levels[1].wind_speed_m_per_s), 8.663, 1e-3);
  EXPECT_DOUBLE_EQ(s.relative_humidity_percent[0], 50.0);  // default
  // Pressure at the lowest level is mid-elevation pressure: no standard-atmosphere default.
  EXPECT_DOUBLE_EQ(s.albedo_frac[0], 0.2);
}

TEST(SrwReaderTest, ReadsConstantWindWithPlaceholders) {
  const WeatherSeries s = read_weather("data/weather/ssc_wind_const5ms.srw", WeatherFormat::kAuto);
  EXPECT_EQ(s.size(), 8760u);  // "year??" -> nominal 2001
  EXPECT_EQ(format_iso8601(s.start, 0.0), "2001-01-01T00:00:00+00:00");
  EXPECT_TRUE(std::isnan(s.location.latitude_deg));
  EXPECT_DOUBLE_EQ(s.location.elevation_m, 758.0);
  EXPECT_DOUBLE_EQ(mean(s.wind_speed_m_per_s), 5.0);
  EXPECT_DOUBLE_EQ(mean(s.wind_direction_deg), 180.0);
  EXPECT_DOUBLE_EQ(mean(s.pressure_pa), 0.95 * 101325.0);
  ASSERT_EQ(s.wind_levels.size(), 1u);
}

constexpr const char* kSrwHead =
    "1,city,ST,USA,2001,35.0,-100.0,1000,1,8760\n"
    "test\n"
    "Temperature,Pressure,Speed,Direction\n"
    "C,atm,m/s,degrees\n"
    "80,80,80,80\n";

TEST(SrwReaderBadInputTest, NegativeWindSpeed) {
  const std::string text = std::string(kSrwHead) + "15,0.95,5,180\n15,0.95,-1,180\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "w.srw", WeatherFormat::kAuto); }),
            "w.srw:7:3: Speed = -1 m/s: must be between 0 and 100 m/s");
}

TEST(SrwReaderBadInputTest, UnsupportedUnit) {
  const std::string text =
      "1,city,ST,USA,2001,35.0,-100.0,1000,1,8760\ntest\nTemperature,Pressure,Speed,Direction\n"
      "C,psi,m/s,degrees\n80,80,80,80\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "w.srw", WeatherFormat::kSrw); }),
            "w.srw:4:2: Pressure: unit 'psi' is not supported; expected atm or Pa");
}

TEST(SrwReaderBadInputTest, TooFewRows) {
  const std::string text = std::string(kSrwHead) + "15,0.95,5,180\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "w.srw", WeatherFormat::kSrw); }),
            "w.srw:6: the file has 1 data rows; expected 8760 hourly rows (one year)");
}

TEST(SrwReaderBadInputTest, UnknownField) {
  const std::string text =
      "1,city,ST,USA,2001,35.0,-100.0,1000,1,8760\ntest\nTemperature,Humidity\nC,%\n80,80\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "w.srw", WeatherFormat::kSrw); }),
            "w.srw:3:2: unknown SRW field 'Humidity'; expected Temperature, Pressure, Speed or "
            "Direction");
}

// Found by fuzz/weather_srw (docs/reliability.md): a year field beyond int's
// range was cast to int, undefined behaviour (UBSan: "2.09409e+10 is outside
// the range of representable values of type 'int'").
TEST(SrwReaderBadInputTest, YearOutOfRangeIsAnInputError) {
  const std::string text =
      "1,city,ST,USA,20940917969,35.0,-100.0,1000,1,8760\ntest\n"
      "Temperature,Pressure,Speed,Direction\nC,atm,m/s,degrees\n80,80,80,80\n15,0.95,5,180\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "w.srw", WeatherFormat::kSrw); }),
            "w.srw:1:5: year = 20940917969: expected a year from 1 to 9999");
}

}  // namespace
}  // namespace shapan::resource
