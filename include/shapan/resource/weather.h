// One weather series in memory, whatever file it came from.
//
// Time convention: value i is the mean over the interval
//   [start + i*step, start + (i+1)*step)
// (interval-beginning stamps, UTC inside; the site's standard time is
// utc_offset_h hours east of UTC). Readers convert each file's own convention
// (EPW and TMY3 hours are hour-ending, PSM3 rows are stamped at their start or
// middle) into this one; docs/weather.md says how for each format.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "shapan/core/time.h"

namespace shapan::resource {

enum class WeatherFormat { kAuto, kEpw, kTmy3, kPsm3, kSrw };

// What the file says about its own location; NaN where it says nothing.
struct WeatherLocation {
  std::string name;
  double latitude_deg = 0.0;   // north positive
  double longitude_deg = 0.0;  // east positive
  double elevation_m = 0.0;
  double utc_offset_h = 0.0;   // site standard time, hours east of UTC
};

// Wind measured at one more height (SRW files carry several).
struct WindLevel {
  double height_m = 0.0;
  std::vector<double> wind_speed_m_per_s;
  std::vector<double> wind_direction_deg;
  std::vector<double> temp_air_c;   // empty when the file has none at this height
  std::vector<double> pressure_pa;  // empty when the file has none at this height
};

struct WeatherSeries {
  std::string source;  // file path, for messages
  WeatherLocation location;
  Timestamp start;     // start of the first interval, UTC
  Duration step = Duration::hours(1);

  // One value per interval. Missing values in the file have been filled
  // (see docs/weather.md); every vector here has size() entries.
  std::vector<double> ghi_w_per_m2;        // global horizontal irradiance
  std::vector<double> dni_w_per_m2;        // direct normal irradiance
  std::vector<double> dhi_w_per_m2;        // diffuse horizontal irradiance
  std::vector<double> temp_air_c;          // dry-bulb temperature
  std::vector<double> temp_dew_c;          // dew-point temperature
  std::vector<double> relative_humidity_percent;
  std::vector<double> pressure_pa;         // station pressure
  std::vector<double> wind_speed_m_per_s;  // at wind_height_m
  std::vector<double> wind_direction_deg;  // from north, clockwise, direction it blows from
  std::vector<double> albedo_frac;         // ground reflectance, 0..1
  double wind_height_m = 10.0;

  // Further measurement heights, in increasing height order (may be empty).
  std::vector<WindLevel> wind_levels;

  std::size_t size() const { return ghi_w_per_m2.size(); }
  Timestamp interval_start(std::size_t i) const {
    return start + step * static_cast<std::int64_t>(i);
  }
};

// Reads a weather file. kAuto picks the format from the file's content.
// Throws InputError naming file:line (and the column) for malformed content.
WeatherSeries read_weather(const std::filesystem::path& path, WeatherFormat format);

// Turns a file's series into the simulation's: `years` consecutive years from
// `start` (UTC) at `step`. A typical year (or any single year) is repeated
// year after year (29 February is filled from 28 February); sub-hourly steps
// are interpolated so that the mean of each hour's irradiance is unchanged.
// Requires: step divides one hour, or equals one hour.
WeatherSeries prepare_for_simulation(const WeatherSeries& file_series, Timestamp start, int years,
                                     Duration step);

}  // namespace shapan::resource
