// EnergyPlus weather (EPW) files.
//
// Layout (EnergyPlus "Auxiliary Programs", chapter "Weather Converter
// Program", section "EnergyPlus Weather File (EPW) Data Dictionary"): eight
// header lines (LOCATION, DESIGN CONDITIONS, TYPICAL/EXTREME PERIODS, GROUND
// TEMPERATURES, HOLIDAYS/DAYLIGHT SAVINGS, COMMENTS 1, COMMENTS 2, DATA
// PERIODS), then one row of 35 fields per record. Field N1..N35 positions and
// missing codes below come from that dictionary.
//
// Time: hour 1..24 is hour-ending in local standard time, so hour h covers
// [h-1, h) and becomes the interval starting at h-1 (the minute field is
// ignored for hourly files). The year column is only trusted when every row
// has the same year; typical-year files (CSWD, PVGIS) mix years, and then the
// rows are laid on a nominal year (lay_out_year).
#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "shapan/core/error.h"
#include "weather_fields.h"

namespace shapan::resource::detail {
namespace {

constexpr std::size_t kEpwFields = 35;

// Column (0-based) and specification of each field we keep. Ranges follow the
// physical limits we accept (docs/weather.md), missing codes the dictionary.
struct EpwField {
  std::size_t column;
  FieldSpec spec;
};
constexpr EpwField kDryBulb{6, {"Dry Bulb Temperature", "C", -90, 70, 99.9}};
constexpr EpwField kDewPoint{7, {"Dew Point Temperature", "C", -90, 70, 99.9}};
// CSWD files hold some RH readings above 100 % (up to 114 % at Xinghai), so
// up to 120 % is accepted and clamped to 100 % after reading.
constexpr EpwField kRelHum{8, {"Relative Humidity", "%", 0, 120, 999}};
constexpr EpwField kPressure{9, {"Atmospheric Station Pressure", "Pa", 20000, 120000, 999999}};
constexpr EpwField kGhi{13, {"Global Horizontal Radiation", "Wh/m2", 0, 1500, 9999}};
constexpr EpwField kDni{14, {"Direct Normal Radiation", "Wh/m2", 0, 1500, 9999}};
constexpr EpwField kDhi{15, {"Diffuse Horizontal Radiation", "Wh/m2", 0, 1500, 9999}};
constexpr EpwField kWindDir{20, {"Wind Direction", "degrees", 0, 360, 999}};
constexpr EpwField kWindSpeed{21, {"Wind Speed", "m/s", 0, 100, 999}};
// The dictionary gives 999 as albedo's missing code; CSWD files write
// 999.000 and some converters 9999, both caught by ">= 999".
constexpr EpwField kAlbedo{32, {"Albedo", "", 0, 1, 999}};

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

double header_number(const CsvTable& t, const CsvRow& row, std::size_t column,
                     std::string_view name, double lo, double hi) {
  return read_field(t, row, column, FieldSpec{.name = name, .unit = "", .lo = lo, .hi = hi});
}

WeatherLocation read_location(const CsvTable& t, const CsvRow& row) {
  // LOCATION, city, state/province, country, source, WMO, lat, lon, TZ, elevation
  if (row.cells.size() < 10) {
    throw_input_error(t.source, row.line, 0, "LOCATION",
                      fmt::format("has {} fields; expected 10 (LOCATION, city, state, country, "
                                  "source, WMO, latitude, longitude, time zone, elevation)",
                                  row.cells.size()));
  }
  WeatherLocation loc;
  loc.name = row.cells[1];
  loc.latitude_deg = header_number(t, row, 6, "LOCATION latitude", -90, 90);
  loc.longitude_deg = header_number(t, row, 7, "LOCATION longitude", -180, 180);
  loc.utc_offset_h = header_number(t, row, 8, "LOCATION time zone", -12, 14);
  loc.elevation_m = header_number(t, row, 9, "LOCATION elevation", -1000, 9000);
  return loc;
}

}  // namespace

WeatherSeries read_epw(const CsvTable& t) {
  if (t.rows.empty()) throw_input_error(t.source, 0, 0, "", "the file is empty");
  const CsvRow& first = t.rows.front();
  if (first.cells.front() != "LOCATION") {
    throw_input_error(t.source, first.line, 1, "",
                      fmt::format("expected the EPW header line 'LOCATION,...'; found '{}'",
                                  first.cells.front()));
  }
  WeatherLocation location = read_location(t, first);

  // Header lines run up to DATA PERIODS; its second field is the number of
  // records per hour.
  std::size_t data_begin = 0;
  for (std::size_t i = 1; i < t.rows.size() && data_begin == 0; ++i) {
    const CsvRow& row = t.rows[i];
    if (!row.cells.empty() && starts_with(row.cells.front(), "DATA PERIODS")) {
      const int per_hour = cell_int(t, row, 2, "DATA PERIODS records per hour");
      if (per_hour != 1) {
        throw_input_error(t.source, row.line, 3, "DATA PERIODS records per hour",
                          fmt::format("= {}: only hourly EPW files (1 record per hour) are "
                                      "supported",
                                      per_hour));
      }
      data_begin = i + 1;
    } else if (!row.cells.empty() && parse_double(row.cells.front())) {
      throw_input_error(t.source, row.line, 0, "",
                        "data row before the 'DATA PERIODS' header line; expected the eight "
                        "EPW header lines first");
    }
  }
  if (data_begin == 0) {
    throw_input_error(t.source, t.rows.back().line, 0, "",
                      "no 'DATA PERIODS' header line; expected the eight EPW header lines "
                      "followed by hourly data rows");
  }

  const std::size_t n = t.rows.size() - data_begin;
  WeatherSeries s = make_series(t.source, std::move(location), n);
  std::vector<RowStamp> stamps;
  stamps.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const CsvRow& row = t.rows[data_begin + i];
    require_columns(t, row, kEpwFields, "the EPW data row");
    RowStamp st{.line = row.line};
    st.year = cell_int(t, row, 0, "Year");
    st.month = read_int_in_range(t, row, 1, "Month", 1, 12);
    st.day = cell_int(t, row, 2, "Day");
    check_day_of_month(t, row, 2, st.month, st.day);
    st.hour = read_int_in_range(t, row, 3, "Hour", 1, 24) - 1;  // hour-ending -> start
    stamps.push_back(st);

    s.temp_air_c[i] = read_field(t, row, kDryBulb.column, kDryBulb.spec);
    s.temp_dew_c[i] = read_field(t, row, kDewPoint.column, kDewPoint.spec);
    s.relative_humidity_percent[i] =
        std::min(read_field(t, row, kRelHum.column, kRelHum.spec), 100.0);
    s.pressure_pa[i] = read_field(t, row, kPressure.column, kPressure.spec);
    // Wh/m² over one hour is the hour's mean irradiance in W/m².
    s.ghi_w_per_m2[i] = read_field(t, row, kGhi.column, kGhi.spec);
    s.dni_w_per_m2[i] = read_field(t, row, kDni.column, kDni.spec);
    s.dhi_w_per_m2[i] = read_field(t, row, kDhi.column, kDhi.spec);
    s.wind_direction_deg[i] = read_field(t, row, kWindDir.column, kWindDir.spec);
    s.wind_speed_m_per_s[i] = read_field(t, row, kWindSpeed.column, kWindSpeed.spec);
    s.albedo_frac[i] = read_field(t, row, kAlbedo.column, kAlbedo.spec);
  }
  const YearLayout layout = lay_out_year(t, stamps, 1, t.rows.back().line);
  s.start = to_timestamp(CivilTime{.year = layout.year}, s.location.utc_offset_h);
  s.wind_height_m = 10.0;  // EPW wind is the standard 10 m observation
  if (layout.insert_feb29) insert_feb29(s);
  finish_series(s);
  return s;
}

}  // namespace shapan::resource::detail
