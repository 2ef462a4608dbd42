// NREL TMY3 CSV files (Wilcox & Marion 2008, "Users Manual for TMY3 Data
// Sets", NREL/TP-581-43156).
//
// Line 1: USAF id, "station name", state, time zone (h from UTC), latitude,
// longitude (east positive), elevation (m). Line 2: column names. Then 8760
// rows: Date MM/DD/YYYY, Time HH:MM from 01:00 to 24:00. Times are local
// standard time and hour-ending (the value of 01:00 covers 00:00-01:00), so
// hour h becomes the interval starting at h-1. Each month comes from a
// different year (typical months), so the year column is not trusted
// (lay_out_year puts the rows on the nominal year). The manual marks missing
// values with -9900; pressure is in mbar.
#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "shapan/core/error.h"
#include "weather_fields.h"

namespace shapan::resource::detail {
namespace {

constexpr double kTmy3Missing = -9900;

struct Tmy3Column {
  std::vector<double> WeatherSeries::*target;
  FieldSpec spec;  // spec.name is the exact TMY3 column header
};

const Tmy3Column kColumns[] = {
    {&WeatherSeries::ghi_w_per_m2, {"GHI (W/m^2)", "W/m2", 0, 1500, kInf, kTmy3Missing}},
    {&WeatherSeries::dni_w_per_m2, {"DNI (W/m^2)", "W/m2", 0, 1500, kInf, kTmy3Missing}},
    {&WeatherSeries::dhi_w_per_m2, {"DHI (W/m^2)", "W/m2", 0, 1500, kInf, kTmy3Missing}},
    {&WeatherSeries::temp_air_c, {"Dry-bulb (C)", "C", -90, 70, kInf, kTmy3Missing}},
    {&WeatherSeries::temp_dew_c, {"Dew-point (C)", "C", -90, 70, kInf, kTmy3Missing}},
    {&WeatherSeries::relative_humidity_percent, {"RHum (%)", "%", 0, 120, kInf, kTmy3Missing}},
    {&WeatherSeries::pressure_pa, {"Pressure (mbar)", "mbar", 200, 1200, kInf, kTmy3Missing, 100}},
    {&WeatherSeries::wind_direction_deg, {"Wdir (degrees)", "degrees", 0, 360, kInf, kTmy3Missing}},
    {&WeatherSeries::wind_speed_m_per_s, {"Wspd (m/s)", "m/s", 0, 100, kInf, kTmy3Missing}},
    {&WeatherSeries::albedo_frac, {"Alb (unitless)", "", 0, 1, kInf, kTmy3Missing}},
};

double meta_number(const CsvTable& t, const CsvRow& row, std::size_t column, std::string_view name,
                   double lo, double hi) {
  return read_field(t, row, column, FieldSpec{.name = name, .unit = "", .lo = lo, .hi = hi});
}

// The station of the metadata line (line 1).
WeatherLocation read_tmy3_location(const CsvTable& t) {
  const CsvRow& meta = t.rows[0];
  if (meta.cells.size() < 7) {
    throw_input_error(t.source, meta.line, 0, "",
                      fmt::format("the TMY3 metadata line has {} fields; expected 7 (USAF, "
                                  "name, state, time zone, latitude, longitude, elevation)",
                                  meta.cells.size()));
  }
  WeatherLocation loc;
  loc.name = meta.cells[1];
  loc.utc_offset_h = meta_number(t, meta, 3, "time zone", -12, 14);
  loc.latitude_deg = meta_number(t, meta, 4, "latitude", -90, 90);
  loc.longitude_deg = meta_number(t, meta, 5, "longitude", -180, 180);
  loc.elevation_m = meta_number(t, meta, 6, "elevation", -1000, 9000);
  return loc;
}

// The date and hour-ending time of a data row, as the interval's start.
RowStamp read_tmy3_stamp(const CsvTable& t, const CsvRow& row) {
  RowStamp st{.line = row.line};
  int hh = 0;
  int mm = 0;
  int consumed = 0;
  if (std::sscanf(row.cells[0].c_str(), "%2d/%2d/%4d%n", &st.month, &st.day, &st.year, &consumed) !=
          3 ||
      consumed != static_cast<int>(row.cells[0].size())) {
    throw_input_error(t.source, row.line, 1, "Date (MM/DD/YYYY)",
                      fmt::format("expected a date MM/DD/YYYY, found '{}'", row.cells[0]));
  }
  if (std::sscanf(row.cells[1].c_str(), "%2d:%2d%n", &hh, &mm, &consumed) != 2 ||
      consumed != static_cast<int>(row.cells[1].size()) || mm != 0) {
    throw_input_error(t.source, row.line, 2, "Time (HH:MM)",
                      fmt::format("expected an hour HH:00, found '{}'", row.cells[1]));
  }
  if (st.month < 1 || st.month > 12) {
    throw_input_error(t.source, row.line, 1, "Date (MM/DD/YYYY)",
                      fmt::format("month = {}: must be between 1 and 12", st.month));
  }
  check_day_of_month(t, row, 0, st.month, st.day);
  if (hh < 1 || hh > 24) {
    throw_input_error(t.source, row.line, 2, "Time (HH:MM)",
                      fmt::format("hour = {}: must be between 1 and 24 (hour-ending)", hh));
  }
  st.hour = hh - 1;
  return st;
}

}  // namespace

WeatherSeries read_tmy3(const CsvTable& t) {
  if (t.rows.empty()) throw_input_error(t.source, 0, 0, "", "the file is empty");
  if (t.rows.size() < 2) {
    throw_input_error(t.source, t.rows.front().line, 0, "",
                      "expected a metadata line and a column header line");
  }
  WeatherLocation loc = read_tmy3_location(t);

  const CsvRow& header = t.rows[1];
  if (header.cells.size() < 2 || header.cells[0] != "Date (MM/DD/YYYY)" ||
      header.cells[1] != "Time (HH:MM)") {
    throw_input_error(t.source, header.line, 1, "",
                      fmt::format("expected the TMY3 header 'Date (MM/DD/YYYY),Time (HH:MM),...'; "
                                  "found '{}'",
                                  header.cells[0]));
  }
  std::vector<std::size_t> columns;
  for (const Tmy3Column& c : kColumns) {
    const auto col = find_column(header, c.spec.name);
    if (!col) {
      throw_input_error(t.source, header.line, 0, "",
                        fmt::format("no column '{}' in the TMY3 header", c.spec.name));
    }
    columns.push_back(*col);
  }

  const std::size_t n = t.rows.size() - 2;
  WeatherSeries s = make_series(t.source, std::move(loc), n);
  std::vector<RowStamp> stamps;
  stamps.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const CsvRow& row = t.rows[i + 2];
    require_columns(t, row, header.cells.size(), "the TMY3 data row");
    stamps.push_back(read_tmy3_stamp(t, row));
    for (std::size_t k = 0; k < columns.size(); ++k) {
      (s.*kColumns[k].target)[i] = read_field(t, row, columns[k], kColumns[k].spec);
    }
  }
  const YearLayout layout = lay_out_year(t, stamps, 1, t.rows.back().line);
  s.start = to_timestamp(CivilTime{.year = layout.year}, s.location.utc_offset_h);
  s.wind_height_m = 10.0;  // TMY3 wind is the airport's 10 m observation
  if (layout.insert_feb29) insert_feb29(s);
  finish_series(s);
  return s;
}

}  // namespace shapan::resource::detail
