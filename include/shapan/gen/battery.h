// A battery energy storage system seen from its AC terminals.
//
// State is the stored (DC) energy. Charging at AC power P for dt stores
// P·dt·η_charge; discharging at AC power P for dt draws P·dt/η_discharge from
// store. Self-discharge removes a fixed fraction of the stored energy per day.
//
// Order within a step of length dt (docs/models/battery.md):
//   1. self-discharge: stored decays to s·(1 − f)^(dt / 1 day), f =
//      self_discharge_frac_per_day; the difference is counted as loss;
//   2. the AC request is clamped so that the decayed energy plus what is
//      charged (or minus what is discharged) stays inside the SOC window;
//   3. conversion loss: P·dt·(1 − η_charge) when charging,
//      P·dt·(1/η_discharge − 1) when discharging.
// Dispatch never takes the SOC outside [soc_min_frac, soc_max_frac]. Only
// self-discharge can: a battery left idle at soc_min drifts slowly below it
// (it leaks whatever the dispatch does); it never rises above soc_max.
// Thread-safety: Battery is immutable after construction.
#pragma once

#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/cost.h"
#include "shapan/core/time.h"
#include "shapan/core/units.h"

namespace shapan::gen {

struct BatteryParams {
  std::string name;
  double energy_kwh = 1000.0;              // usable nameplate capacity (100 % SOC), > 0
  double max_charge_kw = 500.0;            // AC limit while charging
  double max_discharge_kw = 500.0;         // AC limit while discharging
  double soc_min_frac = 0.1;               // never discharged below this
  double soc_max_frac = 0.95;              // never charged above this
  double soc_initial_frac = 0.5;           // at the start of the run
  double charge_efficiency_frac = 0.95;    // AC in -> stored
  double discharge_efficiency_frac = 0.95; // stored -> AC out
  double self_discharge_frac_per_day = 0.0;  // in [0, 1); Li-ion ~0.0003–0.001
  CostParams cost;                         // capex_cny_per_kwh and per kW

  std::vector<FieldIssue> check() const;
};

struct BatteryState {
  double stored_kwh = 0.0;
  bool operator==(const BatteryState&) const = default;
};

struct BatteryStep {
  BatteryState next;
  Power charge_ac;        // >= 0, AC power taken in this step
  Power discharge_ac;     // >= 0, AC power given out this step
  Energy loss;            // conversion and self-discharge losses this step, >= 0
  double soc_frac = 0.0;  // at the end of the step
};

class Battery {
 public:
  // Throws InputError when params.check() finds problems.
  explicit Battery(BatteryParams params);

  const BatteryParams& params() const { return params_; }
  BatteryState initial_state() const;
  double soc_frac(const BatteryState& s) const;

  // Largest AC power that can be taken in / given out for the whole step:
  // the power limit, or the power that brings the (self-discharged) store
  // exactly to soc_max / soc_min at the end of the step, whichever is lower.
  // A request of exactly this power is feasible. Never negative.
  // Requires: dt > 0.
  Power max_charge(const BatteryState& s, Duration dt) const;
  Power max_discharge(const BatteryState& s, Duration dt) const;

  // Applies an AC power request, positive = discharging, negative = charging,
  // clamped to the limits above. Energy balance (tested): charge·dt − discharge·dt
  // = stored change + loss. Requires: dt > 0, requested_discharge finite.
  BatteryStep step(const BatteryState& s, Power requested_discharge, Duration dt) const;

 private:
  BatteryParams params_;
};

}  // namespace shapan::gen
