#include "weather_fields.h"

#include <fmt/format.h>

#include <cmath>

#include "shapan/core/assert.h"
#include "shapan/core/check.h"
#include "shapan/core/error.h"

namespace shapan::resource::detail {
namespace {

int column_number(std::size_t column) { return static_cast<int>(column) + 1; }

std::string with_unit(double value, std::string_view unit) {
  return unit.empty() ? format_number(value) : fmt::format("{} {}", format_number(value), unit);
}

}  // namespace

double read_field(const CsvTable& table, const CsvRow& row, std::size_t column,
                  const FieldSpec& spec) {
  const double v = cell_double(table, row, column, spec.name);
  if (v >= spec.missing_at_or_above || v <= spec.missing_at_or_below) return kNaN;
  if (v < spec.lo || v > spec.hi) {
    std::string missing;
    if (std::isfinite(spec.missing_at_or_above)) {
      missing = fmt::format(" (or >= {} for missing)", format_number(spec.missing_at_or_above));
    } else if (std::isfinite(spec.missing_at_or_below)) {
      missing = fmt::format(" (or <= {} for missing)", format_number(spec.missing_at_or_below));
    }
    throw_input_error(table.source, row.line, column_number(column), std::string(spec.name),
                      fmt::format("= {}: must be between {} and {}{}", with_unit(v, spec.unit),
                                  format_number(spec.lo), with_unit(spec.hi, spec.unit), missing));
  }
  return v * spec.scale;
}

int read_int_in_range(const CsvTable& table, const CsvRow& row, std::size_t column,
                      std::string_view name, int lo, int hi) {
  const int v = cell_int(table, row, column, name);
  if (v < lo || v > hi) {
    throw_input_error(table.source, row.line, column_number(column), std::string(name),
                      fmt::format("= {}: must be between {} and {}", v, lo, hi));
  }
  return v;
}

void check_day_of_month(const CsvTable& table, const CsvRow& row, std::size_t column, int month,
                        int day) {
  // 2000 is a leap year, so 29 February passes here.
  const int last = days_in_month(2000, month);
  if (day < 1 || day > last) {
    throw_input_error(table.source, row.line, column_number(column), "Day",
                      fmt::format("= {}: month {} has days 1 to {}", day, month, last));
  }
}

void require_columns(const CsvTable& table, const CsvRow& row, std::size_t count,
                     std::string_view what) {
  if (row.cells.size() != count) {
    throw_input_error(table.source, row.line, 0, "",
                      fmt::format("{} has {} columns; expected {}", what, row.cells.size(), count));
  }
}

std::size_t hours_in_year(int year) { return is_leap_year(year) ? 8784 : 8760; }

YearLayout lay_out_year(const CsvTable& table, std::span<const RowStamp> rows, int hour_base,
                        int last_line) {
  bool single_year = true;
  bool has_feb29 = false;
  for (const RowStamp& r : rows) {
    single_year = single_year && r.year == rows.front().year;
    has_feb29 = has_feb29 || (r.month == 2 && r.day == 29);
  }
  YearLayout layout;
  if (rows.empty()) {
    layout.year = kNominalYear;
  } else if (single_year) {
    layout.year = rows.front().year;
  } else {
    layout.year = has_feb29 ? kNominalLeapYear : kNominalYear;
  }
  const bool leap = is_leap_year(layout.year);
  layout.insert_feb29 = leap && !has_feb29;
  layout.row_count = layout.insert_feb29 ? 8760 : hours_in_year(layout.year);

  // Walk the calendar hour by hour (skipping 29 Feb when the file leaves it out).
  CivilTime expect{.year = layout.year, .month = 1, .day = 1, .hour = 0};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const RowStamp& r = rows[i];
    if (i >= layout.row_count) {
      throw_input_error(table.source, r.line, 0, "",
                        fmt::format("more data rows than one year: expected {} hourly rows "
                                    "(1 January to 31 December)",
                                    layout.row_count));
    }
    if (r.month == 2 && r.day == 29 && !leap) {
      throw_input_error(table.source, r.line, 0, "",
                        fmt::format("29 February in {}, which is not a leap year", layout.year));
    }
    if (r.month != expect.month || r.day != expect.day || r.hour != expect.hour) {
      throw_input_error(
          table.source, r.line, 0, "",
          fmt::format("rows out of sequence: expected month {}, day {}, hour {}; found month {}, "
                      "day {}, hour {}",
                      expect.month, expect.day, expect.hour + hour_base, r.month, r.day,
                      r.hour + hour_base));
    }
    expect = to_civil(to_timestamp(expect, 0.0) + Duration::hours(1), 0.0);
    if (layout.insert_feb29 && expect.month == 2 && expect.day == 29) {
      expect.month = 3;
      expect.day = 1;
    }
  }
  if (rows.size() < layout.row_count) {
    throw_input_error(table.source, last_line, 0, "",
                      fmt::format("the file ends after {} data rows; expected {} hourly rows "
                                  "(1 January to 31 December)",
                                  rows.size(), layout.row_count));
  }
  return layout;
}

WeatherSeries make_series(std::string source, WeatherLocation location, std::size_t n) {
  WeatherSeries s;
  s.source = std::move(source);
  s.location = std::move(location);
  s.step = Duration::hours(1);
  for (auto* v : {&s.ghi_w_per_m2, &s.dni_w_per_m2, &s.dhi_w_per_m2, &s.temp_air_c, &s.temp_dew_c,
                  &s.relative_humidity_percent, &s.pressure_pa, &s.wind_speed_m_per_s,
                  &s.wind_direction_deg, &s.albedo_frac}) {
    v->assign(n, kNaN);
  }
  return s;
}

namespace {

void insert_feb29_into(std::vector<double>& v) {
  if (v.empty()) return;
  SHAPAN_ASSERT(v.size() == 8760, "insert_feb29 needs a 365-day hourly series");
  // 28 Feb is day 59: hours 1392..1415; 29 Feb goes right after it.
  constexpr std::size_t kFeb28 = std::size_t{31 + 27} * 24;
  std::vector<double> day(v.begin() + kFeb28, v.begin() + kFeb28 + 24);
  v.insert(v.begin() + kFeb28 + 24, day.begin(), day.end());
}

}  // namespace

void insert_feb29(WeatherSeries& s) {
  for (auto* v : {&s.ghi_w_per_m2, &s.dni_w_per_m2, &s.dhi_w_per_m2, &s.temp_air_c, &s.temp_dew_c,
                  &s.relative_humidity_percent, &s.pressure_pa, &s.wind_speed_m_per_s,
                  &s.wind_direction_deg, &s.albedo_frac}) {
    insert_feb29_into(*v);
  }
  const auto insert_into_level = [](WindLevel& level) {
    for (auto* v : {&level.wind_speed_m_per_s, &level.wind_direction_deg, &level.temp_air_c,
                    &level.pressure_pa}) {
      insert_feb29_into(*v);
    }
  };
  for (WindLevel& level : s.wind_levels) insert_into_level(level);
  if (s.turbine_wind) insert_into_level(*s.turbine_wind);
}

}  // namespace shapan::resource::detail
