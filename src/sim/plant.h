// The stateful part of the base during a run: batteries, reservoir and grid
// tie, with their states. Turns states into a dispatch offer and applies a
// decision to the models. (Private to sim.)
#pragma once

#include <optional>
#include <vector>

#include "shapan/dispatch/dispatch.h"
#include "shapan/gen/battery.h"
#include "shapan/gen/grid.h"
#include "shapan/gen/hydro.h"
#include "shapan/sim/simulation.h"

namespace shapan::sim {

// What actually happened in a step, after the models applied the decision.
// All flows are step means (kW) except the energies.
struct AppliedStep {
  Power hydro;
  Power battery_charge;     // AC into all batteries
  Power battery_discharge;  // AC out of all batteries
  Energy battery_loss;      // conversion + self-discharge
  Energy battery_stored_change;
  Power battery_to_load;
  Power grid_to_battery;
  Power grid_import;
  Power grid_export;
  Power curtailed;
  Power unserved;
  Power served;             // load minus unserved
  Power green_to_load;      // clean direct + clean share of battery discharge
  Flow spill;
};

class Plant {
 public:
  explicit Plant(const Setup& setup);

  dispatch::StepOffer offer(std::size_t i, Timestamp t, Power load, Power renewables,
                            Flow inflow) const;
  AppliedStep apply(const dispatch::StepOffer& offer, const dispatch::StepDecision& decision,
                    Flow inflow);

  double battery_capacity_kwh() const;
  double battery_stored_kwh() const;
  double battery_soc_frac() const;
  double reservoir_storage_hm3() const;
  double reservoir_level_m() const;

 private:
  // Shares a total AC power among the batteries in proportion to each one's limit.
  std::vector<Power> share(Power total, const std::vector<Power>& limits) const;

  Duration dt_;
  double utc_offset_h_;
  std::vector<gen::Battery> batteries_;
  std::vector<gen::BatteryState> battery_states_;
  double battery_green_kwh_ = 0.0;  // part of the stored energy that came from clean sources
  std::optional<gen::HydroPlant> hydro_;
  gen::HydroState hydro_state_;
  std::optional<gen::Grid> grid_;
};

}  // namespace shapan::sim
