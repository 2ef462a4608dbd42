// Generic hourly series for one year: grid carbon intensity, electricity
// prices, IT-load profiles. A CSV column is read into 8760 values indexed by
// the hour of a 365-day year in the site's standard time, then mapped onto
// the simulation's steps, repeating every year.
//
// Units: whatever the column holds; the caller names them
// (`carbon_g_per_kwh`, `price_usd_per_mwh`, `cpu_load_frac`). docs/weather.md,
// section "Hourly series", gives the rules.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "shapan/core/files.h"
#include "shapan/core/time.h"

namespace shapan::resource {

struct HourlySeriesOptions {
  // Header of the value column, matched case-insensitively, e.g.
  // "Carbon Intensity gCO₂eq/kWh (direct)" or "cpu_load".
  std::string value_column;
  // Header of the timestamp column (ISO 8601: "2023-01-01 00:00:00",
  // "2023-01-01T00:00Z", "...+08:00"); each stamp is the start of its hour.
  // Empty: the file has no timestamps and data row i is hour i of the year in
  // site standard time (rows after the 8760th are ignored).
  std::string time_column;
  // Zone of stamps written without an offset, hours east of UTC (0 for UTC).
  double time_utc_offset_h = 0.0;
  // The site's standard time, hours east of UTC: the year is indexed by it.
  double site_utc_offset_h = 0.0;
};

struct HourlyYear {
  std::string source;  // file path, for messages
  std::string column;  // the value column read
  // 8760 values; values[h] holds hour h (0 = 1 January 00:00-01:00) of a
  // 365-day year in site standard time. A file's 29 February is not used.
  std::vector<double> values;
};

// Reads one year of hourly values. Empty cells are missing and are filled by
// linear interpolation between the nearest valid hours. Throws InputError
// (file:line:column) for a missing file or column, a non-numeric value, a bad
// timestamp, a timestamp that repeats an hour, fewer than 8760 hours, or no
// valid value.
HourlyYear read_hourly_series(const std::filesystem::path& path, const HourlySeriesOptions& options,
                              const Files& files = local_files());
HourlyYear parse_hourly_series(std::string_view text, std::string source,
                               const HourlySeriesOptions& options);

// One value per simulation step from `start` (UTC) for `years` years (same
// step count as prepare_for_simulation): step k takes the value of the local
// hour it starts in (29 February takes 28 February's values), held across
// sub-hourly steps. Requires: step divides one hour; years >= 1 (InputError
// otherwise).
std::vector<double> hourly_to_steps(const HourlyYear& year, Timestamp start, int years,
                                    Duration step, double site_utc_offset_h);

}  // namespace shapan::resource
