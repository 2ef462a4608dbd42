// A pumped-storage hydro plant: two reservoirs, a reversible pump-turbine.
//
// Water moves between an upper and a lower reservoir through a gross head H
// held constant (the level swing of a pumped-storage pair is a few percent of
// its head; docs/models/pumped_storage.md). A cubic metre in the upper
// reservoir holds e = ρ·g·H / 3.6e6 kWh. Over a step of Δt hours:
//   generating at AC power P: ΔV_up = −P·Δt / (η_t·e), loss P·Δt·(1/η_t − 1)
//   pumping at AC power P:    ΔV_up = +P·Δt·η_p / e,   loss P·Δt·(1 − η_p)
// and the lower reservoir changes by the opposite volume (a closed loop: no
// inflow, evaporation or seepage). The stored energy is (V_up − V_up,min)·e,
// so that charge·Δt − discharge·Δt = Δstored + loss exactly, and energy out /
// energy in over a round trip is η_p·η_t (tested).
// Limits: pump and turbine power, the upper reservoir's [min, max] and the
// lower reservoir's [min, max] (whichever binds first).
// Sign of requests: positive = generating (discharging), negative = pumping.
// Thread-safety: PumpedStorage is immutable after construction.
#pragma once

#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/cost.h"
#include "shapan/core/time.h"
#include "shapan/core/units.h"

namespace shapan::gen {

struct PumpedStorageParams {
  std::string name;
  double turbine_max_kw = 300000.0;       // generating limit, AC, >= 0
  double pump_max_kw = 300000.0;          // pumping limit, AC, >= 0
  double turbine_efficiency_frac = 0.90;  // water -> AC out, in (0, 1]
  double pump_efficiency_frac = 0.88;     // AC in -> water, in (0, 1]
  double head_m = 400.0;                  // gross head, > 0
  double upper_min_hm3 = 0.5;             // upper reservoir, dead storage
  double upper_max_hm3 = 8.0;
  double upper_initial_hm3 = 4.0;
  double lower_min_hm3 = 0.5;  // lower reservoir
  double lower_max_hm3 = 10.0;
  double lower_initial_hm3 = 6.0;
  CostParams cost;  // capex_cny_per_kw of the turbine rating

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
  // Energy per m³ in the upper reservoir, kWh (ρ·g·H / 3.6e6).
  double kwh_per_m3() const { return kwh_per_m3_; }
  // (V_up − V_up,min)·e: what the upper reservoir holds above its dead storage.
  Energy stored(const PumpedStorageState& s) const;
  // Largest AC power for the whole step. Requires: dt > 0.
  Power max_pump(const PumpedStorageState& s, Duration dt) const;
  Power max_generate(const PumpedStorageState& s, Duration dt) const;
  // Applies a request (positive = generate, negative = pump), clamped to the
  // limits. Requires: dt > 0, request finite.
  PumpedStorageStep step(const PumpedStorageState& s, Power requested_generation,
                         Duration dt) const;

 private:
  PumpedStorageParams params_;
  double kwh_per_m3_ = 0.0;
};

}  // namespace shapan::gen
