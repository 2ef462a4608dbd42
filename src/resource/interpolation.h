// Spreading interval values over finer steps (private to the resource
// module). Both functions take a sequence of intervals, interval k holding
// value y[k] and being split into counts[k] equal sub-steps, and return the
// sub-step values in order (sum of counts entries).
//
// The base shape is the straight line through the interval midpoints
// (y[k] at the middle of interval k), evaluated at each sub-step's midpoint;
// before the first and after the last midpoint the end value is held.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace shapan::resource::detail {

// Plain linear interpolation between midpoints (temperature, wind, pressure).
// With `degrees` set the values are angles and each segment takes the
// shorter way round the circle, results in [0, 360).
std::vector<double> interpolate_midpoints(std::span<const double> y,
                                          std::span<const std::size_t> counts,
                                          bool degrees = false);

// Mean-preserving version for irradiance and flows: the linear shape, then a
// per-interval correction so that each interval's sub-steps average exactly
// y[k]. With `non_negative`, negative sub-steps are set to 0 and the others
// scaled so that the mean is restored; an interval with y[k] == 0 stays 0.
std::vector<double> interpolate_mean_preserving(std::span<const double> y,
                                                std::span<const std::size_t> counts,
                                                bool non_negative);

}  // namespace shapan::resource::detail
