#include <gtest/gtest.h>

#include <numeric>

#include "shapan/resource/weather.h"
#include "weather_test_util.h"

namespace shapan::resource {
namespace {

using testing::error_of;

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

// pvlib's 723170TYA.CSV: Greensboro NC, UTC-5, months from 1976..1990.
TEST(Tmy3ReaderTest, ReadsGreensboro) {
  const WeatherSeries s = read_weather("data/weather/723170TYA.CSV", WeatherFormat::kAuto);
  EXPECT_EQ(s.size(), 8760u);
  EXPECT_EQ(s.location.name, "GREENSBORO PIEDMONT TRIAD INT");
  EXPECT_DOUBLE_EQ(s.location.utc_offset_h, -5.0);
  EXPECT_DOUBLE_EQ(s.location.latitude_deg, 36.1);
  EXPECT_DOUBLE_EQ(s.location.longitude_deg, -79.95);
  EXPECT_DOUBLE_EQ(s.location.elevation_m, 273.0);
  // Mixed years -> nominal 2001, local midnight.
  EXPECT_EQ(format_iso8601(s.start, -5.0), "2001-01-01T00:00:00-05:00");
  // Sum of the GHI column: 1566.203 kWh/m².
  EXPECT_NEAR(sum(s.ghi_w_per_m2) / 1000.0, 1566.203, 1e-9);
  // "01/01/1988,08:00" holds GHI 9 (07:00-08:00): interval 7.
  EXPECT_DOUBLE_EQ(s.ghi_w_per_m2[7], 9.0);
  EXPECT_DOUBLE_EQ(s.ghi_w_per_m2[6], 0.0);
  EXPECT_DOUBLE_EQ(s.temp_air_c[0], 10.0);
  EXPECT_DOUBLE_EQ(s.pressure_pa[0], 99300.0);  // 993 mbar
}

constexpr const char* kTmy3Head =
    "723170,\"TEST\",NC,-5.0,36.100,-79.950,273\n"
    "Date (MM/DD/YYYY),Time (HH:MM),GHI (W/m^2),DNI (W/m^2),DHI (W/m^2),Dry-bulb (C),"
    "Dew-point (C),RHum (%),Pressure (mbar),Wdir (degrees),Wspd (m/s),Alb (unitless)\n";

TEST(Tmy3ReaderBadInputTest, HourBeyond24) {
  const std::string text =
      std::string(kTmy3Head) + "01/01/1988,25:00,0,0,0,10.0,6.1,77,993,200,6.2,0.2\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "t.csv", WeatherFormat::kTmy3); }),
            "t.csv:3:2: Time (HH:MM): hour = 25: must be between 1 and 24 (hour-ending)");
}

TEST(Tmy3ReaderBadInputTest, WindSpeedOutOfRange) {
  const std::string text =
      std::string(kTmy3Head) + "01/01/1988,01:00,0,0,0,10.0,6.1,77,993,200,150,0.2\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "t.csv", WeatherFormat::kTmy3); }),
            "t.csv:3:11: Wspd (m/s) = 150 m/s: must be between 0 and 100 m/s "
            "(or <= -9900 for missing)");
}

TEST(Tmy3ReaderBadInputTest, BadDate) {
  const std::string text =
      std::string(kTmy3Head) + "1988-01-01,01:00,0,0,0,10.0,6.1,77,993,200,6.2,0.2\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "t.csv", WeatherFormat::kTmy3); }),
            "t.csv:3:1: Date (MM/DD/YYYY): expected a date MM/DD/YYYY, found '1988-01-01'");
}

TEST(Tmy3ReaderBadInputTest, MissingColumnInHeader) {
  const std::string text =
      "723170,\"TEST\",NC,-5.0,36.100,-79.950,273\nDate (MM/DD/YYYY),Time (HH:MM),GHI (W/m^2)\n";
  EXPECT_EQ(error_of([&] { parse_weather(text, "t.csv", WeatherFormat::kTmy3); }),
            "t.csv:2: no column 'DNI (W/m^2)' in the TMY3 header");
}

}  // namespace
}  // namespace shapan::resource
