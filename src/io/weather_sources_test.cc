#include "weather_sources.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <numeric>
#include <string>

#include "shapan/core/error.h"
#include "shapan/core/time.h"
#include "shapan/gen/wind.h"
#include "shapan/io/scenario.h"
#include "shapan/resource/weather.h"
#include "shapan/resource/wind_calibration.h"
#include "shapan/sim/prepared.h"

namespace shapan::io {
namespace {

using ::testing::HasSubstr;

const char* const kPair = "examples/amarillo_solar_wind_pair.toml";
const char* const kGolmud = "examples/golmud_solar_wind_storage.toml";
// Golmud's file with nothing else (no calibration).
const char* const kGolmudWeather =
    "[weather]\nfile = \"data/weather/CHN_Qinghai.Golmud.528180_CSWD.epw\"\n";

std::string error_of(const std::string& path, const std::vector<std::string>& overrides) {
  try {
    (void)load_scenario(path, overrides);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

// The shipped Amarillo pair: PV on [weather] (PSM3), the wind farm on the
// named SRW source. The farm's output is exactly the wind model run on the SRW
// file alone (prepared for the same run), and PV is what it is on the PSM3.
TEST(WeatherSourcesTest, AmarilloPairTakesPvFromPsm3AndWindFromSrw) {
  const Scenario s = load_scenario(kPair);
  ASSERT_EQ(s.setup.weather_sources.size(), 1u);
  EXPECT_EQ(s.setup.pv_weather_source, std::vector<int>{-1});
  EXPECT_EQ(s.setup.wind_weather_source, std::vector<int>{0});
  const sim::PreparedRun prepared = sim::prepare(s.setup);
  ASSERT_EQ(prepared.weather_sources.size(), 1u);
  const resource::WeatherSeries& srw = *prepared.weather_sources[0];
  EXPECT_EQ(srw.size(), prepared.weather->size());
  ASSERT_EQ(srw.wind_levels.size(), 2u);  // 80 m and 100 m
  EXPECT_DOUBLE_EQ(srw.wind_levels[1].height_m, 100.0);
  // The PSM3 file carries wind too, at 2 m: the farm must not be run on it.
  EXPECT_LT(s.setup.weather->wind_height_m, 20.0);

  const sim::Results r = sim::run(s.setup);
  const gen::WindSeries alone =
      gen::simulate_wind(s.setup.wind[0], s.setup.site, srw, gen::WindDetail::kAcOnly);
  EXPECT_DOUBLE_EQ(sum(r.steps.wind_kw), sum(alone.ac_kw));
  EXPECT_GT(sum(r.steps.pv_kw), 0.0);
  EXPECT_TRUE(s.warnings.empty()) << s.warnings.front();
}

TEST(WeatherSourcesTest, OneWeatherTableIsTheDefaultForEverything) {
  const Scenario s = load_scenario(kGolmud);
  EXPECT_TRUE(s.setup.weather_sources.empty());
  EXPECT_EQ(s.setup.pv_weather_source, std::vector<int>{-1});
  EXPECT_EQ(s.setup.wind_weather_source, std::vector<int>{-1});
}

TEST(WeatherSourcesTest, AnUnknownSourceNameIsRefusedWithASuggestion) {
  EXPECT_THAT(error_of(kPair, {"wind.0.weather=wkt"}),
              HasSubstr("wind.0.weather = \"wkt\": no weather source of that name (sources: wtk) "
                        "(did you mean \"wtk\"?)"));
}

// Site against weather file: the tolerances are 1 deg, 500 m and 0.25 h
// (docs/weather.md §9); inside them a site is accepted, beyond them refused
// unless site.weather_mismatch_ok says the difference is intended.
TEST(WeatherSourcesTest, SiteFarFromItsWeatherFileIsRefusedUnlessIntended) {
  // Golmud's header: 36.42 N, 94.90 E, 2807.6 m, UTC+8.
  EXPECT_EQ(error_of(kGolmud, {"site.latitude_deg=37.3", "site.elevation_m=3300"}), "no error");
  EXPECT_THAT(error_of(kGolmud, {"site.elevation_m=3400"}),
              HasSubstr("site.elevation_m = 3400 m, but the weather file "
                        "CHN_Qinghai.Golmud.528180_CSWD.epw says 2807.6 m (592.4 m apart, more "
                        "than the 500 m tolerance)"));
  EXPECT_THAT(error_of(kGolmud, {"site.utc_offset_h=6"}),
              HasSubstr("site.utc_offset_h = 6 h, but the weather file "
                        "CHN_Qinghai.Golmud.528180_CSWD.epw says 8 h"));
  EXPECT_EQ(error_of(kGolmud, {"site.longitude_deg=-94.9", "site.weather_mismatch_ok=true"}),
            "no error");
}

// A named source is checked against the site too (here the SRW file's
// 35.207 N against a site moved 2 deg north, allowed for [weather] only by
// the override).
TEST(WeatherSourcesTest, NamedSourcesAreCheckedAgainstTheSite) {
  EXPECT_THAT(error_of(kPair, {"site.latitude_deg=37.3"}),
              HasSubstr("weather source \"wtk\" "
                        "(35.2018863_-101.945027_windtoolkit_2012_60min_80m_100m.srw) says "
                        "35.2070121765 deg"));
}

// Calibration keys on a source: the turbines' wind is the scaled wind at the
// stated height, the measured wind stays as it was, and the note says by how
// much.
TEST(WeatherSourcesTest, CalibrationKeysScaleTheSourceWind) {
  const Scenario raw = load_scenario_text(kGolmudWeather, "s.toml", ".");
  const Scenario s = load_scenario_text(
      kGolmudWeather, "s.toml", ".",
      {"weather.wind_calibration_height_m=100", "weather.wind_calibration_mean_m_per_s=6.5"});
  const resource::WeatherSeries& w = *s.setup.weather;  // as read
  ASSERT_TRUE(w.turbine_wind.has_value());
  EXPECT_DOUBLE_EQ(w.turbine_wind->height_m, 100.0);
  EXPECT_NEAR(sum(w.turbine_wind->wind_speed_m_per_s) / static_cast<double>(w.size()), 6.5, 1e-9);
  EXPECT_DOUBLE_EQ(w.wind_height_m, 10.0);
  EXPECT_EQ(w.wind_speed_m_per_s, raw.setup.weather->wind_speed_m_per_s);
  EXPECT_FALSE(raw.setup.weather->turbine_wind.has_value());
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_THAT(s.notes[0], HasSubstr("weather: wind at 10 m scaled by"));
}

// MCP through the scenario: a "mast" at 100 m that measured exactly
// 1 + 2 x the SRW file's 100 m wind over its first 500 hours (stamps in the
// file's standard time, every other hour left empty). Both fits recover
// a = 1, b = 2 and predict the whole year from it.
TEST(WeatherSourcesTest, McpAgainstAConcurrentMeasurement) {
  const std::string srw = "data/weather/35.2018863_-101.945027_windtoolkit_2012_60min_80m_100m.srw";
  const resource::WeatherSeries file = resource::read_weather(srw, resource::WeatherFormat::kSrw);
  const std::filesystem::path mast =
      std::filesystem::temp_directory_path() / "shapan_weather_sources_test_mast.csv";
  {
    std::ofstream out(mast);
    out << "time,wind_speed_m_per_s\n";
    for (std::size_t i = 0; i < 1000; ++i) {
      const std::string stamp = format_iso8601(file.interval_start(i), file.location.utc_offset_h);
      if (i % 2 == 1) {
        out << stamp.substr(0, 16) << ",\n";
      } else {
        out << stamp.substr(0, 16) << ","
            << fmt::format("{:.17g}", 1.0 + 2.0 * file.wind_levels[1].wind_speed_m_per_s[i])
            << "\n";
      }
    }
  }
  for (const char* method : {"variance_ratio", "linear_regression"}) {
    const Scenario s = load_scenario_text(
        fmt::format("[weather]\nfile = \"{}\"\nwind_reference_file = \"{}\"\n"
                    "wind_reference_height_m = 100.0\nwind_reference_method = \"{}\"\n",
                    srw, mast.string(), method),
        "s.toml", ".", {"simulation.start=2012-01-01"});  // the file's own year: step i = row i
    ASSERT_EQ(s.notes.size(), 1u);
    EXPECT_THAT(s.notes[0], HasSubstr("over 500 hours: v = 1.000 + 2.000 x (at 100 m"));
    const std::shared_ptr<const resource::WeatherSeries> run_weather =
        sim::prepare_weather(s.setup);
    ASSERT_TRUE(run_weather->turbine_wind.has_value());
    const resource::WindLevel& turbine = *run_weather->turbine_wind;
    EXPECT_DOUBLE_EQ(turbine.height_m, 100.0);
    EXPECT_EQ(run_weather->wind_levels.size(), 2u);  // the measured levels stay
    const std::size_t late = 5000;                   // far outside the concurrent hours
    EXPECT_NEAR(turbine.wind_speed_m_per_s[late],
                1.0 + 2.0 * file.wind_levels[1].wind_speed_m_per_s[late], 1e-9);
  }
  std::filesystem::remove(mast);
}

// Calibration is a statement about the wind resource for turbines
// (docs/models/wind.md §6): PV's cell-temperature models expect the wind as
// measured near the array (SAPM: King et al. 2004, SAND2004-3535, eq. 11-12,
// wind at 10 m; Faiman 2008, doi:10.1002/pip.813, wind near the module), so
// Golmud's PV must make the same energy with and without the calibration,
// while the wind farm runs on the calibrated wind: the file's 10 m wind scaled
// by the calibration's factor and standing at 100 m.
TEST(WeatherSourcesTest, CalibratedWindReachesTheTurbinesOnly) {
  std::ifstream in(kGolmud);
  std::string text;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("wind_calibration_", 0) != 0) text += line + "\n";
  }
  const Scenario calibrated = load_scenario(kGolmud);
  const Scenario measured = load_scenario_text(text, "golmud.toml", "examples");
  ASSERT_EQ(calibrated.notes.size(), 1u);
  ASSERT_TRUE(measured.notes.empty());
  const sim::Results with = sim::run(calibrated.setup);
  const sim::Results without = sim::run(measured.setup);
  EXPECT_GT(sum(with.steps.pv_kw), 0.0);
  EXPECT_DOUBLE_EQ(sum(with.steps.pv_kw), sum(without.steps.pv_kw));

  const resource::WeatherSeries file = resource::read_weather(
      "data/weather/CHN_Qinghai.Golmud.528180_CSWD.epw", resource::WeatherFormat::kAuto);
  const double factor =
      resource::scale_to_long_term(
          file, {.height_m = 100.0, .power_density_w_per_m2 = 125.14, .weibull_k = 2.0})
          .factor;
  resource::WeatherSeries hub = *sim::prepare_weather(measured.setup);
  for (double& v : hub.wind_speed_m_per_s) v *= factor;
  hub.wind_height_m = 100.0;
  const gen::WindSeries farm = gen::simulate_wind(calibrated.setup.wind[0], calibrated.setup.site,
                                                  hub, gen::WindDetail::kAcOnly);
  EXPECT_NEAR(sum(with.steps.wind_kw), sum(farm.ac_kw), 1e-9 * sum(farm.ac_kw));
  EXPECT_GT(sum(with.steps.wind_kw), 2.0 * sum(without.steps.wind_kw));
}

TEST(WeatherSourcesTest, CalibrationKeysAreChecked) {
  std::string e = "no error";
  try {
    (void)load_scenario_text(kGolmudWeather, "s.toml", ".",
                             {"weather.wind_calibration_mean_m_per_s=6.5",
                              "weather.wind_calibration_power_density_w_per_m2=100"});
  } catch (const InputError& err) {
    e = err.what();
  }
  EXPECT_THAT(e, HasSubstr("weather.wind_calibration_power_density_w_per_m2: is given with "
                           "wind_calibration_mean_m_per_s: give one long-term figure, not both"));
  EXPECT_THAT(e, HasSubstr("weather.wind_calibration_height_m: missing"));
}

}  // namespace
}  // namespace shapan::io
