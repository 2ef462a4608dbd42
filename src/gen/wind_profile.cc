// Wind speed at hub height: logarithmic and Hellman profiles, and
// interpolation between measured heights (windpowerlib wind_speed.py and
// tools.py, which cite Gasch & Twele, "Wind Power Plants", 2nd ed., 2012,
// and Hau, "Wind Turbines", 2nd ed., 2006).
#include "shapan/gen/wind_profile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "shapan/core/assert.h"
#include "shapan/core/check.h"
#include "shapan/core/error.h"

namespace shapan::gen {

double log_wind_speed(double wind_speed_m_per_s, double data_height_m, double hub_height_m,
                      double roughness_length_m, double obstacle_height_m) {
  // Obstacles (forest, buildings) lift the effective ground to the
  // displacement height d = 0.7·obstacle (Gasch & Twele 2012, p. 129).
  const double displacement_m = 0.7 * obstacle_height_m;
  if (displacement_m >= data_height_m) {
    throw_input_error(
        "<parameters>", 0, 0, "obstacle_height_m",
        fmt::format("= {}: 0.7 x obstacle height ({} m) must be below the wind measurement "
                    "height {} m for the logarithmic profile",
                    format_number(obstacle_height_m), format_number(displacement_m),
                    format_number(data_height_m)));
  }
  SHAPAN_ASSERT(roughness_length_m > 0.0, "roughness length checked by WindParams");
  return wind_speed_m_per_s * std::log((hub_height_m - displacement_m) / roughness_length_m) /
         std::log((data_height_m - displacement_m) / roughness_length_m);
}

double hellman_wind_speed(double wind_speed_m_per_s, double data_height_m, double hub_height_m,
                          std::optional<double> exponent,
                          std::optional<double> roughness_length_m) {
  // α = 1/ln(h/z0) is the Hellman exponent that matches the log profile at
  // the hub (Hau 2006, p. 517); 1/7 is the textbook neutral-stability value.
  double alpha = 1.0 / 7.0;
  if (exponent) {
    alpha = *exponent;
  } else if (roughness_length_m) {
    alpha = 1.0 / std::log(hub_height_m / *roughness_length_m);
  }
  return wind_speed_m_per_s * std::pow(hub_height_m / data_height_m, alpha);
}

double interpolate_in_height(std::span<const double> heights_m, std::span<const double> values,
                             double target_height_m, HeightInterpolation method) {
  SHAPAN_ASSERT(heights_m.size() == values.size() && heights_m.size() >= 2,
                "interpolation needs two or more heights, one value each");
  // The two heights nearest the target; on a tie the lower index wins, as
  // windpowerlib's stable sort by distance does. Two scans pick what the
  // sort's first two places would hold, without sorting (or allocating) at
  // every step: the nearest, then the nearest of the others, each the first
  // one found at its distance.
  const auto distance = [&](std::size_t k) { return std::abs(heights_m[k] - target_height_m); };
  std::size_t i0 = 0;
  for (std::size_t k = 1; k < heights_m.size(); ++k) {
    if (distance(k) < distance(i0)) i0 = k;
  }
  std::size_t i1 = i0 == 0 ? 1 : 0;
  for (std::size_t k = i1 + 1; k < heights_m.size(); ++k) {
    if (k != i0 && distance(k) < distance(i1)) i1 = k;
  }
  SHAPAN_ASSERT(heights_m[i0] != heights_m[i1], "measurement heights must be distinct");
  auto x = [method](double h) { return method == HeightInterpolation::kLinear ? h : std::log(h); };
  const double x0 = x(heights_m[i0]);
  const double x1 = x(heights_m[i1]);
  return values[i0] + (values[i1] - values[i0]) * (x(target_height_m) - x0) / (x1 - x0);
}

}  // namespace shapan::gen
