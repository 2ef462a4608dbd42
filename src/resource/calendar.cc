#include "calendar.h"

#include <fmt/format.h>

#include "shapan/core/error.h"

namespace shapan::resource::detail {

void check_simulation_span(int years, Duration step) {
  if (years < 1) {
    throw_input_error("<parameters>", 0, 0, "years", fmt::format("= {}: must be >= 1", years));
  }
  const std::int64_t s = step.in_seconds();
  if (s <= 0 || s > 3600 || 3600 % s != 0) {
    throw_input_error("<parameters>", 0, 0, "step",
                      fmt::format("= {} s: must divide one hour (for example 60, 300, 900, 1800 "
                                  "or 3600 s)",
                                  s));
  }
}

std::size_t simulation_step_count(Timestamp start, int years, Duration step, double utc_offset_h) {
  CivilTime end = to_civil(start, utc_offset_h);
  end.year += years;
  if (end.month == 2 && end.day == 29 && !is_leap_year(end.year)) end.day = 28;
  const std::int64_t span_s = (to_timestamp(end, utc_offset_h) - start).in_seconds();
  const std::int64_t step_s = step.in_seconds();
  return static_cast<std::size_t>((span_s + step_s - 1) / step_s);
}

std::optional<int> hour_of_common_year(const CivilTime& local) {
  if (local.month == 2 && local.day == 29) return std::nullopt;
  // 2001 is not a leap year: its day numbers are those of any common year.
  return (day_of_year(2001, local.month, local.day) - 1) * 24 + local.hour;
}

int typical_hour_of_year(Timestamp t, double utc_offset_h) {
  CivilTime local = to_civil(t, utc_offset_h);
  if (local.month == 2 && local.day == 29) local.day = 28;
  return *hour_of_common_year(local);
}

}  // namespace shapan::resource::detail
