// Reading NREL PVWatts (v5) web-calculator hourly exports for the Denver
// reference system (tests/reference/pvwatts_8760_{rackmount,roofmount}.csv,
// provenance in tests/reference/PROVENANCE.md): the inputs PVWatts used (beam,
// diffuse, air temperature, wind) as a WeatherSeries, and its outputs. Shared
// by the PV validation tests. Hours are local standard time (UTC−7).
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "shapan/core/csv.h"
#include "shapan/core/site.h"
#include "shapan/resource/weather.h"

namespace shapan::gen::testing {

struct PvwattsExport {
  resource::WeatherSeries weather;
  std::vector<double> poa_w_per_m2;
  std::vector<double> cell_temp_c;
  std::vector<double> dc_w;
  std::vector<double> ac_w;
  double total_ac_wh = 0.0;  // the file's Totals row
};

inline const Site kDenver{.name = "Denver",
                          .latitude_deg = 39.73,
                          .longitude_deg = -105.18,
                          .elevation_m = 1819.599976,
                          .utc_offset_h = -7.0};

inline PvwattsExport read_pvwatts_export(const std::string& path) {
  const CsvTable table = read_csv(path);
  PvwattsExport e;
  resource::WeatherSeries& w = e.weather;
  w.source = path;
  w.location = {.name = "Denver",
                .latitude_deg = 39.73,
                .longitude_deg = -105.18,
                .elevation_m = 1819.6,
                .utc_offset_h = -7.0};
  w.start = to_timestamp({.year = 2019, .month = 1, .day = 1}, -7.0);
  w.step = Duration::hours(1);
  bool in_data = false;
  for (const CsvRow& row : table.rows) {
    const std::string& first = cell_text(table, row, 0, "Month");
    if (first == "Month") {
      in_data = true;
      continue;
    }
    if (!in_data) continue;
    if (first == "Totals") {
      e.total_ac_wh = cell_double(table, row, 10, "AC System Output (W)");
      break;
    }
    w.dni_w_per_m2.push_back(cell_double(table, row, 3, "Beam Irradiance (W/m^2)"));
    w.dhi_w_per_m2.push_back(cell_double(table, row, 4, "Diffuse Irradiance (W/m^2)"));
    w.temp_air_c.push_back(cell_double(table, row, 5, "Ambient Temperature (C)"));
    w.wind_speed_m_per_s.push_back(cell_double(table, row, 6, "Wind Speed (m/s)"));
    e.poa_w_per_m2.push_back(cell_double(table, row, 7, "Plane of Array Irradiance (W/m^2)"));
    e.cell_temp_c.push_back(cell_double(table, row, 8, "Cell Temperature (C)"));
    e.dc_w.push_back(cell_double(table, row, 9, "DC Array Output (W)"));
    e.ac_w.push_back(cell_double(table, row, 10, "AC System Output (W)"));
  }
  const std::size_t n = w.dni_w_per_m2.size();
  w.ghi_w_per_m2.assign(n, 0.0);
  w.temp_dew_c.assign(n, NAN);
  w.relative_humidity_percent.assign(n, NAN);
  w.pressure_pa.assign(n, NAN);
  w.wind_direction_deg.assign(n, NAN);
  return e;
}

}  // namespace shapan::gen::testing
