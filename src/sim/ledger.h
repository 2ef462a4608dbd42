// The per-step energy ledger. (Private to sim.)
//
// Two balances must close at every step, within 1e-6 kWh:
//   bus:     (pv + wind + hydro + battery discharge + pumped discharge
//             + grid import + unserved)·dt
//          = (load + battery charge + pumped charge + battery aux + grid export
//             + curtailed)·dt
//   storage: (battery charge − battery discharge)·dt = Δstored + losses
//            (losses include the energy cut off when capacity fades), and
//            (pumped charge − pumped discharge)·dt = Δstored + losses
#pragma once

#include <algorithm>
#include <cmath>

#include "plant.h"

namespace shapan::sim {

struct StepLedger {
  Duration dt;
  Power pv;
  Power wind;
  AppliedStep applied;
  Power load;

  double bus_residual_kwh() const {
    const Power sources = pv + wind + applied.hydro + applied.battery_discharge +
                          applied.pumped_discharge + applied.grid_import + applied.unserved;
    const Power sinks = load + applied.battery_charge + applied.pumped_charge +
                        applied.battery_aux + applied.grid_export + applied.curtailed;
    return ((sources - sinks) * dt).in_kwh();
  }
  double storage_residual_kwh() const {
    return ((applied.battery_charge - applied.battery_discharge) * dt - applied.battery_loss -
            applied.battery_stored_change)
        .in_kwh();
  }
  double pumped_residual_kwh() const {
    return ((applied.pumped_charge - applied.pumped_discharge) * dt - applied.pumped_loss -
            applied.pumped_stored_change)
        .in_kwh();
  }
  double max_abs_residual_kwh() const {
    return std::max({std::abs(bus_residual_kwh()), std::abs(storage_residual_kwh()),
                     std::abs(pumped_residual_kwh())});
  }
};

}  // namespace shapan::sim
