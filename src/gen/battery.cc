#include "shapan/gen/battery.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "shapan/core/assert.h"

namespace shapan::gen {
namespace {

constexpr double kHoursPerDay = 24.0;

// Fraction of the stored energy left after self-discharge over dt:
// (1 − f)^(dt / 1 day), so that splitting a day into steps loses the same
// energy as one daily step.
double retention_frac(double self_discharge_frac_per_day, Duration dt) {
  return std::pow(1.0 - self_discharge_frac_per_day, dt.in_hours() / kHoursPerDay);
}

double after_leak_kwh(const BatteryParams& p, const BatteryState& s, Duration dt) {
  return s.stored_kwh * retention_frac(p.self_discharge_frac_per_day, dt);
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
              "= " + format_number(self_discharge_frac_per_day) + ": must be < 1");
  std::vector<FieldIssue> issues = c.issues();
  for (FieldIssue issue : cost.check()) {
    issue.field = "cost." + issue.field;
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

double Battery::soc_frac(const BatteryState& s) const { return s.stored_kwh / params_.energy_kwh; }

Power Battery::max_charge(const BatteryState& s, Duration dt) const {
  SHAPAN_ASSERT(dt.in_seconds() > 0, "battery step needs dt > 0");
  const double room_kwh = params_.soc_max_frac * params_.energy_kwh - after_leak_kwh(params_, s, dt);
  const double limit_kw = room_kwh / (params_.charge_efficiency_frac * dt.in_hours());
  return kw(std::clamp(limit_kw, 0.0, params_.max_charge_kw));
}

Power Battery::max_discharge(const BatteryState& s, Duration dt) const {
  SHAPAN_ASSERT(dt.in_seconds() > 0, "battery step needs dt > 0");
  const double above_min_kwh =
      after_leak_kwh(params_, s, dt) - params_.soc_min_frac * params_.energy_kwh;
  const double limit_kw = above_min_kwh * params_.discharge_efficiency_frac / dt.in_hours();
  return kw(std::clamp(limit_kw, 0.0, params_.max_discharge_kw));
}

BatteryStep Battery::step(const BatteryState& s, Power requested_discharge, Duration dt) const {
  SHAPAN_ASSERT(dt.in_seconds() > 0, "battery step needs dt > 0");
  SHAPAN_ASSERT(std::isfinite(requested_discharge.in_kw()), "battery request must be finite");
  const double hours = dt.in_hours();
  const double kept_kwh = after_leak_kwh(params_, s, dt);
  const double leak_kwh = s.stored_kwh - kept_kwh;
  const double max_kwh = params_.soc_max_frac * params_.energy_kwh;
  const double min_kwh = params_.soc_min_frac * params_.energy_kwh;

  BatteryStep out;
  double next_kwh = kept_kwh;
  double conversion_loss_kwh = 0.0;
  if (requested_discharge.in_kw() > 0.0) {
    const double p_kw = std::min(requested_discharge.in_kw(), max_discharge(s, dt).in_kw());
    const double drawn_kwh = p_kw * hours / params_.discharge_efficiency_frac;
    // When the SOC limit binds, drawn_kwh equals the room above the floor up to
    // rounding; holding the floor (and the ceiling below) keeps the window
    // exact at the cost of an energy-balance error of an ulp or so.
    if (p_kw > 0.0) next_kwh = std::max(kept_kwh - drawn_kwh, min_kwh);
    conversion_loss_kwh = drawn_kwh - p_kw * hours;
    out.discharge_ac = kw(p_kw);
  } else if (requested_discharge.in_kw() < 0.0) {
    const double p_kw = std::min(-requested_discharge.in_kw(), max_charge(s, dt).in_kw());
    const double stored_in_kwh = p_kw * hours * params_.charge_efficiency_frac;
    if (p_kw > 0.0) next_kwh = std::min(kept_kwh + stored_in_kwh, max_kwh);
    conversion_loss_kwh = p_kw * hours - stored_in_kwh;
    out.charge_ac = kw(p_kw);
  }
  out.next = BatteryState{.stored_kwh = next_kwh};
  out.loss = kwh(leak_kwh + conversion_loss_kwh);
  out.soc_frac = soc_frac(out.next);
  return out;
}

}  // namespace shapan::gen
