// A pumped-storage hydro plant: two reservoirs, a reversible pump-turbine.
//
// Water moves between an upper and a lower reservoir through a gross head H.
// Without level tables H is held constant at head_m (the level swing of a
// large pumped-storage pair is a few percent of its head) and a cubic metre
// in the upper reservoir holds e = ρ·g·H / 3.6e6 kWh. With level tables
// (volume → water level, one per reservoir) the head follows the state:
// H = z_up(V_up) − z_low(V_low), and since the loop is closed
// (V_up + V_low = V_total, fixed by the initial volumes) H is a function of
// V_up alone. docs/models/pumped_storage.md gives the equations.
//
// The stored energy is the work the water above the upper reservoir's
// minimum gives running down: S(V_up) = ∫ from V_up,min to V_up of ρ·g·H(v) dv
// / 3.6e6 (= (V_up − V_up,min)·e at constant head). Over a step of Δt hours:
//   generating at AC power P: S falls by P·Δt / η_t,  loss P·Δt·(1/η_t − 1)
//   pumping at AC power P:    S rises by P·Δt·η_p,   loss P·Δt·(1 − η_p)
// and the volumes follow from S (the lower reservoir changes by the opposite
// volume; no inflow, evaporation or seepage). So charge·Δt − discharge·Δt =
// Δstored + loss exactly, and energy out / energy in over a round trip is
// η_p·η_t whatever the head (tested).
// Limits: pump and turbine power, the upper reservoir's [min, max] and the
// lower reservoir's [min, max] (whichever binds first).
// Sign of requests: positive = generating (discharging), negative = pumping.
// Thread-safety: PumpedStorage is immutable after construction.
#pragma once

#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/time.h"
#include "shapan/core/units.h"

namespace shapan::gen {

struct PumpedStorageParams {
  std::string name;
  double turbine_max_kw = 300000.0;       // generating limit, AC, >= 0
  double pump_max_kw = 300000.0;          // pumping limit, AC, >= 0
  double turbine_efficiency_frac = 0.90;  // water -> AC out, in (0, 1]
  double pump_efficiency_frac = 0.88;     // AC in -> water, in (0, 1]
  double head_m = 400.0;                  // gross head, > 0 (unused with level tables)
  double upper_min_hm3 = 0.5;             // upper reservoir, dead storage
  double upper_max_hm3 = 8.0;
  double upper_initial_hm3 = 4.0;
  double lower_min_hm3 = 0.5;  // lower reservoir
  double lower_max_hm3 = 10.0;
  double lower_initial_hm3 = 6.0;
  // Level tables, volume (hm³) → water level (m, any datum common to both):
  // all four empty (default: constant head_m) or all four given. Per
  // reservoir: the same length >= 2, volumes strictly increasing and spanning
  // the reservoir's [min, max], levels non-decreasing (linear interpolation).
  // The head z_up − z_low must be > 0 over the operating range.
  std::vector<double> upper_level_table_hm3;
  std::vector<double> upper_level_table_m;
  std::vector<double> lower_level_table_hm3;
  std::vector<double> lower_level_table_m;

  bool has_level_tables() const { return !upper_level_table_hm3.empty(); }

  std::vector<FieldIssue> check() const;
};

struct PumpedStorageState {
  double upper_m3 = 0.0;
  double lower_m3 = 0.0;
  bool operator==(const PumpedStorageState&) const = default;
};

struct PumpedStorageStep {
  PumpedStorageState next;
  Power pump_ac;     // >= 0, AC power taken in
  Power turbine_ac;  // >= 0, AC power given out
  Energy loss;       // >= 0
  Energy stored_change;
};

class PumpedStorage {
 public:
  // Throws InputError when params.check() finds problems.
  explicit PumpedStorage(PumpedStorageParams params);

  const PumpedStorageParams& params() const { return params_; }
  PumpedStorageState initial_state() const;
  // Energy per m³ in the upper reservoir, kWh (ρ·g·H / 3.6e6): at head_m
  // (constant head), or at the initial volumes (level tables).
  double kwh_per_m3() const { return kwh_per_m3_; }
  // Gross head (m) and energy per m³ (kWh) at the state's volumes.
  double head_m(const PumpedStorageState& s) const;
  double kwh_per_m3(const PumpedStorageState& s) const;
  // S(V_up): what the upper reservoir holds above its dead storage.
  Energy stored(const PumpedStorageState& s) const;
  // Largest AC power for the whole step. Requires: dt > 0.
  Power max_pump(const PumpedStorageState& s, Duration dt) const;
  Power max_generate(const PumpedStorageState& s, Duration dt) const;
  // Applies a request (positive = generate, negative = pump), clamped to the
  // limits. Requires: dt > 0, request finite.
  PumpedStorageStep step(const PumpedStorageState& s, Power requested_generation,
                         Duration dt) const;

 private:
  // S(V_up) in kWh and its inverse (upper volume in m³ holding `kwh`).
  double stored_kwh_at(double upper_m3) const;
  double upper_m3_for(double kwh) const;

  PumpedStorageParams params_;
  double kwh_per_m3_ = 0.0;
  // With level tables: the head as a piecewise-linear function of V_up, its
  // nodes (every table breakpoint inside [V_up,min, V_up,max]) with the head
  // and the stored energy there. Empty at constant head.
  std::vector<double> node_upper_m3_;
  std::vector<double> node_head_m_;
  std::vector<double> node_stored_kwh_;
};

}  // namespace shapan::gen
