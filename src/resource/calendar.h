// Calendar helpers shared by the resampling functions (private to the
// resource module): how many steps a simulation has, and which hour of a
// typical (365-day) year a simulation instant falls in.
#pragma once

#include <cstddef>
#include <optional>

#include "shapan/core/time.h"

namespace shapan::resource::detail {

// Throws InputError (source "<parameters>") unless years >= 1 and step is a
// whole divisor of one hour (1 s .. 1 h).
void check_simulation_span(int years, Duration step);

// Steps from `start` to the same local date and time `years` years later
// (a start on 29 Feb ends on 28 Feb); local = `utc_offset_h` east of UTC.
std::size_t simulation_step_count(Timestamp start, int years, Duration step, double utc_offset_h);

// Hour of a 365-day year (0..8759) for a local date and hour; nullopt for 29 Feb.
std::optional<int> hour_of_common_year(const CivilTime& local);
// Hour of a 365-day year of the local hour containing `t`; 29 February takes
// 28 February's hours (so leap years repeat one day of the typical year).
int typical_hour_of_year(Timestamp t, double utc_offset_h);

}  // namespace shapan::resource::detail
