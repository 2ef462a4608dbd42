#include "shapan/gen/battery.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

#include "shapan/core/assert.h"
#include "table_lookup.h"

namespace shapan::gen {
namespace {

using detail::interpolate_clamped;

constexpr double kHoursPerDay = 24.0;

double curve_efficiency(const std::vector<double>& power_frac,
                        const std::vector<double>& efficiency, double constant, double p_kw,
                        double limit_kw) {
  if (power_frac.empty() || limit_kw <= 0.0) return constant;
  return interpolate_clamped(power_frac, efficiency, p_kw / limit_kw);
}

// Largest p in [0, hi] with f(p) <= target, for f increasing with f(0) = 0
// (bisection; 60 halvings take any bracket below 1e-15 of its width).
template <class F>
double solve_increasing(F f, double hi, double target) {
  double lo = 0.0;
  for (int k = 0; k < 60; ++k) {
    const double mid = 0.5 * (lo + hi);
    (f(mid) <= target ? lo : hi) = mid;
  }
  return lo;
}

// A curve: both empty, or same length >= 2, x strictly increasing in [0, 1],
// y in (0, 1], and x·y (charging) or x/y (discharging) increasing.
void check_curve(FieldChecker& c, const std::string& what, const std::vector<double>& x,
                 const std::vector<double>& y, bool charging) {
  const std::string xf = what + "_curve_power_frac";
  const std::string yf = what + "_curve_efficiency_frac";
  if (x.empty() && y.empty()) return;
  const std::size_t issues_before = c.issues().size();
  c.expect(x.size() >= 2 && x.size() == y.size(), yf,
           fmt::format("has {} values and {} has {}: both must have the same length, at least 2",
                       y.size(), xf, x.size()));
  for (std::size_t i = 0; i < x.size(); ++i) {
    c.in_range(fmt::format("{}.{}", xf, i), x[i], 0.0, 1.0);
    if (i > 0 && !(x[i] > x[i - 1])) {
      c.expect(false, fmt::format("{}.{}", xf, i),
               fmt::format("= {}: must be > the previous value ({})", format_number(x[i]),
                           format_number(x[i - 1])));
    }
  }
  for (std::size_t i = 0; i < y.size(); ++i) {
    c.above(fmt::format("{}.{}", yf, i), y[i], 0.0).at_most(fmt::format("{}.{}", yf, i), y[i], 1.0);
  }
  if (c.issues().size() != issues_before) return;
  // Per segment, y = a + b·x. Charging: d(x·y)/dx = a + 2bx >= 0; discharging:
  // d(x/y)/dx = a / y² >= 0, i.e. a >= 0. Both are linear in x, so checking
  // the segment's ends suffices.
  for (std::size_t i = 1; i < x.size(); ++i) {
    const double b = (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
    const double a = y[i - 1] - b * x[i - 1];
    const bool ok = charging ? (a + 2 * b * x[i - 1] >= 0.0 && a + 2 * b * x[i] >= 0.0) : a >= 0.0;
    c.expect(ok, fmt::format("{}.{}", yf, i),
             fmt::format("= {}: efficiency {} too steeply with power: the energy {} must rise "
                         "with power",
                         format_number(y[i]), charging ? "falls" : "rises",
                         charging ? "stored" : "drawn"));
  }
}

}  // namespace

std::vector<FieldIssue> BatteryParams::check() const {
  FieldChecker c;
  c.above("energy_kwh", energy_kwh, 0.0)
      .at_least("max_charge_kw", max_charge_kw, 0.0)
      .at_least("max_discharge_kw", max_discharge_kw, 0.0)
      .in_range("soc_min_frac", soc_min_frac, 0.0, 1.0)
      .in_range("soc_max_frac", soc_max_frac, 0.0, 1.0)
      .expect(!(soc_min_frac > soc_max_frac), "soc_min_frac",
              "= " + format_number(soc_min_frac) + ": must be <= soc_max_frac (" +
                  format_number(soc_max_frac) + ")")
      .expect(std::isfinite(soc_initial_frac) && soc_initial_frac >= soc_min_frac &&
                  soc_initial_frac <= soc_max_frac,
              "soc_initial_frac",
              "= " + format_number(soc_initial_frac) + ": must be between soc_min_frac (" +
                  format_number(soc_min_frac) + ") and soc_max_frac (" +
                  format_number(soc_max_frac) + ")")
      .above("charge_efficiency_frac", charge_efficiency_frac, 0.0)
      .at_most("charge_efficiency_frac", charge_efficiency_frac, 1.0)
      .above("discharge_efficiency_frac", discharge_efficiency_frac, 0.0)
      .at_most("discharge_efficiency_frac", discharge_efficiency_frac, 1.0)
      .at_least("self_discharge_frac_per_day", self_discharge_frac_per_day, 0.0)
      .expect(!(self_discharge_frac_per_day >= 1.0), "self_discharge_frac_per_day",
              "= " + format_number(self_discharge_frac_per_day) + ": must be < 1")
      .at_least("aux_load_kw", aux_load_kw, 0.0)
      .in_range("cell_temp_c", cell_temp_c, -40.0, 80.0)
      .in_range("cell_temp_offset_c", cell_temp_offset_c, -50.0, 50.0)
      .above("end_of_life_capacity_frac", end_of_life_capacity_frac, 0.0)
      .expect(!(end_of_life_capacity_frac >= 1.0), "end_of_life_capacity_frac",
              "= " + format_number(end_of_life_capacity_frac) + ": must be < 1");
  check_curve(c, "charge", charge_curve_power_frac, charge_curve_efficiency_frac, true);
  check_curve(c, "discharge", discharge_curve_power_frac, discharge_curve_efficiency_frac, false);
  std::vector<FieldIssue> issues = c.issues();
  for (FieldIssue issue : degradation.check()) {
    issue.field = "degradation_" + issue.field;
    issues.push_back(std::move(issue));
  }
  return issues;
}

Battery::Battery(BatteryParams params) : params_(std::move(params)) {
  require_valid("battery", params_.check());
}

BatteryState Battery::initial_state() const {
  return BatteryState{.stored_kwh = params_.soc_initial_frac * params_.energy_kwh};
}

double Battery::charge_efficiency(Power p) const {
  return curve_efficiency(params_.charge_curve_power_frac, params_.charge_curve_efficiency_frac,
                          params_.charge_efficiency_frac, p.in_kw(), params_.max_charge_kw);
}

double Battery::discharge_efficiency(Power p) const {
  return curve_efficiency(params_.discharge_curve_power_frac,
                          params_.discharge_curve_efficiency_frac,
                          params_.discharge_efficiency_frac, p.in_kw(), params_.max_discharge_kw);
}

// Self-discharge f per day leaves (1 − f)^(dt / 1 day) of the store, so that
// splitting a day into steps loses the same energy as one daily step.
double Battery::retention_frac(Duration dt) const {
  if (dt != retention_dt_) {
    retention_frac_ =
        std::pow(1.0 - params_.self_discharge_frac_per_day, dt.in_hours() / kHoursPerDay);
    retention_dt_ = dt;
  }
  return retention_frac_;
}

Power Battery::max_charge(const BatteryState& s, Duration dt) const {
  return limits(s, dt).max_charge;
}

Power Battery::max_discharge(const BatteryState& s, Duration dt) const {
  return limits(s, dt).max_discharge;
}

BatteryLimits Battery::limits(const BatteryState& s, Duration dt) const {
  SHAPAN_ASSERT(dt.in_seconds() > 0, "battery step needs dt > 0");
  const double hours = dt.in_hours();
  const double kept_kwh = s.stored_kwh * retention_frac(dt);
  const double capacity = capacity_kwh(s);
  return BatteryLimits{
      .max_charge = kw(charge_limit_kw(params_.soc_max_frac * capacity - kept_kwh, hours)),
      .max_discharge = kw(discharge_limit_kw(kept_kwh - params_.soc_min_frac * capacity, hours))};
}

double Battery::charge_limit_kw(double room_kwh, double hours) const {
  if (!(room_kwh > 0.0)) return 0.0;
  if (!params_.charge_curve_power_frac.empty()) return charge_limit_on_curve_kw(room_kwh, hours);
  return std::clamp(room_kwh / (params_.charge_efficiency_frac * hours), 0.0,
                    params_.max_charge_kw);
}

double Battery::discharge_limit_kw(double above_min_kwh, double hours) const {
  if (!(above_min_kwh > 0.0)) return 0.0;
  if (!params_.discharge_curve_power_frac.empty()) {
    return discharge_limit_on_curve_kw(above_min_kwh, hours);
  }
  return std::clamp(above_min_kwh * params_.discharge_efficiency_frac / hours, 0.0,
                    params_.max_discharge_kw);
}

double Battery::charge_limit_on_curve_kw(double room_kwh, double hours) const {
  const double cap_kw = params_.max_charge_kw;
  const auto stored_kwh = [&](double p_kw) { return p_kw * hours * charge_efficiency(kw(p_kw)); };
  if (stored_kwh(cap_kw) <= room_kwh) return cap_kw;
  return solve_increasing(stored_kwh, cap_kw, room_kwh);
}

double Battery::discharge_limit_on_curve_kw(double above_min_kwh, double hours) const {
  const double cap_kw = params_.max_discharge_kw;
  const auto drawn_kwh = [&](double p_kw) { return p_kw * hours / discharge_efficiency(kw(p_kw)); };
  if (drawn_kwh(cap_kw) <= above_min_kwh) return cap_kw;
  return solve_increasing(drawn_kwh, cap_kw, above_min_kwh);
}

BatteryStep Battery::step(const BatteryState& s, Power requested_discharge, Duration dt) const {
  return step(s, requested_discharge, dt, limits(s, dt));
}

BatteryStep Battery::step(const BatteryState& s, Power requested_discharge, Duration dt,
                          const BatteryLimits& limits) const {
  SHAPAN_ASSERT(dt.in_seconds() > 0, "battery step needs dt > 0");
  SHAPAN_ASSERT(std::isfinite(requested_discharge.in_kw()), "battery request must be finite");
  const double hours = dt.in_hours();
  const double kept_kwh = s.stored_kwh * retention_frac(dt);
  const double leak_kwh = s.stored_kwh - kept_kwh;
  const double max_kwh = params_.soc_max_frac * capacity_kwh(s);
  const double min_kwh = params_.soc_min_frac * capacity_kwh(s);

  BatteryStep out;
  double next_kwh = kept_kwh;
  double conversion_loss_kwh = 0.0;
  if (requested_discharge.in_kw() > 0.0) {
    const double p_kw = std::min(requested_discharge.in_kw(), limits.max_discharge.in_kw());
    const double drawn_kwh = p_kw * hours / discharge_efficiency(kw(p_kw));
    // When the SOC limit binds, drawn_kwh equals the room above the floor up to
    // rounding; holding the floor (and the ceiling below) keeps the window
    // exact at the cost of an energy-balance error of an ulp or so.
    if (p_kw > 0.0) next_kwh = std::max(kept_kwh - drawn_kwh, min_kwh);
    conversion_loss_kwh = drawn_kwh - p_kw * hours;
    out.discharge_ac = kw(p_kw);
  } else if (requested_discharge.in_kw() < 0.0) {
    const double p_kw = std::min(-requested_discharge.in_kw(), limits.max_charge.in_kw());
    const double stored_in_kwh = p_kw * hours * charge_efficiency(kw(p_kw));
    if (p_kw > 0.0) next_kwh = std::min(kept_kwh + stored_in_kwh, max_kwh);
    conversion_loss_kwh = p_kw * hours - stored_in_kwh;
    out.charge_ac = kw(p_kw);
  }
  out.next = BatteryState{.stored_kwh = next_kwh, .health_frac = s.health_frac};
  out.loss = kwh(leak_kwh + conversion_loss_kwh);
  out.soc_frac = soc_frac(out.next);
  return out;
}

}  // namespace shapan::gen
