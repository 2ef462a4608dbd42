// The per-step energy ledger. (Private to sim.)
//
// Two balances must close at every step, within 1e-6 kWh:
//   bus:     (pv + wind + hydro + battery discharge + grid import + unserved)·dt
//          = (load + battery charge + grid export + curtailed)·dt
//   storage: (battery charge − battery discharge)·dt = Δstored + losses
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
                          applied.grid_import + applied.unserved;
    const Power sinks = load + applied.battery_charge + applied.grid_export + applied.curtailed;
    return ((sources - sinks) * dt).in_kwh();
  }
  double storage_residual_kwh() const {
    return ((applied.battery_charge - applied.battery_discharge) * dt - applied.battery_loss -
            applied.battery_stored_change)
        .in_kwh();
  }
  double max_abs_residual_kwh() const {
    return std::max(std::abs(bus_residual_kwh()), std::abs(storage_residual_kwh()));
  }
};

}  // namespace shapan::sim
