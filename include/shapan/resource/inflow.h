// Monthly river inflow for hydropower: reading a monthly discharge record,
// reducing it to 12 monthly means (climatology or one calendar year), and
// spreading those means over the simulation's steps.
//
// Units: discharge in m³/s (monthly mean flow). Time: months are calendar
// months in the site's standard time (utc_offset_h east of UTC).
// docs/hydrology.md describes the file format and the interpolation.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shapan/core/files.h"
#include "shapan/core/time.h"

namespace shapan::resource {

struct MonthlyFlow {
  int year = 0;
  int month = 1;               // 1..12
  double flow_m3_per_s = 0.0;  // mean discharge over the month, >= 0
};

// Consecutive calendar months, oldest first, without gaps.
struct MonthlyInflowSeries {
  std::string source;  // file path, for messages
  std::string column;  // the discharge column read
  std::vector<MonthlyFlow> months;
};

// Reads a CSV with a header line, a "date" column (YYYY-MM-DD, any day of the
// month; the Tangnaihai file gives the month end) and the discharge column
// `flow_column` (default: "upreach_flow", Tangnaihai monthly mean in m³/s).
// Throws InputError (file:line:column) for a missing file or column, a bad
// date, a negative or non-numeric flow, and months that are not consecutive.
MonthlyInflowSeries read_monthly_inflow(const std::filesystem::path& path,
                                        std::string_view flow_column = "upreach_flow",
                                        const Files& files = local_files());
MonthlyInflowSeries parse_monthly_inflow(std::string_view text, std::string source,
                                         std::string_view flow_column = "upreach_flow");

// Climatology: for each calendar month (index 0 = January), the mean of that
// month's flow over every year in the series. Throws InputError when some
// calendar month has no value.
std::array<double, 12> typical_monthly_flow_m3_per_s(const MonthlyInflowSeries& series);

// The 12 monthly flows of one calendar year. Throws InputError naming the
// years available when `year` is not complete in the series.
std::array<double, 12> monthly_flow_of_year_m3_per_s(const MonthlyInflowSeries& series, int year);

// Spreads monthly means over the simulation: one value per step from `start`
// (UTC) for `years` years (same rule as prepare_for_simulation), the months
// repeating every year. The shape is the straight line through mid-month
// points, corrected month by month so that the mean over each month's steps
// equals that month's flow exactly (clamped at >= 0, mean restored).
// Requires: step divides one hour; years >= 1 (InputError otherwise).
std::vector<double> inflow_per_step_m3_per_s(const std::array<double, 12>& monthly_m3_per_s,
                                             Timestamp start, int years, Duration step,
                                             double utc_offset_h);

// The same from a series: the climatology, or the given calendar year's
// months when `year` is set.
std::vector<double> inflow_per_step_m3_per_s(const MonthlyInflowSeries& series, Timestamp start,
                                             int years, Duration step, double utc_offset_h,
                                             std::optional<int> year = std::nullopt);

}  // namespace shapan::resource
