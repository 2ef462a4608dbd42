// A storage hydro plant: reservoir, turbine and spillway.
//
// Water balance over a step of length dt:
//   S' = S + (Q_in − Q_turbine − Q_spill)·dt
// Power: P = ρ·g·Q_turbine·H·η with H = forebay level(S) − tailwater level.
// The ecological minimum release is always let out (through the turbine when
// it can, so it generates); water above the maximum storage spills.
//
// Rules of one step (docs/models/hydro.md has the worked example):
// - Head: explicit scheme, H = level(S at the start of the step) − tailwater,
//   held over the step (clamped at 0). Shorter steps bring it closer to the
//   head at the mean storage; with hourly steps and reservoirs of 1 hm³ or
//   more the level hardly moves within a step.
// - Available water: A = max(S − S_dead, 0) + Q_in·dt. Nothing below dead
//   storage is released: at dead storage only the inflow passes through.
// - Turbine flow is limited by max_turbine_flow, by the flow that makes the
//   rated power at head H, and by A/dt.
// - Ecological release: min(Q_min·dt, A) always leaves. It goes through the
//   turbine up to the turbine's limit (so it generates, must-run); the part
//   the turbine cannot take goes through the bottom outlet and counts as spill.
// - Overflow: whatever would end the step above the maximum storage spills
//   (it is not turbined unless requested: ask for up to max_power to use it).
// - spill_flow = bypassed ecological release + overflow, both without power.
// Thread-safety: HydroPlant is immutable after construction.
#pragma once

#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/cost.h"
#include "shapan/core/time.h"
#include "shapan/core/units.h"

namespace shapan::gen {

// Physical constants of P = ρ·g·Q·H·η.
inline constexpr double kWaterDensityKgPerM3 = 1000.0;
inline constexpr double kStandardGravityMPerS2 = 9.80665;

struct HydroParams {
  std::string name;
  double rated_power_kw = 100000.0;          // generator limit, >= 0
  double max_turbine_flow_m3_per_s = 200.0;  // all units together, >= 0
  double min_release_m3_per_s = 0.0;         // ecological minimum, always released, >= 0
  double storage_min_hm3 = 0.0;              // dead storage: turbines stop here, >= 0
  double storage_max_hm3 = 100.0;            // above this the spillway runs, >= storage_min
  double storage_initial_hm3 = 50.0;         // within [storage_min, storage_max]
  // Forebay level vs storage (both strictly increasing, same length >= 2);
  // linear interpolation between points, clamped at the ends. The level at
  // dead storage must be above the tailwater (positive head).
  std::vector<double> level_table_storage_hm3 = {0.0, 100.0};
  std::vector<double> level_table_m = {2500.0, 2600.0};
  double tailwater_level_m = 2450.0;
  double turbine_efficiency_frac = 0.9;      // turbine x generator, in (0, 1]
  CostParams cost;

  std::vector<FieldIssue> check() const;
};

struct HydroState {
  double storage_m3 = 0.0;
  bool operator==(const HydroState&) const = default;
};

struct HydroStep {
  HydroState next;
  Power power;            // electrical output, >= 0, mean over the step
  Flow turbine_flow;      // >= 0, mean over the step
  Flow spill_flow;        // >= 0: bypassed ecological release + overflow
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
  // Requires (here and below): dt > 0, inflow >= 0 and finite.
  Power min_power(const HydroState& s, Flow inflow, Duration dt) const;
  // Most power the plant can give over the whole step.
  Power max_power(const HydroState& s, Flow inflow, Duration dt) const;
  // Generates as close to `requested` as the limits allow (never below
  // min_power), spilling what the reservoir cannot hold. A negative request
  // counts as 0 (no pumping). Requires: requested finite.
  HydroStep step(const HydroState& s, Flow inflow, Power requested, Duration dt) const;

 private:
  HydroParams params_;
};

}  // namespace shapan::gen
