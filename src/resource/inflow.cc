#include "shapan/resource/inflow.h"

#include <fmt/format.h>

#include <cstdio>

#include "calendar.h"
#include "interpolation.h"
#include "shapan/core/csv.h"
#include "shapan/core/error.h"

namespace shapan::resource {
namespace {

// Discharge above this is not a river (the Amazon's mean is about 2e5 m³/s).
constexpr double kMaxFlow_m3_per_s = 1e6;

MonthlyInflowSeries read_table(const CsvTable& t, std::string_view flow_column) {
  if (t.rows.empty()) throw_input_error(t.source, 0, 0, "", "the file is empty");
  const CsvRow& header = t.rows.front();
  const auto c_date = find_column(header, "date");
  const auto c_flow = find_column(header, flow_column);
  if (!c_date || !c_flow) {
    throw_input_error(
        t.source, header.line, 0, "",
        fmt::format("expected a header with the columns 'date' and '{}'", flow_column));
  }
  MonthlyInflowSeries s{.source = t.source, .column = std::string(flow_column), .months = {}};
  for (std::size_t i = 1; i < t.rows.size(); ++i) {
    const CsvRow& row = t.rows[i];
    const std::string& date = cell_text(t, row, *c_date, "date");
    MonthlyFlow m;
    int day = 0;
    int consumed = 0;
    if (std::sscanf(date.c_str(), "%4d-%2d-%2d%n", &m.year, &m.month, &day, &consumed) != 3 ||
        consumed != static_cast<int>(date.size()) || m.month < 1 || m.month > 12 || day < 1 ||
        day > days_in_month(m.year, m.month)) {
      throw_input_error(t.source, row.line, static_cast<int>(*c_date) + 1, "date",
                        fmt::format("expected a date YYYY-MM-DD, found '{}'", date));
    }
    m.flow_m3_per_s = cell_double(t, row, *c_flow, flow_column);
    if (m.flow_m3_per_s < 0.0 || m.flow_m3_per_s > kMaxFlow_m3_per_s) {
      throw_input_error(t.source, row.line, static_cast<int>(*c_flow) + 1, std::string(flow_column),
                        fmt::format("= {} m3/s: must be between 0 and {} m3/s", row.cells[*c_flow],
                                    kMaxFlow_m3_per_s));
    }
    if (!s.months.empty()) {
      const MonthlyFlow& prev = s.months.back();
      const int want_year = prev.month == 12 ? prev.year + 1 : prev.year;
      const int want_month = prev.month == 12 ? 1 : prev.month + 1;
      if (m.year != want_year || m.month != want_month) {
        throw_input_error(t.source, row.line, static_cast<int>(*c_date) + 1, "date",
                          fmt::format("= {}: expected the next month, {:04d}-{:02d}", date,
                                      want_year, want_month));
      }
    }
    s.months.push_back(m);
  }
  if (s.months.empty()) throw_input_error(t.source, header.line, 0, "", "no data rows");
  return s;
}

}  // namespace

MonthlyInflowSeries parse_monthly_inflow(std::string_view text, std::string source,
                                         std::string_view flow_column) {
  return read_table(parse_csv(text, std::move(source)), flow_column);
}

MonthlyInflowSeries read_monthly_inflow(const std::filesystem::path& path,
                                        std::string_view flow_column, const Files& files) {
  return read_table(read_csv(path, ',', files), flow_column);
}

std::array<double, 12> typical_monthly_flow_m3_per_s(const MonthlyInflowSeries& series) {
  std::array<double, 12> sum{};
  std::array<int, 12> count{};
  for (const MonthlyFlow& m : series.months) {
    sum[m.month - 1] += m.flow_m3_per_s;
    ++count[m.month - 1];
  }
  for (std::size_t k = 0; k < 12; ++k) {
    if (count[k] == 0) {
      throw_input_error(
          series.source, 0, 0, series.column,
          fmt::format("no value for month {}; a climatology needs every month", k + 1));
    }
    sum[k] /= count[k];
  }
  return sum;
}

std::array<double, 12> monthly_flow_of_year_m3_per_s(const MonthlyInflowSeries& series, int year) {
  std::array<double, 12> out{};
  int found = 0;
  for (const MonthlyFlow& m : series.months) {
    if (m.year == year) {
      out[m.month - 1] = m.flow_m3_per_s;
      ++found;
    }
  }
  if (found != 12) {
    const int first = series.months.empty() ? 0 : series.months.front().year;
    const int last = series.months.empty() ? 0 : series.months.back().year;
    throw_input_error(series.source, 0, 0, series.column,
                      fmt::format("year {} has {} of 12 months; the file covers {} to {}", year,
                                  found, first, last));
  }
  return out;
}

std::vector<double> inflow_per_step_m3_per_s(const std::array<double, 12>& monthly_m3_per_s,
                                             Timestamp start, int years, Duration step,
                                             double utc_offset_h) {
  detail::check_simulation_span(years, step);
  const std::size_t steps = detail::simulation_step_count(start, years, step, utc_offset_h);
  // Group consecutive steps by the local calendar month they start in; each
  // group is one interval of the mean-preserving interpolation.
  std::vector<double> means;
  std::vector<std::size_t> counts;
  int current = -1;  // year * 12 + month of the open group
  for (std::size_t k = 0; k < steps; ++k) {
    const CivilTime c = to_civil(start + step * static_cast<std::int64_t>(k), utc_offset_h);
    const int key = c.year * 12 + c.month;
    if (key != current) {
      means.push_back(monthly_m3_per_s[static_cast<std::size_t>(c.month - 1)]);
      counts.push_back(0);
      current = key;
    }
    ++counts.back();
  }
  return detail::interpolate_mean_preserving(means, counts, true);
}

std::vector<double> inflow_per_step_m3_per_s(const MonthlyInflowSeries& series, Timestamp start,
                                             int years, Duration step, double utc_offset_h,
                                             std::optional<int> year) {
  const auto monthly =
      year ? monthly_flow_of_year_m3_per_s(series, *year) : typical_monthly_flow_m3_per_s(series);
  return inflow_per_step_m3_per_s(monthly, start, years, step, utc_offset_h);
}

}  // namespace shapan::resource
