// SAM wind resource (SRW) files ("Wind Resource File Format", SAM help; the
// format NREL's WIND Toolkit SRW download writes).
//
// Line 1: location id, city, state, country, year, latitude, longitude,
// elevation, time step (h), number of rows; any of them may be a placeholder
// ("lat??", "Not Available"). Line 2: free description. Line 3: field names
// (Temperature, Pressure, Speed, Direction), line 4 their units (C, atm, m/s,
// degrees), line 5 their measurement heights (m). Then one row per hour.
//
// Time: rows carry no stamps; they run hourly from 1 January 00:00 of the
// year on line 1 (the nominal year 2001 when it is not a number), row i
// covering [i, i+1) h. A leap year with 8760 rows (WIND Toolkit, like SAM,
// drops 29 February) gets 29 February from 28 February. SRW gives no time
// zone: the site's standard time is taken as round(longitude / 15) hours
// (0 when the longitude is unknown); docs/weather.md.
//
// The file has no irradiance, so GHI, DNI and DHI are all zero.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "shapan/core/error.h"
#include "weather_fields.h"

namespace shapan::resource::detail {
namespace {

enum class SrwField { kTemperature, kPressure, kSpeed, kDirection };

struct SrwColumn {
  SrwField field;
  double height_m;
  FieldSpec spec;
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

double optional_meta(const CsvRow& row, std::size_t column) {
  if (column >= row.cells.size()) return kNaN;
  return parse_double(row.cells[column]).value_or(kNaN);
}

SrwColumn parse_column(const CsvTable& t, std::size_t k) {
  const std::string name = lower(t.rows[2].cells[k]);
  const std::string unit = lower(k < t.rows[3].cells.size() ? t.rows[3].cells[k] : "");
  const CsvRow& units = t.rows[3];
  auto bad_unit = [&](std::string_view expected) {
    throw_input_error(t.source, units.line, static_cast<int>(k) + 1, t.rows[2].cells[k],
                      fmt::format("unit '{}' is not supported; expected {}",
                                  k < units.cells.size() ? units.cells[k] : "", expected));
  };
  SrwColumn c{};
  c.height_m =
      read_field(t, t.rows[4], k, FieldSpec{.name = "height", .unit = "m", .lo = 0, .hi = 1000});
  c.spec.name = t.rows[2].cells[k];
  if (name == "temperature") {
    if (unit != "c") bad_unit("C");
    c.field = SrwField::kTemperature;
    c.spec = {t.rows[2].cells[k], "C", -90, 70};
  } else if (name == "pressure") {
    c.field = SrwField::kPressure;
    if (unit == "atm") {
      c.spec = {t.rows[2].cells[k], "atm", 0.2, 1.2, kInf, -kInf, 101325.0};
    } else if (unit == "pa") {
      c.spec = {t.rows[2].cells[k], "Pa", 20000, 120000};
    } else {
      bad_unit("atm or Pa");
    }
  } else if (name == "speed") {
    if (unit != "m/s") bad_unit("m/s");
    c.field = SrwField::kSpeed;
    c.spec = {t.rows[2].cells[k], "m/s", 0, 100};
  } else if (name == "direction") {
    if (unit != "degrees") bad_unit("degrees");
    c.field = SrwField::kDirection;
    c.spec = {t.rows[2].cells[k], "degrees", 0, 360};
  } else {
    throw_input_error(t.source, t.rows[2].line, static_cast<int>(k) + 1, "",
                      fmt::format("unknown SRW field '{}'; expected Temperature, Pressure, Speed "
                                  "or Direction",
                                  t.rows[2].cells[k]));
  }
  return c;
}

// The location and year of the first header line. Throws for a time step
// other than 1 h.
struct SrwHeader {
  WeatherLocation location;
  double year_field = kNaN;  // NaN when absent
};
SrwHeader read_srw_header(const CsvTable& t) {
  const CsvRow& meta = t.rows[0];
  SrwHeader h;
  WeatherLocation& loc = h.location;
  loc.name = meta.cells.size() > 1 ? meta.cells[1] : "";
  h.year_field = optional_meta(meta, 4);
  loc.latitude_deg = optional_meta(meta, 5);
  loc.longitude_deg = optional_meta(meta, 6);
  loc.elevation_m = optional_meta(meta, 7);
  loc.utc_offset_h = std::isnan(loc.longitude_deg) ? 0.0 : std::round(loc.longitude_deg / 15.0);
  loc.utc_offset_from_file = false;
  const double step_h = optional_meta(meta, 8);
  if (!std::isnan(step_h) && step_h != 1.0) {
    throw_input_error(t.source, meta.line, 9, "time step",
                      fmt::format("= {} h: only hourly SRW files are supported", step_h));
  }
  return h;
}

// Reads column `k` of the `n` data rows into its targets: its height's wind
// level (levels by height in `level_of_height`), and for the first
// temperature and pressure columns also the series' own.
void read_srw_column(const CsvTable& t, std::size_t k, const SrwColumn& c,
                     const std::map<double, std::size_t>& level_of_height, bool& first_temp,
                     bool& first_pressure, std::size_t n, WeatherSeries& s) {
  const std::size_t width = t.rows[2].cells.size();
  const auto level_it = level_of_height.find(c.height_m);
  WindLevel* level = level_it == level_of_height.end() ? nullptr : &s.wind_levels[level_it->second];
  std::vector<double>* level_target = nullptr;
  std::vector<double>* main_target = nullptr;
  switch (c.field) {
    case SrwField::kTemperature:
      if (level) level_target = &level->temp_air_c;
      if (first_temp) main_target = &s.temp_air_c;
      first_temp = false;
      break;
    case SrwField::kPressure:
      if (level) level_target = &level->pressure_pa;
      if (first_pressure) main_target = &s.pressure_pa;
      first_pressure = false;
      break;
    case SrwField::kSpeed:
      level_target = &level->wind_speed_m_per_s;
      break;
    case SrwField::kDirection:
      if (level) level_target = &level->wind_direction_deg;
      break;
  }
  if (level_target) level_target->assign(n, kNaN);
  for (std::size_t i = 0; i < n; ++i) {
    const CsvRow& row = t.rows[5 + i];
    if (k == 0) require_columns(t, row, width, "the SRW data row");
    const double v = read_field(t, row, k, c.spec);
    if (level_target) (*level_target)[i] = v;
    if (main_target) (*main_target)[i] = v;
  }
}

}  // namespace

WeatherSeries read_srw(const CsvTable& t) {
  if (t.rows.empty()) throw_input_error(t.source, 0, 0, "", "the file is empty");
  if (t.rows.size() < 5) {
    throw_input_error(t.source, t.rows.back().line, 0, "",
                      "expected five SRW header lines (location, description, field names, "
                      "units, heights)");
  }
  SrwHeader header = read_srw_header(t);

  const std::size_t width = t.rows[2].cells.size();
  std::vector<SrwColumn> columns;
  for (std::size_t k = 0; k < width; ++k) columns.push_back(parse_column(t, k));

  // One WindLevel per height that has a speed column, in increasing height.
  std::map<double, std::size_t> level_of_height;
  for (const SrwColumn& c : columns) {
    if (c.field == SrwField::kSpeed) level_of_height[c.height_m] = 0;
  }
  if (level_of_height.empty()) {
    throw_input_error(t.source, t.rows[2].line, 0, "", "no Speed column; expected at least one");
  }

  const std::size_t n = t.rows.size() - 5;
  const double year_field = header.year_field;
  const bool year_known = !std::isnan(year_field) && year_field == std::floor(year_field);
  // Checked before the cast: a double beyond int's range does not convert.
  if (year_known && (year_field < 1.0 || year_field > 9999.0)) {
    throw_input_error(t.source, t.rows[0].line, 5, "year",
                      fmt::format("= {}: expected a year from 1 to 9999", t.rows[0].cells[4]));
  }
  const int year = year_known ? static_cast<int>(year_field) : kNominalYear;
  WeatherSeries s = make_series(t.source, std::move(header.location), n);
  for (auto& [height, index] : level_of_height) {
    index = s.wind_levels.size();
    s.wind_levels.push_back(WindLevel{.height_m = height});
  }
  bool first_temp = true;
  bool first_pressure = true;
  for (std::size_t k = 0; k < width; ++k) {
    read_srw_column(t, k, columns[k], level_of_height, first_temp, first_pressure, n, s);
  }
  // Checked after the values, so that a bad cell is reported where it is.
  if (n != 8760 && n != hours_in_year(year)) {
    const int line = n < 8760 ? t.rows.back().line : t.rows[5 + 8760].line;
    throw_input_error(t.source, line, 0, "",
                      fmt::format("the file has {} data rows; expected {} hourly rows (one year)",
                                  n, hours_in_year(year)));
  }
  // The series' own wind is the lowest height's.
  const WindLevel& lowest = s.wind_levels.front();
  s.wind_speed_m_per_s = lowest.wind_speed_m_per_s;
  if (!lowest.wind_direction_deg.empty()) s.wind_direction_deg = lowest.wind_direction_deg;
  s.wind_height_m = lowest.height_m;
  for (auto* v : {&s.ghi_w_per_m2, &s.dni_w_per_m2, &s.dhi_w_per_m2}) v->assign(n, 0.0);

  s.start = to_timestamp(CivilTime{.year = year}, s.location.utc_offset_h);
  if (n == 8760 && is_leap_year(year)) insert_feb29(s);
  finish_series(s);
  return s;
}

}  // namespace shapan::resource::detail
