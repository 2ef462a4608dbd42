#include "shapan/gen/hydro.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

#include <fmt/format.h>

#include "shapan/core/assert.h"

namespace shapan::gen {
namespace {

constexpr double kM3PerHm3 = 1e6;
constexpr double kWattsPerKw = 1000.0;

// Linear interpolation of ys over increasing xs, clamped at both ends.
double interpolate_clamped(const std::vector<double>& xs, const std::vector<double>& ys,
                           double x) {
  if (x <= xs.front()) return ys.front();
  if (x >= xs.back()) return ys.back();
  const auto upper = std::upper_bound(xs.begin(), xs.end(), x);
  const std::size_t i = static_cast<std::size_t>(upper - xs.begin());
  const double w = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
  return ys[i - 1] + w * (ys[i] - ys[i - 1]);
}

void check_increasing(FieldChecker& c, const std::string& field, const std::vector<double>& v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    c.expect(std::isfinite(v[i]), fmt::format("{}.{}", field, i),
             fmt::format("= {}: must be a finite number", format_number(v[i])));
    if (i > 0) {
      c.expect(!(v[i] <= v[i - 1]), fmt::format("{}.{}", field, i),
               fmt::format("= {}: must be > the previous value ({})", format_number(v[i]),
                           format_number(v[i - 1])));
    }
  }
}

// What one step from storage S with inflow Q_in over dt allows, in volumes.
struct StepLimits {
  double kw_per_m3_per_s = 0.0;   // ρ·g·H·η / 1000 at the start-of-step head
  double available_m3 = 0.0;      // water that may leave: max(S − S_dead, 0) + Q_in·dt
  double turbine_max_m3 = 0.0;    // most the turbine can pass (flow, rating, water)
  double must_release_m3 = 0.0;   // ecological release, limited by the water available
};

StepLimits step_limits(const HydroParams& p, double storage_m3, double head_m, Flow inflow,
                       Duration dt) {
  SHAPAN_ASSERT(dt.in_seconds() > 0, "hydro step needs dt > 0");
  SHAPAN_ASSERT(std::isfinite(inflow.in_m3_per_s()) && inflow.in_m3_per_s() >= 0.0,
                "hydro inflow must be finite and >= 0");
  const double seconds = static_cast<double>(dt.in_seconds());
  StepLimits l;
  l.kw_per_m3_per_s = kWaterDensityKgPerM3 * kStandardGravityMPerS2 * head_m *
                      p.turbine_efficiency_frac / kWattsPerKw;
  l.available_m3 =
      std::max(storage_m3 - p.storage_min_hm3 * kM3PerHm3, 0.0) + inflow.in_m3_per_s() * seconds;
  // Without head the turbine cannot generate; the release then bypasses it.
  double turbine_flow_m3_per_s = 0.0;
  if (l.kw_per_m3_per_s > 0.0) {
    turbine_flow_m3_per_s =
        std::min(p.max_turbine_flow_m3_per_s, p.rated_power_kw / l.kw_per_m3_per_s);
  }
  l.turbine_max_m3 = std::min(turbine_flow_m3_per_s * seconds, l.available_m3);
  l.must_release_m3 = std::min(p.min_release_m3_per_s * seconds, l.available_m3);
  return l;
}

// Mean electrical power of passing `turbine_m3` over dt, capped at the rating
// (the cap only removes rounding at the rated flow).
Power turbine_power(const HydroParams& p, const StepLimits& l, double turbine_m3, Duration dt) {
  const double flow_m3_per_s = turbine_m3 / static_cast<double>(dt.in_seconds());
  return kw(std::min(l.kw_per_m3_per_s * flow_m3_per_s, p.rated_power_kw));
}

}  // namespace

std::vector<FieldIssue> HydroParams::check() const {
  FieldChecker c;
  c.at_least("rated_power_kw", rated_power_kw, 0.0)
      .at_least("max_turbine_flow_m3_per_s", max_turbine_flow_m3_per_s, 0.0)
      .at_least("min_release_m3_per_s", min_release_m3_per_s, 0.0)
      .at_least("storage_min_hm3", storage_min_hm3, 0.0)
      .at_least("storage_max_hm3", storage_max_hm3, 0.0)
      .expect(!(storage_min_hm3 > storage_max_hm3), "storage_min_hm3",
              fmt::format("= {}: must be <= storage_max_hm3 ({})", format_number(storage_min_hm3),
                          format_number(storage_max_hm3)))
      .expect(std::isfinite(storage_initial_hm3) && storage_initial_hm3 >= storage_min_hm3 &&
                  storage_initial_hm3 <= storage_max_hm3,
              "storage_initial_hm3",
              fmt::format("= {}: must be between storage_min_hm3 ({}) and storage_max_hm3 ({})",
                          format_number(storage_initial_hm3), format_number(storage_min_hm3),
                          format_number(storage_max_hm3)))
      .above("turbine_efficiency_frac", turbine_efficiency_frac, 0.0)
      .at_most("turbine_efficiency_frac", turbine_efficiency_frac, 1.0)
      .expect(std::isfinite(tailwater_level_m), "tailwater_level_m",
              fmt::format("= {}: must be a finite number", format_number(tailwater_level_m)));
  const std::size_t issues_before_table = c.issues().size();
  const std::size_t n = level_table_storage_hm3.size();
  const bool sizes_ok = n >= 2 && level_table_m.size() == n;
  c.expect(sizes_ok, "level_table_m",
           fmt::format("has {} values and level_table_storage_hm3 has {}: both must have the "
                       "same length, at least 2",
                       level_table_m.size(), n));
  check_increasing(c, "level_table_storage_hm3", level_table_storage_hm3);
  check_increasing(c, "level_table_m", level_table_m);
  const bool table_ok = c.issues().size() == issues_before_table;
  if (table_ok && std::isfinite(tailwater_level_m) && std::isfinite(storage_min_hm3)) {
    const double dead_level_m =
        interpolate_clamped(level_table_storage_hm3, level_table_m, storage_min_hm3);
    c.expect(tailwater_level_m < dead_level_m, "tailwater_level_m",
             fmt::format("= {}: must be below the forebay level at dead storage ({} m)",
                         format_number(tailwater_level_m), format_number(dead_level_m)));
  }
  std::vector<FieldIssue> issues = c.issues();
  for (FieldIssue issue : cost.check()) {
    issue.field = "cost." + issue.field;
    issues.push_back(std::move(issue));
  }
  return issues;
}

HydroPlant::HydroPlant(HydroParams params) : params_(std::move(params)) {
  require_valid("hydro", params_.check());
}

HydroState HydroPlant::initial_state() const {
  return HydroState{.storage_m3 = params_.storage_initial_hm3 * kM3PerHm3};
}

double HydroPlant::level_m(const HydroState& s) const {
  return interpolate_clamped(params_.level_table_storage_hm3, params_.level_table_m,
                             s.storage_m3 / kM3PerHm3);
}

double HydroPlant::head_m(const HydroState& s) const {
  return std::max(level_m(s) - params_.tailwater_level_m, 0.0);
}

Power HydroPlant::min_power(const HydroState& s, Flow inflow, Duration dt) const {
  const StepLimits l = step_limits(params_, s.storage_m3, head_m(s), inflow, dt);
  return turbine_power(params_, l, std::min(l.must_release_m3, l.turbine_max_m3), dt);
}

Power HydroPlant::max_power(const HydroState& s, Flow inflow, Duration dt) const {
  const StepLimits l = step_limits(params_, s.storage_m3, head_m(s), inflow, dt);
  return turbine_power(params_, l, l.turbine_max_m3, dt);
}

HydroStep HydroPlant::step(const HydroState& s, Flow inflow, Power requested, Duration dt) const {
  SHAPAN_ASSERT(std::isfinite(requested.in_kw()), "hydro request must be finite");
  const double head = head_m(s);
  const StepLimits l = step_limits(params_, s.storage_m3, head, inflow, dt);
  const double seconds = static_cast<double>(dt.in_seconds());

  // Turbine volume: the request, raised to the must-run release and capped by
  // the turbine (the request is converted at the start-of-step head).
  double requested_m3 = 0.0;
  if (requested.in_kw() > 0.0 && l.kw_per_m3_per_s > 0.0) {
    requested_m3 = requested.in_kw() / l.kw_per_m3_per_s * seconds;
  }
  const double turbine_m3 = std::clamp(
      requested_m3, std::min(l.must_release_m3, l.turbine_max_m3), l.turbine_max_m3);
  // The ecological release the turbine could not take leaves through the
  // bottom outlet.
  const double bypass_m3 = std::max(l.must_release_m3 - turbine_m3, 0.0);

  const double max_m3 = params_.storage_max_hm3 * kM3PerHm3;
  double next_m3 = s.storage_m3 + inflow.in_m3_per_s() * seconds - turbine_m3 - bypass_m3;
  double overflow_m3 = 0.0;
  if (next_m3 > max_m3) {
    overflow_m3 = next_m3 - max_m3;
    next_m3 = max_m3;
  }

  HydroStep out;
  out.next = HydroState{.storage_m3 = next_m3};
  out.power = turbine_power(params_, l, turbine_m3, dt);
  out.turbine_flow = m3_per_s(turbine_m3 / seconds);
  out.spill_flow = m3_per_s((bypass_m3 + overflow_m3) / seconds);
  out.head_m = head;
  out.level_m = level_m(out.next);
  return out;
}

}  // namespace shapan::gen
