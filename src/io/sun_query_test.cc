#include "shapan/io/sun_query.h"

#include <gtest/gtest.h>

#include "shapan/core/error.h"

namespace shapan::io {
namespace {

// NREL SPA report (Reda & Andreas, NREL/TP-560-34302), Table A5.2 for the
// inputs of Table A5.1: zenith 50.11162°, azimuth 194.34024°; sunrise
// 06:12:43, sunset 17:20:19 local (the report's spa_tester output).
TEST(SunQueryTest, ReproducesTheSpaReportExample) {
  const nlohmann::ordered_json j = sun_position_json(SunQuery{.latitude_deg = 39.742476,
                                                              .longitude_deg = -105.1786,
                                                              .elevation_m = 1830.14,
                                                              .time = "2003-10-17T12:30:30-07:00",
                                                              .pressure_hpa = 820.0,
                                                              .temp_c = 11.0,
                                                              .delta_t_s = 67.0});
  EXPECT_NEAR(j["zenith_deg"].get<double>(), 50.11162, 1e-5);
  EXPECT_NEAR(j["azimuth_deg"].get<double>(), 194.34024, 1e-5);
  EXPECT_NEAR(j["elevation_deg"].get<double>(), 90.0 - 50.11162, 1e-5);
  EXPECT_EQ(j["time"], "2003-10-17T12:30:30-07:00");
  EXPECT_EQ(j["sunrise"].get<std::string>().substr(0, 19), "2003-10-17T06:12:43");
  EXPECT_EQ(j["sunset"].get<std::string>().substr(0, 19), "2003-10-17T17:20:19");
}

TEST(SunQueryTest, PolarNightHasNoSunrise) {
  const nlohmann::ordered_json j = sun_position_json(
      SunQuery{.latitude_deg = 80.0, .longitude_deg = 15.0, .time = "2024-12-21T12:00:00+01:00"});
  EXPECT_TRUE(j["polar_night"].get<bool>());
  EXPECT_TRUE(j["sunrise"].is_null());
}

TEST(SunQueryTest, BadOptionsAreNamed) {
  try {
    (void)sun_position_json(SunQuery{.latitude_deg = 95.0, .time = "2003-10-17 12:30"});
    FAIL();
  } catch (const InputError& e) {
    ASSERT_EQ(e.issues().size(), 2u);
    EXPECT_EQ(e.issues()[0].to_string(),
              "<command line>: --lat-deg = 95: must be between -90 and 90");
    EXPECT_EQ(e.issues()[1].field, "--time");
  }
}

}  // namespace
}  // namespace shapan::io
