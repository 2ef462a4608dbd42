#include "shapan/gen/wind_farm_efficiency.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace shapan::gen {

std::vector<FieldIssue> EfficiencyCurve::check(const std::string& prefix) const {
  FieldChecker c;
  const std::string speed_field = prefix + "_wind_speed_m_per_s";
  const std::string eff_field = prefix + "_frac";
  if (wind_speed_m_per_s.size() != efficiency_frac.size()) {
    c.expect(false, prefix,
             "has " + std::to_string(wind_speed_m_per_s.size()) + " wind speeds and " +
                 std::to_string(efficiency_frac.size()) +
                 " efficiencies: give one of each per point");
  } else if (wind_speed_m_per_s.size() < 2) {
    c.expect(false, prefix,
             "needs at least 2 points: give " + speed_field + " and " + eff_field +
                 " (wind speeds and efficiencies)");
  }
  for (std::size_t i = 0; i < wind_speed_m_per_s.size(); ++i) {
    const double v = wind_speed_m_per_s[i];
    const std::string field = speed_field + "." + std::to_string(i);
    c.expect(std::isfinite(v) && v >= 0.0, field, "= " + format_number(v) + ": must be >= 0");
    if (i > 0 && std::isfinite(v)) {
      c.expect(v >= wind_speed_m_per_s[i - 1], field,
               "= " + format_number(v) + ": wind speeds must not decrease (previous " +
                   format_number(wind_speed_m_per_s[i - 1]) + ")");
    }
  }
  for (std::size_t i = 0; i < efficiency_frac.size(); ++i) {
    const double e = efficiency_frac[i];
    c.expect(std::isfinite(e) && e >= 0.0 && e <= 1.0, eff_field + "." + std::to_string(i),
             "= " + format_number(e) + ": must be between 0 and 1");
  }
  return c.issues();
}

double efficiency_at(const EfficiencyCurve& curve, double wind_speed_m_per_s) {
  const double v = wind_speed_m_per_s;
  if (std::isnan(v)) return std::numeric_limits<double>::quiet_NaN();
  const auto& xs = curve.wind_speed_m_per_s;
  const auto& ys = curve.efficiency_frac;
  // numpy.interp: the end values outside the table.
  if (v <= xs.front()) return ys.front();
  if (v >= xs.back()) return ys.back();
  // First point strictly above v; its predecessor is <= v. With repeated
  // speeds (dena repeats 9.5328) this picks the last of the repeats, and the
  // segment has a positive width.
  const auto hi = static_cast<std::size_t>(std::upper_bound(xs.begin(), xs.end(), v) - xs.begin());
  const std::size_t lo = hi - 1;
  return ys[lo] + (ys[hi] - ys[lo]) * (v - xs[lo]) / (xs[hi] - xs[lo]);
}

double reduced_wind_speed_m_per_s(const EfficiencyCurve& curve, double wind_speed_m_per_s) {
  return wind_speed_m_per_s * efficiency_at(curve, wind_speed_m_per_s);
}

}  // namespace shapan::gen
