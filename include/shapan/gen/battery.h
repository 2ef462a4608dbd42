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
// Capacity fade: the state carries health_frac, the remaining capacity as a
// fraction of energy_kwh; the SOC window and SOC are relative to the current
// capacity energy_kwh·health_frac. The battery does not age itself:
// BatteryAgeing (degradation.h) tracks the damage and the simulator sets
// health_frac (docs/models/battery.md, "Ageing").
// Efficiency curves: when a curve is given, η depends on the AC power as a
// fraction of the converter limit (linear interpolation, clamped at the
// ends); the constant efficiency is then unused.
// Dispatch never takes the SOC outside [soc_min_frac, soc_max_frac]. Only
// self-discharge can: a battery left idle at soc_min drifts slowly below it
// (it leaks whatever the dispatch does); it never rises above soc_max.
// Thread-safety: Battery is immutable after construction.
#pragma once

#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/time.h"
#include "shapan/core/units.h"
#include "shapan/gen/degradation.h"

namespace shapan::gen {

// What happens when a battery reaches its end of life (docs/models/battery.md):
//   kReplace: all modules are replaced by new ones; costs
//     capex_per_kwh (metrics::CostBook) per kWh of nameplate;
//   kAugment: new modules are added so that the capacity is back at nameplate;
//     the old modules stay and keep fading, the new ones age from new (a
//     separate tranche, BatteryAgeing::augment); costs capex_per_kwh
//     per kWh added. Repeats whenever the capacity falls to the threshold again;
//   kNone: the battery keeps fading.
enum class EndOfLifeAction { kReplace, kAugment, kNone };

struct BatteryParams {
  std::string name;
  double energy_kwh = 1000.0;                // usable nameplate capacity (100 % SOC), > 0
  double max_charge_kw = 500.0;              // AC limit while charging
  double max_discharge_kw = 500.0;           // AC limit while discharging
  double soc_min_frac = 0.1;                 // never discharged below this
  double soc_max_frac = 0.95;                // never charged above this
  double soc_initial_frac = 0.5;             // at the start of the run
  double charge_efficiency_frac = 0.95;      // AC in -> stored
  double discharge_efficiency_frac = 0.95;   // stored -> AC out
  double self_discharge_frac_per_day = 0.0;  // in [0, 1); Li-ion ~0.0003–0.001
  // Efficiency vs AC power (fraction of max_charge_kw / max_discharge_kw):
  // both vectors empty (default: the constant above) or the same length >= 2,
  // power fractions strictly increasing in [0, 1], efficiencies in (0, 1].
  // Required so that limits can be solved for: the stored energy P·η(P) of
  // charging and the drawn energy P/η(P) of discharging rise with P.
  std::vector<double> charge_curve_power_frac;
  std::vector<double> charge_curve_efficiency_frac;
  std::vector<double> discharge_curve_power_frac;
  std::vector<double> discharge_curve_efficiency_frac;
  // Auxiliary load (HVAC, BMS, standby of the converters), kW AC >= 0, drawn
  // from the site's bus at every step whatever the battery does. NREL's ATB
  // 85 % round trip includes it; separate it out when known.
  double aux_load_kw = 0.0;
  std::string chemistry = "lfp";  // label for reports (lfp, nmc, lmo, ...)
  DegradationParams degradation;  // off by default: no fade
  // Cell temperature for ageing: fixed (an air-conditioned container) when
  // cell_temp_follows_ambient is false, else ambient + cell_temp_offset_c.
  double cell_temp_c = 25.0;
  bool cell_temp_follows_ambient = false;
  double cell_temp_offset_c = 0.0;
  // End of life: when the remaining capacity falls to this fraction of
  // nameplate, end_of_life_action applies. In (0, 1); 0.8 is the usual
  // definition.
  double end_of_life_capacity_frac = 0.8;
  EndOfLifeAction end_of_life_action = EndOfLifeAction::kReplace;

  std::vector<FieldIssue> check() const;
};

struct BatteryState {
  double stored_kwh = 0.0;
  double health_frac = 1.0;  // remaining capacity / energy_kwh, in (0, 1]
  bool operator==(const BatteryState&) const = default;
};

// A state's charge and discharge limits over one step (Battery::limits).
struct BatteryLimits {
  Power max_charge;
  Power max_discharge;
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
  // SOC relative to the current (faded) capacity.
  double soc_frac(const BatteryState& s) const { return s.stored_kwh / capacity_kwh(s); }
  double capacity_kwh(const BatteryState& s) const { return params_.energy_kwh * s.health_frac; }
  // Charge / discharge efficiency at AC power p (curve or constant).
  double charge_efficiency(Power p) const;
  double discharge_efficiency(Power p) const;

  // Largest AC power that can be taken in / given out for the whole step:
  // the power limit, or the power that brings the (self-discharged) store
  // exactly to soc_max / soc_min at the end of the step, whichever is lower.
  // A request of exactly this power is feasible. Never negative.
  // Requires: dt > 0.
  Power max_charge(const BatteryState& s, Duration dt) const;
  Power max_discharge(const BatteryState& s, Duration dt) const;
  // Both at once (the self-discharge and the capacity worked out once);
  // max_charge and max_discharge are its two halves.
  BatteryLimits limits(const BatteryState& s, Duration dt) const;

  // Applies an AC power request, positive = discharging, negative = charging,
  // clamped to the limits above. Energy balance (tested): charge·dt − discharge·dt
  // = stored change + loss. Requires: dt > 0, requested_discharge finite.
  BatteryStep step(const BatteryState& s, Power requested_discharge, Duration dt) const;
  // The same, clamped to `limits`, which must be limits(s, dt) (a caller
  // that offered them already need not have them worked out again).
  BatteryStep step(const BatteryState& s, Power requested_discharge, Duration dt,
                   const BatteryLimits& limits) const;

 private:
  // Share of the stored energy left after self-discharge over dt. Memoised for
  // the last dt (a run asks for the same step several times a step), which
  // makes the const methods unsafe to call from several threads at once.
  double retention_frac(Duration dt) const;
  // The limits from the energy the step leaves room for: `room_kwh` below
  // the SOC ceiling, `above_min_kwh` above the floor (after self-discharge).
  double charge_limit_kw(double room_kwh, double hours) const;
  double discharge_limit_kw(double above_min_kwh, double hours) const;
  // The same with efficiency curves, by bisection (kept apart so that the
  // constant efficiencies' limits inline into their callers).
  double charge_limit_on_curve_kw(double room_kwh, double hours) const;
  double discharge_limit_on_curve_kw(double above_min_kwh, double hours) const;

  BatteryParams params_;
  mutable Duration retention_dt_ = Duration::seconds(0);
  mutable double retention_frac_ = 1.0;
};

}  // namespace shapan::gen
