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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shapan/core/files.h"
#include "shapan/core/time.h"

namespace shapan::resource {

enum class WeatherFormat { kAuto, kEpw, kTmy3, kPsm3, kSrw };

// What the file says about its own location; NaN where it says nothing.
struct WeatherLocation {
  std::string name;
  double latitude_deg = 0.0;   // north positive
  double longitude_deg = 0.0;  // east positive
  double elevation_m = 0.0;
  double utc_offset_h = 0.0;  // site standard time, hours east of UTC
  // False when the file gives no time zone and utc_offset_h is the reader's
  // guess (SRW: round(longitude / 15)); io then takes the site's instead.
  bool utc_offset_from_file = true;
  bool operator==(const WeatherLocation&) const = default;
};

// Values the file left missing (its missing codes), counted before they were
// filled (docs/weather.md §4). A quantity absent from the whole file is not
// counted here (it is required, or gets its default).
struct WeatherGaps {
  std::size_t irradiance_values = 0;   // GHI, DNI and DHI cells, together
  std::size_t temperature_values = 0;  // dry bulb
  std::size_t wind_speed_values = 0;   // main wind speed
  std::size_t longest_run = 0;  // longest run of consecutive hours missing GHI, dry bulb or wind
  bool operator==(const WeatherGaps&) const = default;
};

// Wind measured at one more height (SRW files carry several).
struct WindLevel {
  double height_m = 0.0;
  std::vector<double> wind_speed_m_per_s;
  std::vector<double> wind_direction_deg;
  std::vector<double> temp_air_c;   // empty when the file has none at this height
  std::vector<double> pressure_pa;  // empty when the file has none at this height
  bool operator==(const WindLevel&) const = default;
};

struct WeatherSeries {
  std::string source;  // file path, for messages
  WeatherLocation location;
  Timestamp start;  // start of the first interval, UTC
  Duration step = Duration::hours(1);

  // One value per interval. Missing values in the file have been filled
  // (see docs/weather.md); every vector here has size() entries. SRW files
  // carry no irradiance: their GHI, DNI and DHI are all zero.
  std::vector<double> ghi_w_per_m2;  // global horizontal irradiance
  std::vector<double> dni_w_per_m2;  // direct normal irradiance
  std::vector<double> dhi_w_per_m2;  // diffuse horizontal irradiance
  std::vector<double> temp_air_c;    // dry-bulb temperature
  std::vector<double> temp_dew_c;    // dew-point temperature
  std::vector<double> relative_humidity_percent;
  std::vector<double> pressure_pa;         // station pressure
  std::vector<double> wind_speed_m_per_s;  // at wind_height_m
  std::vector<double> wind_direction_deg;  // from north, clockwise, direction it blows from
  std::vector<double> albedo_frac;         // ground reflectance, 0..1
  double wind_height_m = 10.0;

  // Wind at every height the file gives, in increasing height order. SRW files
  // fill it with each of their heights (the lowest is also copied into
  // wind_speed_m_per_s above); EPW, TMY3 and SAM CSV files leave it empty.
  std::vector<WindLevel> wind_levels;

  // Wind for wind turbines only, set by a wind calibration
  // (wind_calibration.h): the calibrated speeds and directions at
  // turbine_wind->height_m (its temp_air_c and pressure_pa are empty). When
  // set, a wind farm uses it instead of the measured wind above (carrying it to
  // its hub with its profile); everything else (PV cell temperature, cooling,
  // storage) keeps the wind as measured, because calibration is a statement
  // about the wind resource at turbine height, not about the wind near the
  // ground (docs/models/wind.md §6). Empty when no calibration was applied.
  std::optional<WindLevel> turbine_wind;

  // What the file left missing before the gaps were filled (quality checks).
  WeatherGaps gaps;

  std::size_t size() const { return ghi_w_per_m2.size(); }
  Timestamp interval_start(std::size_t i) const {
    return start + step * static_cast<std::int64_t>(i);
  }
  bool operator==(const WeatherSeries&) const = default;
};

// "EPW", "TMY3", "SAM CSV (NSRDB PSM3)", "SRW" or "auto", for messages.
std::string_view weather_format_name(WeatherFormat format);

// Picks the format from the content (and, for SRW, the ".srw" extension of
// `source`):
//   EPW      line 1 starts with "LOCATION,"
//   TMY3     line 2 starts with "Date (MM/DD/YYYY)"
//   SAM CSV  line 1 starts with "Source," (NSRDB PSM3, SAM's TMY2 conversions)
//            or one of the first three lines starts with "Year,Month,Day,Hour"
//   SRW      `source` ends in ".srw", or line 3 holds only the SRW field names
//            Temperature, Pressure, Speed, Direction
// Throws InputError naming `source` and listing the formats when none fits,
// or when the text is empty.
WeatherFormat detect_weather_format(std::string_view text, const std::string& source);

// Reads a weather file. kAuto picks the format from the file's content.
// Throws InputError naming file:line (and the column) for malformed content,
// and for a missing or empty file. The readers accept one full year of hourly
// rows (8760, or 8784 with 29 February); docs/weather.md has the rules.
WeatherSeries read_weather(const std::filesystem::path& path, WeatherFormat format,
                           const Files& files = local_files());
// The same for text already in memory; `source` names it in messages (and
// its extension counts for SRW detection).
WeatherSeries parse_weather(std::string_view text, const std::string& source, WeatherFormat format);

// Turns a file's series into the simulation's: `years` consecutive years from
// `start` (UTC) at `step`. A typical year (or any single year) is repeated
// year after year (29 February is filled from 28 February); sub-hourly steps
// are interpolated so that the mean of each hour's irradiance is unchanged.
// Requires: step divides one hour, or equals one hour; years >= 1 (InputError
// otherwise, with source "<parameters>"). The output has one value per step
// from `start` to the same local date `years` years later (8760 or 8784 hours
// per year); irradiance stays >= 0 and is 0 wherever the hour's mean is 0.
// Sub-hourly output needs memory for size() x 10 doubles (plus wind_levels).
WeatherSeries prepare_for_simulation(const WeatherSeries& file_series, Timestamp start, int years,
                                     Duration step);

// The size() of prepare_for_simulation's output, without laying the series
// (for checks that need only the run's step count). Same requirements.
std::size_t prepared_step_count(const WeatherSeries& file_series, Timestamp start, int years,
                                Duration step);

}  // namespace shapan::resource
