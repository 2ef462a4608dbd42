// The sun's position at one place and instant, as the `shapan sun` command
// reports it (NREL SPA, see docs/models/solar.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace shapan::io {

struct SunQuery {
  double latitude_deg = 0.0;
  double longitude_deg = 0.0;
  double elevation_m = 0.0;
  std::string time;  // ISO 8601 with its offset: 2003-10-17T12:30:30-07:00
  double pressure_hpa = 1013.25;
  double temp_c = 12.0;
  double delta_t_s = 69.0;  // TT − UT1
};

// JSON with zenith_deg (refraction-corrected), azimuth_deg (clockwise from
// north), elevation_deg, zenith_true_deg (no refraction), declination_deg,
// equation_of_time_min, and sunrise, transit, sunset as ISO 8601 times in the
// query's own offset (null on a polar day or night). Throws InputError naming
// the option for a malformed time or an out-of-range value.
nlohmann::ordered_json sun_position_json(const SunQuery& query);

}  // namespace shapan::io
