#include <gtest/gtest.h>

#include "shapan/resource/weather.h"
#include "weather_test_util.h"

namespace shapan::resource {
namespace {

using testing::error_of;

TEST(WeatherDetectTest, DetectsEachFormatFromContent) {
  EXPECT_EQ(detect_weather_format("LOCATION,a,b\n", "x.txt"), WeatherFormat::kEpw);
  EXPECT_EQ(detect_weather_format("1,\"A\",NC\nDate (MM/DD/YYYY),Time (HH:MM)\n", "x.txt"),
            WeatherFormat::kTmy3);
  EXPECT_EQ(detect_weather_format("Source,Location ID\nNSRDB,1\n", "x.txt"), WeatherFormat::kPsm3);
  EXPECT_EQ(detect_weather_format("a\nb\nYear,Month,Day,Hour,GHI\n", "x.txt"),
            WeatherFormat::kPsm3);
  EXPECT_EQ(detect_weather_format("1,c\nd\nTemperature,Pressure,Speed,Direction\n", "x.txt"),
            WeatherFormat::kSrw);
  EXPECT_EQ(detect_weather_format("1,c\nd\n", "x.SRW"), WeatherFormat::kSrw);
  EXPECT_EQ(weather_format_name(WeatherFormat::kPsm3), "SAM CSV (NSRDB PSM3)");
}

TEST(WeatherDetectBadInputTest, MissingFile) {
  EXPECT_EQ(error_of([] { read_weather("data/weather/no_such_file.epw", WeatherFormat::kAuto); }),
            "data/weather/no_such_file.epw: cannot open the file (does it exist?)");
}

TEST(WeatherDetectBadInputTest, EmptyFile) {
  EXPECT_EQ(
      error_of([] { read_weather("tests/bad_input/weather/empty.epw", WeatherFormat::kAuto); }),
      "tests/bad_input/weather/empty.epw: the file is empty");
  EXPECT_EQ(
      error_of([] { read_weather("tests/bad_input/weather/empty.epw", WeatherFormat::kEpw); }),
      "tests/bad_input/weather/empty.epw: the file is empty");
}

TEST(WeatherDetectBadInputTest, UnknownFormatListsTheFormats) {
  EXPECT_EQ(error_of([] {
              read_weather("tests/bad_input/weather/unknown_format.csv", WeatherFormat::kAuto);
            }),
            "tests/bad_input/weather/unknown_format.csv: unknown weather file format; expected "
            "one of: EPW (line 1 'LOCATION,...'), TMY3 (line 2 'Date (MM/DD/YYYY),Time "
            "(HH:MM),...'), SAM CSV / NSRDB PSM3 (line 1 'Source,Location ID,...' or a "
            "'Year,Month,Day,Hour,...' header), SRW (a .srw file with "
            "Temperature/Pressure/Speed/Direction on line 3)");
}

// Small malformed files in tests/bad_input/weather/, cut from the real files
// in data/weather/ with one cell broken (or the rows cut short).
TEST(WeatherDetectBadInputTest, MalformedFilesOnDisk) {
  const auto read = [](const char* name) {
    return error_of([&] {
      read_weather(std::string("tests/bad_input/weather/") + name, WeatherFormat::kAuto);
    });
  };
  EXPECT_EQ(read("truncated.epw"),
            "tests/bad_input/weather/truncated.epw:11: the file ends after 3 data rows; expected "
            "8760 hourly rows (1 January to 31 December)");
  EXPECT_EQ(read("hour_25_tmy3.csv"),
            "tests/bad_input/weather/hour_25_tmy3.csv:5:2: Time (HH:MM): hour = 25: must be "
            "between 1 and 24 (hour-ending)");
  EXPECT_EQ(read("ghi_1600_psm3.csv"),
            "tests/bad_input/weather/ghi_1600_psm3.csv:6:6: GHI = 1600 W/m2: must be between 0 "
            "and 1500 W/m2 (or <= -9999 for missing)");
  EXPECT_EQ(read("speed_not_a_number.srw"),
            "tests/bad_input/weather/speed_not_a_number.srw:7:3: Speed: expected a number, found "
            "'abc'");
}

}  // namespace
}  // namespace shapan::resource
