// A storage hydro plant: reservoir, turbine and spillway.
//
// Water balance over a step of length dt:
//   S' = S + (Q_in − Q_turbine − Q_spill)·dt
// Power: P = ρ·g·Q_turbine·H·η with H = forebay level(S) − tailwater level.
// The ecological minimum release is always let out (through the turbine when
// it can, so it generates); water above the maximum storage spills.
#pragma once

#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/cost.h"
#include "shapan/core/time.h"
#include "shapan/core/units.h"

namespace shapan::gen {

struct HydroParams {
  std::string name;
  double rated_power_kw = 100000.0;          // generator limit
  double max_turbine_flow_m3_per_s = 200.0;  // all units together
  double min_release_m3_per_s = 0.0;         // ecological minimum, always released
  double storage_min_hm3 = 0.0;              // dead storage: turbines stop here
  double storage_max_hm3 = 100.0;            // above this the spillway runs
  double storage_initial_hm3 = 50.0;
  // Forebay level vs storage (both increasing, same length >= 2); linear
  // interpolation between points, clamped at the ends.
  std::vector<double> level_table_storage_hm3 = {0.0, 100.0};
  std::vector<double> level_table_m = {2500.0, 2600.0};
  double tailwater_level_m = 2450.0;
  double turbine_efficiency_frac = 0.9;      // turbine x generator
  CostParams cost;

  std::vector<FieldIssue> check() const;
};

struct HydroState {
  double storage_m3 = 0.0;
  bool operator==(const HydroState&) const = default;
};

struct HydroStep {
  HydroState next;
  Power power;            // electrical output, >= 0
  Flow turbine_flow;      // >= 0
  Flow spill_flow;        // >= 0
  double head_m = 0.0;    // used for this step
  double level_m = 0.0;   // forebay level at the end of the step
};

class HydroPlant {
 public:
  // Throws InputError when params.check() finds problems.
  explicit HydroPlant(HydroParams params);

  const HydroParams& params() const { return params_; }
  HydroState initial_state() const;
  double level_m(const HydroState& s) const;
  double head_m(const HydroState& s) const;

  // Power produced by the ecological minimum release alone (must-run).
  Power min_power(const HydroState& s, Flow inflow, Duration dt) const;
  // Most power the plant can give over the whole step.
  Power max_power(const HydroState& s, Flow inflow, Duration dt) const;
  // Generates as close to `requested` as the limits allow (never below
  // min_power), spilling what the reservoir cannot hold.
  HydroStep step(const HydroState& s, Flow inflow, Power requested, Duration dt) const;

 private:
  HydroParams params_;
};

}  // namespace shapan::gen
