// A storage hydro plant: reservoir, turbine units and spillway.
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
// Engineering options (docs/models/hydro.md; each off by default, so that the
// defaults give the rules above exactly):
// - Tailwater vs release: a table of tailwater level against the total
//   release of the step (turbine + spill); H = forebay(S) − tailwater(Q).
// - Efficiency vs head and flow: a hill-chart table η(H, q) over net head
//   and flow per unit, bilinear, clamped at the edges.
// - Units: unit_count identical units share the turbine flow; each runs
//   between unit_min_flow and max_turbine_flow / unit_count. The number of
//   units running is the one with the best efficiency for the flow. A
//   turbine flow above 0 and below one unit's minimum is not run: the
//   ecological release then goes through the bottom outlet.
// - Ramp: the turbine flow changes by at most ramp_m3_per_s_per_h per hour
//   between steps (down-ramps yield to the water available).
// - Evaporation: depth per day over the surface area (a table vs storage),
//   taken first in each step.
// - share_frac: the base receives this fraction of the plant's output (a
//   direct-supply share). Water quantities are the whole plant's; powers
//   (requests, min/max, output) are the base's share. line_limit_kw caps the
//   power delivered to the base (the direct-supply line).
// Thread-safety: NOT thread-safe, not even its const members. The parameters
// are fixed at construction, but the plant remembers the limits of the last
// (state, inflow, dt) it was asked about: the simulation asks min_power,
// max_power and step the same question within one step, and working the
// limits out is most of the cost of each call. Give each thread (each
// simulation run) its own HydroPlant; copies are independent.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "shapan/core/check.h"
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
  double turbine_efficiency_frac = 0.9;  // turbine x generator, in (0, 1]
  // Tailwater level (m) vs total release (m³/s): both empty (the constant
  // tailwater_level_m) or the same length >= 2, releases strictly increasing
  // from >= 0, levels non-decreasing.
  std::vector<double> tailwater_table_release_m3_per_s;
  std::vector<double> tailwater_table_m;
  // Hill chart: efficiency (row-major, one row per head) at the net heads
  // (m, strictly increasing) and flows per unit (m³/s, strictly increasing);
  // all empty = the constant turbine_efficiency_frac. Values in (0, 1].
  std::vector<double> efficiency_table_head_m;
  std::vector<double> efficiency_table_unit_flow_m3_per_s;
  std::vector<double> efficiency_table_frac;
  int unit_count = 1;                   // >= 1
  double unit_min_flow_m3_per_s = 0.0;  // per unit, <= max_turbine_flow / unit_count
  // Largest change of turbine flow per hour, > 0; infinity = no limit.
  double ramp_m3_per_s_per_h = std::numeric_limits<double>::infinity();
  // Evaporation depth (mm/day, >= 0) over the surface area, a table (km²)
  // at the storages of level_table_storage_hm3; needed when evaporation > 0.
  double evaporation_mm_per_day = 0.0;
  std::vector<double> area_table_km2;
  double share_frac = 1.0;  // (0, 1]: the base's share of the output
  double line_limit_kw = std::numeric_limits<double>::infinity();  // base side, >= 0
  // Seasonal guide curve (rule curve): the forebay level (m) the operator
  // aims for at the end of each month, January first; empty = none (the
  // target is then the spillway crest, storage_max). 12 values within the
  // levels at storage_min and storage_max. The plant does not follow it by
  // itself: the simulation turns it into a target storage for each step
  // (linear in time between month ends) and the dispatch releases the water
  // above it where its energy can go (docs/models/hydro.md, "Operating rule").
  std::vector<double> guide_curve_level_m;

  std::vector<FieldIssue> check() const;
};

struct HydroState {
  double storage_m3 = 0.0;
  double turbine_flow_m3_per_s = 0.0;  // of the previous step, for ramp limits
  bool operator==(const HydroState&) const = default;
};

struct HydroStep {
  HydroState next;
  Power power;           // electrical output to the base (share), >= 0, mean over the step
  Flow turbine_flow;     // >= 0, mean over the step (whole plant)
  Flow spill_flow;       // >= 0: bypassed ecological release + overflow
  Flow evaporation;      // >= 0, volume lost over the step / dt
  double head_m = 0.0;   // used for this step
  double level_m = 0.0;  // forebay level at the end of the step
  double tailwater_m = 0.0;
  double efficiency_frac = 0.0;  // turbine-generator, 0 when not generating
  int units_running = 0;
  // Total release (turbine + spill), what flows on to a plant downstream.
  Flow release() const { return turbine_flow + spill_flow; }
};

// A step's must-run and largest power (HydroPlant::min_power, max_power),
// and, when asked with a target storage, the target power in [min, max]
// (HydroPlant::target_power; else min).
struct HydroPowerRange {
  Power min;
  Power max;
  Power target;
};

class HydroPlant {
 public:
  // Throws InputError when params.check() finds problems.
  explicit HydroPlant(HydroParams params);

  const HydroParams& params() const { return params_; }
  HydroState initial_state() const;
  double level_m(const HydroState& s) const;
  // Head at a zero release (tailwater at its lowest).
  double head_m(const HydroState& s) const;
  double tailwater_m(Flow release) const;
  // Turbine-generator efficiency at net head and flow per unit.
  double efficiency(double head_m, Flow unit_flow) const;

  // Power produced by the ecological minimum release alone (must-run).
  // Requires (here and below): dt > 0, inflow >= 0 and finite.
  Power min_power(const HydroState& s, Flow inflow, Duration dt) const;
  // Most power the plant can give over the whole step.
  Power max_power(const HydroState& s, Flow inflow, Duration dt) const;
  // Both of the above, for one question; with `target_storage_m3`, the
  // target power (target_power) too.
  HydroPowerRange power_range(const HydroState& s, Flow inflow, Duration dt) const;
  HydroPowerRange power_range(const HydroState& s, Flow inflow, Duration dt,
                              double target_storage_m3) const;
  // Generates as close to `requested` as the limits allow (never below
  // min_power), spilling what the reservoir cannot hold. A negative request
  // counts as 0 (no pumping). Requires: requested finite.
  HydroStep step(const HydroState& s, Flow inflow, Power requested, Duration dt) const;
  // The power whose release keeps the reservoir from ending the step above
  // `target_storage_m3`: the turbine volume S − evaporation + Q_in·dt −
  // target, within the step's limits (turbine flow, rating, ramp, water
  // above dead storage), so in [min_power, max_power]. With the target at
  // storage_max it is the power that turbines what would otherwise overflow.
  Power target_power(const HydroState& s, Flow inflow, Duration dt, double target_storage_m3) const;
  // Storage (m³) at a forebay level: the level table read backwards, clamped
  // to [storage_min, storage_max].
  double storage_m3_at_level(double level_m) const;
  // The energy equivalent of a step's spill, as power: ρ·g·Q_spill·H·η at the
  // step's head, with the step's efficiency (or the efficiency at a full unit
  // when the turbines stood), the base's share; 0 without spill.
  Power spill_power(const HydroStep& h) const;

 private:
  // What one step from storage S with inflow Q_in over dt allows, in volumes.
  struct Limits {
    double seconds = 0.0;
    double per_second = 0.0;  // 1 / seconds
    double start_level_m = 0.0;
    double evap_m3 = 0.0;     // evaporation, taken first
    double storage_m3 = 0.0;  // S − evaporation
    double inflow_m3 = 0.0;
    double available_m3 = 0.0;  // water that may leave: max(S − S_dead, 0) + Q_in·dt
    double must_m3 = 0.0;       // ecological release, limited by the water available
    double lo_m3 = 0.0;         // ramp-down floor of the turbine volume
    double hi_m3 = 0.0;         // most the turbine can pass (flow, ramp, water, rating, line)
    double cap_kw = 0.0;        // plant power cap: rating, or the line over the share
    double kw_per_m3 = -1.0;    // plant kW per m³ of the step, when power is linear in flow
  };
  // The last question fill_limits() answered, with min_power/max_power of it once
  // asked (NaN until then). Keyed on the exact inputs, so a hit returns what
  // recomputing would.
  struct LimitsMemo {
    bool valid = false;
    HydroState state;
    double inflow_m3_per_s = 0.0;
    std::int64_t dt_s = 0;
    Limits limits;
    double min_kw = std::numeric_limits<double>::quiet_NaN();
    double max_kw = std::numeric_limits<double>::quiet_NaN();
  };
  // Water and power of passing a turbine volume, without the end level.
  struct Release {
    double next_m3 = 0.0;
    double turbine_m3_per_s = 0.0;
    double spill_m3_per_s = 0.0;
    double tailwater_m = 0.0;
    double head_m = 0.0;
    double efficiency_frac = 0.0;
    int units_running = 0;
    double plant_kw = 0.0;  // capped at cap_kw
  };

  // The limits of (s, inflow, dt), from the memo when it holds them.
  const LimitsMemo& memo_for(const HydroState& s, Flow inflow, Duration dt) const;
  // Sets every field of `l` to the limits of (s, inflow, dt).
  void fill_limits(const HydroState& s, Flow inflow, Duration dt, Limits& l) const;
  Release release_of(const Limits& l, double turbine_m3, double cap_kw) const;
  // Several units: the count (and its efficiency) for turbine flow q
  // through r's head, into r.
  void choose_units(double q, Release& r) const;
  // The whole outcome of passing `turbine_m3` through the turbines.
  HydroStep evaluate(const Limits& l, double turbine_m3) const;
  // Plant power (uncapped by the line) of a turbine volume.
  double plant_kw(const Limits& l, double turbine_m3) const;
  // plant_kw's uncapped power when linear_power_ (constant tailwater and efficiency).
  double linear_plant_kw(const Limits& l, double turbine_m3) const;
  // Turbine volume in [lo, hi] that gives plant power `kw` (power rising with flow).
  double volume_for(const Limits& l, double plant_kw, double lo_m3, double hi_m3) const;
  // volume_for() without the step's kW per m³: from the power at hi_m3 when
  // power is linear in flow, else by bisection.
  double volume_by_search(const Limits& l, double plant_kw, double lo_m3, double hi_m3) const;
  // target_power of the memo's limits.
  Power memo_target_power(double target_storage_m3) const;
  // min_power / max_power of the memo's limits (worked out once asked).
  double memo_min_kw() const;
  double memo_max_kw() const;
  // A flow the units can run: 0, or at least one unit's minimum.
  double runnable(double turbine_m3, double hi_m3, double seconds) const;
  // The base's power of a turbine volume (as evaluate() gives it).
  Power power_of(const Limits& l, double turbine_m3) const;
  // level_m() of a storage, from the memo when it is the last one asked.
  double level_of_storage(double storage_m3) const;

  HydroParams params_;
  // Derived from params_ at construction: the same expressions a step would
  // evaluate, so the results keep every bit.
  bool linear_power_ = true;  // constant tailwater and efficiency: power ∝ flow
  double storage_min_m3_ = 0.0;
  double storage_max_m3_ = 0.0;
  double cap_kw_ = 0.0;
  double zero_release_tailwater_m_ = 0.0;
  mutable LimitsMemo memo_;
  mutable double level_memo_storage_m3_ = std::numeric_limits<double>::quiet_NaN();
  mutable double level_memo_m_ = 0.0;
};

}  // namespace shapan::gen
