// Daily river inflow for hydropower: reading a daily discharge record and
// spreading it over the simulation's steps.
//
// Format read: CAMELS-US streamflow files (Newman et al. 2015, HESS 19:209),
// whitespace-separated `gauge_id year month day discharge flag`, discharge in
// ft³/s (converted with 1 ft³ = 0.028316846592 m³), -999 for missing days
// (refused with the line). Days are calendar days in the site's standard time.
//
// Disaggregation: each step takes the flow of the day it starts in (constant
// within the day), which keeps every day's mean exactly. The day comes from
// the record's years in order from `first_year` (year k of the run reads year
// first_year + k; a 29 February absent from the record reads 28 February), or,
// without `first_year`, from the day-of-year climatology (each calendar
// day's mean over the record's years; 29 February from the 29 Februaries of
// the record, or 28 February if there are none).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shapan/core/files.h"
#include "shapan/core/time.h"

namespace shapan::resource {

struct DailyFlow {
  int year = 0;
  int month = 1;
  int day = 1;
  double flow_m3_per_s = 0.0;  // >= 0
};

struct DailyInflowSeries {
  std::string source;
  std::vector<DailyFlow> days;  // in file order
};

// Throws InputError (file:line) for a short line, a bad number or date, a
// negative or missing (-999) discharge, or an empty file.
DailyInflowSeries read_camels_daily(const std::filesystem::path& path,
                                    const Files& files = local_files());
DailyInflowSeries parse_camels_daily(std::string_view text, const std::string& source);

// One value per simulation step (same step count as the weather prepared
// for the run). Throws InputError when a day the run needs is not in the
// record (naming the years it has).
std::vector<double> daily_inflow_per_step_m3_per_s(const DailyInflowSeries& series, Timestamp start,
                                                   int years, Duration step, double utc_offset_h,
                                                   std::optional<int> first_year);

}  // namespace shapan::resource
