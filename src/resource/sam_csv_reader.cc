// SAM CSV weather files ("SAM CSV Format for Solar Resource Data", SAM help),
// as written by the NREL NSRDB PSM3 API and by SAM's TMY2/TMY3 conversions.
//
// Line 1 names the metadata fields (Source, Location ID, City, State, Country,
// Latitude, Longitude, Time Zone, Elevation, and for NSRDB also Local Time
// Zone and units); line 2 holds their values; line 3 is the column header
// (Year, Month, Day, Hour, [Minute,] GHI, DNI, DHI, Temperature/Tdry, ...).
//
// Time: rows are hourly and the row stamped hour h (any minute) covers
// [h, h+1): SAM's TMY2 conversion stamps minute-less hours 0..23 at the start
// of the hour, NSRDB PSM3 stamps minute 30, the centre of the same hour.
// "Time Zone" is the zone of the stamps; "Local Time Zone" (NSRDB) the site's
// standard time, which becomes location.utc_offset_h. NSRDB writes -9999 for
// missing values; pressure is in mbar.
#include <fmt/format.h>

#include <optional>
#include <string>

#include "shapan/core/error.h"
#include "weather_fields.h"

namespace shapan::resource::detail {
namespace {

constexpr double kNsrdbMissing = -9999;

struct SamColumn {
  std::vector<double> WeatherSeries::*target;
  std::vector<std::string_view> names;  // accepted header names (case-insensitive)
  bool required;
  FieldSpec spec;  // spec.name is replaced by the header text found
};

const SamColumn kColumns[] = {
    {&WeatherSeries::ghi_w_per_m2, {"GHI"}, true, {"", "W/m2", 0, 1500, kInf, kNsrdbMissing}},
    {&WeatherSeries::dni_w_per_m2, {"DNI"}, true, {"", "W/m2", 0, 1500, kInf, kNsrdbMissing}},
    {&WeatherSeries::dhi_w_per_m2, {"DHI"}, true, {"", "W/m2", 0, 1500, kInf, kNsrdbMissing}},
    {&WeatherSeries::temp_air_c,
     {"Temperature", "Tdry"},
     true,
     {"", "C", -90, 70, kInf, kNsrdbMissing}},
    {&WeatherSeries::temp_dew_c,
     {"Dew Point", "Tdew"},
     false,
     {"", "C", -90, 70, kInf, kNsrdbMissing}},
    {&WeatherSeries::relative_humidity_percent,
     {"Relative Humidity", "RH"},
     false,
     {"", "%", 0, 120, kInf, kNsrdbMissing}},
    {&WeatherSeries::pressure_pa,
     {"Pressure", "Pres"},
     false,
     {"", "mbar", 200, 1200, kInf, kNsrdbMissing, 100}},
    {&WeatherSeries::wind_speed_m_per_s,
     {"Wind Speed", "Wspd"},
     true,
     {"", "m/s", 0, 100, kInf, kNsrdbMissing}},
    {&WeatherSeries::wind_direction_deg,
     {"Wind Direction", "Wdir"},
     false,
     {"", "degrees", 0, 360, kInf, kNsrdbMissing}},
    {&WeatherSeries::albedo_frac,
     {"Surface Albedo", "Albedo", "Alb"},
     false,
     {"", "", 0, 1, kInf, kNsrdbMissing}},
};

std::optional<std::size_t> find_any(const CsvRow& header,
                                    const std::vector<std::string_view>& names) {
  for (std::string_view name : names) {
    if (auto col = find_column(header, name)) return col;
  }
  return std::nullopt;
}

// A metadata value by the name on line 1; nullopt when absent or not a number.
std::optional<double> meta_value(const CsvTable& t, std::string_view name, double lo, double hi) {
  const auto col = find_column(t.rows[0], name);
  if (!col || *col >= t.rows[1].cells.size()) return std::nullopt;
  const auto v = parse_double(t.rows[1].cells[*col]);
  if (!v) return std::nullopt;
  return read_field(t, t.rows[1], *col, FieldSpec{.name = name, .unit = "", .lo = lo, .hi = hi});
}

}  // namespace

WeatherSeries read_sam_csv(const CsvTable& t) {
  if (t.rows.empty()) throw_input_error(t.source, 0, 0, "", "the file is empty");
  if (t.rows.size() < 3) {
    throw_input_error(t.source, t.rows.back().line, 0, "",
                      "expected two metadata lines and a column header line");
  }
  const CsvRow& header = t.rows[2];
  const auto c_year = find_column(header, "Year");
  const auto c_month = find_column(header, "Month");
  const auto c_day = find_column(header, "Day");
  const auto c_hour = find_column(header, "Hour");
  if (!c_year || !c_month || !c_day || !c_hour) {
    throw_input_error(t.source, header.line, 0, "",
                      "expected a column header with Year, Month, Day, Hour on line 3 of a SAM "
                      "CSV file");
  }

  WeatherLocation loc;
  if (const auto city = find_column(t.rows[0], "City"); city && *city < t.rows[1].cells.size()) {
    loc.name = t.rows[1].cells[*city];
  }
  const auto lat = meta_value(t, "Latitude", -90, 90);
  const auto lon = meta_value(t, "Longitude", -180, 180);
  const auto elev = meta_value(t, "Elevation", -1000, 9000);
  const auto stamp_zone = meta_value(t, "Time Zone", -12, 14);
  const auto local_zone = meta_value(t, "Local Time Zone", -12, 14);
  if (!lat || !lon || !stamp_zone) {
    throw_input_error(t.source, t.rows[1].line, 0, "",
                      "the metadata lines must give Latitude, Longitude and Time Zone");
  }
  loc.latitude_deg = *lat;
  loc.longitude_deg = *lon;
  loc.elevation_m = elev.value_or(kNaN);
  loc.utc_offset_h = local_zone.value_or(*stamp_zone);

  std::vector<std::optional<std::size_t>> columns;
  for (const SamColumn& c : kColumns) {
    columns.push_back(find_any(header, c.names));
    if (c.required && !columns.back()) {
      throw_input_error(t.source, header.line, 0, "",
                        fmt::format("no column '{}' in the SAM CSV header", c.names.front()));
    }
  }

  const std::size_t n = t.rows.size() - 3;
  WeatherSeries s = make_series(t.source, std::move(loc), n);
  std::vector<RowStamp> stamps;
  stamps.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const CsvRow& row = t.rows[i + 3];
    require_columns(t, row, header.cells.size(), "the SAM CSV data row");
    RowStamp st{.line = row.line};
    st.year = cell_int(t, row, *c_year, "Year");
    st.month = read_int_in_range(t, row, *c_month, "Month", 1, 12);
    st.day = cell_int(t, row, *c_day, "Day");
    check_day_of_month(t, row, *c_day, st.month, st.day);
    st.hour = read_int_in_range(t, row, *c_hour, "Hour", 0, 23);
    stamps.push_back(st);
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (!columns[k]) continue;
      FieldSpec spec = kColumns[k].spec;
      spec.name = header.cells[*columns[k]];
      (s.*kColumns[k].target)[i] = read_field(t, row, *columns[k], spec);
    }
  }
  const YearLayout layout = lay_out_year(t, stamps, 0, t.rows.back().line);
  s.start = to_timestamp(CivilTime{.year = layout.year}, *stamp_zone);
  s.wind_height_m = 10.0;  // NSRDB and TMY wind speeds are 10 m values
  if (layout.insert_feb29) insert_feb29(s);
  finish_series(s);
  return s;
}

}  // namespace shapan::resource::detail
