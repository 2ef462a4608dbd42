#include "shapan/resource/daily_inflow.h"

#include <fmt/format.h>

#include <map>
#include <sstream>
#include <tuple>

#include "calendar.h"
#include "shapan/core/error.h"

namespace shapan::resource {
namespace {

constexpr double kM3PerFt3 = 0.028316846592;  // (0.3048 m)³, exact

}  // namespace

DailyInflowSeries parse_camels_daily(std::string_view text, const std::string& source) {
  DailyInflowSeries out;
  out.source = source;
  std::istringstream in{std::string(text)};
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::istringstream fields(line);
    std::string gauge;
    DailyFlow d;
    double cfs = 0.0;
    if (!(fields >> gauge >> d.year >> d.month >> d.day >> cfs)) {
      throw_input_error(source, line_no, 0, "",
                        "expected `gauge_id year month day discharge_ft3_per_s [flag]` "
                        "(CAMELS streamflow)");
    }
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) {
      throw_input_error(source, line_no, 0, "date",
                        fmt::format("{:04d}-{:02d}-{:02d} is not a date", d.year, d.month, d.day));
    }
    if (cfs == -999.0) {
      throw_input_error(source, line_no, 0, "discharge",
                        "missing (-999): fill the gap before using the record");
    }
    if (!(cfs >= 0.0)) {
      throw_input_error(source, line_no, 0, "discharge",
                        fmt::format("= {}: must be >= 0 (ft³/s)", cfs));
    }
    d.flow_m3_per_s = cfs * kM3PerFt3;
    out.days.push_back(d);
  }
  if (out.days.empty()) throw_input_error(source, 0, 0, "", "the file has no daily flows");
  return out;
}

DailyInflowSeries read_camels_daily(const std::filesystem::path& path, const Files& files) {
  return parse_camels_daily(files.read(path), path.string());
}

std::vector<double> daily_inflow_per_step_m3_per_s(const DailyInflowSeries& series, Timestamp start,
                                                   int years, Duration step, double utc_offset_h,
                                                   std::optional<int> first_year) {
  detail::check_simulation_span(years, step);
  std::map<std::tuple<int, int, int>, double> by_date;
  std::map<std::pair<int, int>, std::pair<double, int>> by_day;  // (month, day) -> (sum, n)
  for (const DailyFlow& d : series.days) {
    by_date[{d.year, d.month, d.day}] = d.flow_m3_per_s;
    auto& acc = by_day[{d.month, d.day}];
    acc.first += d.flow_m3_per_s;
    ++acc.second;
  }
  const std::size_t steps = detail::simulation_step_count(start, years, step, utc_offset_h);
  const int start_year = to_civil(start, utc_offset_h).year;
  std::vector<double> out;
  out.reserve(steps);
  for (std::size_t k = 0; k < steps; ++k) {
    const CivilTime c = to_civil(start + step * static_cast<std::int64_t>(k), utc_offset_h);
    if (first_year) {
      const int y = *first_year + (c.year - start_year);
      auto it = by_date.find({y, c.month, c.day});
      if (it == by_date.end() && c.month == 2 && c.day == 29) it = by_date.find({y, 2, 28});
      if (it == by_date.end()) {
        throw_input_error(
            series.source, 0, 0, "",
            fmt::format("no flow for {:04d}-{:02d}-{:02d}, needed for year {} of "
                        "the run: the record covers {}-{:02d}-{:02d} to "
                        "{}-{:02d}-{:02d}",
                        y, c.month, c.day, c.year - start_year + 1, series.days.front().year,
                        series.days.front().month, series.days.front().day, series.days.back().year,
                        series.days.back().month, series.days.back().day));
      }
      out.push_back(it->second);
    } else {
      auto it = by_day.find({c.month, c.day});
      if (it == by_day.end() && c.month == 2 && c.day == 29) it = by_day.find({2, 28});
      if (it == by_day.end()) {
        throw_input_error(
            series.source, 0, 0, "",
            fmt::format("no flow on any {:02d}-{:02d} in the record", c.month, c.day));
      }
      out.push_back(it->second.first / it->second.second);
    }
  }
  return out;
}

}  // namespace shapan::resource
