#include "shapan/resource/series.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "calendar.h"
#include "missing_values.h"
#include "shapan/core/csv.h"
#include "shapan/core/error.h"

namespace shapan::resource {
namespace {

constexpr std::size_t kHours = 8760;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double read_value(const CsvTable& t, const CsvRow& row, std::size_t column, std::string_view name) {
  const std::string& text = cell_text(t, row, column, name);
  if (text.find_first_not_of(" \t") == std::string::npos) return kNaN;  // empty = missing
  return cell_double(t, row, column, name);
}

HourlyYear read_table(const CsvTable& t, const HourlySeriesOptions& o) {
  if (t.rows.empty()) throw_input_error(t.source, 0, 0, "", "the file is empty");
  const CsvRow& header = t.rows.front();
  const auto c_value = find_column(header, o.value_column);
  if (!c_value) {
    throw_input_error(t.source, header.line, 0, "",
                      fmt::format("no column '{}' in the header", o.value_column));
  }
  std::optional<std::size_t> c_time;
  if (!o.time_column.empty()) {
    c_time = find_column(header, o.time_column);
    if (!c_time) {
      throw_input_error(t.source, header.line, 0, "",
                        fmt::format("no time column '{}' in the header", o.time_column));
    }
  }

  HourlyYear y{.source = t.source, .column = o.value_column, .values = {}};
  y.values.assign(kHours, kNaN);
  const std::size_t data_rows = t.rows.size() - 1;
  if (!c_time) {
    if (data_rows < kHours) {
      throw_input_error(t.source, t.rows.back().line, 0, "",
                        fmt::format("the file ends after {} data rows; expected at least {} "
                                    "(one value per hour of the year)",
                                    data_rows, kHours));
    }
    for (std::size_t h = 0; h < kHours; ++h) {
      y.values[h] = read_value(t, t.rows[h + 1], *c_value, o.value_column);
    }
  } else {
    std::vector<int> line_of_hour(kHours, 0);
    for (std::size_t i = 1; i < t.rows.size(); ++i) {
      const CsvRow& row = t.rows[i];
      const std::string& text = cell_text(t, row, *c_time, o.time_column);
      const auto stamp = parse_iso8601(text, o.time_utc_offset_h);
      if (!stamp) {
        throw_input_error(
            t.source, row.line, static_cast<int>(*c_time) + 1, o.time_column,
            fmt::format("expected a timestamp like 2023-01-01 00:00:00, found '{}'", text));
      }
      const auto hoy = detail::hour_of_common_year(to_civil(*stamp, o.site_utc_offset_h));
      if (!hoy) continue;  // 29 February
      const auto h = static_cast<std::size_t>(*hoy);
      if (line_of_hour[h] != 0) {
        throw_input_error(t.source, row.line, static_cast<int>(*c_time) + 1, o.time_column,
                          fmt::format("'{}' falls in the same hour of the year as line {}; "
                                      "expected one row per hour of one year",
                                      text, line_of_hour[h]));
      }
      line_of_hour[h] = row.line;
      y.values[h] = read_value(t, row, *c_value, o.value_column);
    }
    for (std::size_t h = 0; h < kHours; ++h) {
      if (line_of_hour[h] == 0) {
        throw_input_error(
            t.source, t.rows.back().line, 0, "",
            fmt::format("no row for hour {} of the year (day {}, {:02d}:00 site standard "
                        "time); expected one row per hour of one year",
                        h, h / 24 + 1, h % 24));
      }
    }
  }
  if (!detail::fill_gaps(y.values)) {
    throw_input_error(t.source, 0, 0, o.value_column, "no valid value in any row");
  }
  return y;
}

}  // namespace

HourlyYear parse_hourly_series(std::string_view text, std::string source,
                               const HourlySeriesOptions& options) {
  return read_table(parse_csv(text, std::move(source)), options);
}

HourlyYear read_hourly_series(const std::filesystem::path& path, const HourlySeriesOptions& options,
                              const Files& files) {
  return read_table(read_csv(path, ',', files), options);
}

std::vector<double> hourly_to_steps(const HourlyYear& year, Timestamp start, int years,
                                    Duration step, double site_utc_offset_h) {
  detail::check_simulation_span(years, step);
  const std::size_t steps = detail::simulation_step_count(start, years, step, site_utc_offset_h);
  std::vector<double> out(steps);
  for (std::size_t k = 0; k < steps; ++k) {
    const int h = detail::typical_hour_of_year(start + step * static_cast<std::int64_t>(k),
                                               site_utc_offset_h);
    out[k] = year.values[static_cast<std::size_t>(h)];
  }
  return out;
}

}  // namespace shapan::resource
