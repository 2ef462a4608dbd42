// The stateful part of the base during a run (private to sim): it composes
// the storage pool (storage_pool.h: batteries, pumped storage, ageing), the
// hydro plants (hydro_cascade.h), the grid tie (grid_tie.h) and the
// clean-energy accounting (stored_origin.h), turns their states into a
// dispatch offer and applies a decision to them, rebalancing the AC bus where
// the models did other than asked.
#pragma once

#include <optional>
#include <vector>

#include "grid_tie.h"
#include "hydro_cascade.h"
#include "shapan/dispatch/dispatch.h"
#include "shapan/sim/simulation.h"
#include "storage_pool.h"
#include "stored_origin.h"

namespace shapan::sim {

// What actually happened in a step, after the models applied the decision.
// All flows are step means (kW) except the energies.
struct AppliedStep {
  Power hydro;
  Power battery_charge;     // AC into all batteries
  Power battery_discharge;  // AC out of all batteries
  Energy battery_loss;      // conversion + self-discharge + capacity fade below the stored energy
  Energy battery_stored_change;
  Power battery_aux;       // batteries' auxiliary load, a sink on the bus
  Power pumped_charge;     // AC into pumped storage (pumping)
  Power pumped_discharge;  // AC out of pumped storage (generating)
  Energy pumped_loss;
  Energy pumped_stored_change;
  Power battery_to_load;  // batteries and pumped storage to the load
  Power grid_to_battery;
  Power grid_import;
  Power grid_export;
  Power curtailed;
  Power unserved;
  Power served;         // load minus unserved
  Power green_to_load;  // clean direct + clean share of battery discharge
  // Wind and solar only (绿电直连 accounting, docs/results.md): delivered to
  // the load directly or through storage (its wind+solar share), and exported.
  Power wind_solar_to_load;
  Power wind_solar_to_grid;
  Flow spill;           // [hydro]'s spill
  Power hydro_spilled;  // energy equivalent of all plants' spill (HydroPlant::spill_power)
};

class Plant {
 public:
  // `weather`: the run's (PreparedRun::weather), for its steps and times.
  Plant(const Setup& setup, const resource::WeatherSeries& weather);

  // The limits of step i from the current state. Keeps each storage unit's
  // limits for apply().
  dispatch::StepOffer offer(std::size_t i, Timestamp t, Power load, Power renewables, Flow inflow);
  // Applies `decision` to the state `offer` (the last offer()) was made from.
  // `ambient_temp_c`: air temperature of the step, for battery ageing.
  AppliedStep apply(const dispatch::StepOffer& offer, const dispatch::StepDecision& decision,
                    Flow inflow, double ambient_temp_c = 25.0);

  // The state read after every step, inline for the simulation's loop.
  double battery_capacity_kwh() const { return storage_.battery_capacity_kwh(); }
  double battery_capacity_now_kwh() const { return storage_.battery_capacity_now_kwh(); }
  double battery_stored_kwh() const { return storage_.battery_stored_kwh(); }
  double battery_soc_frac() const { return storage_.battery_soc_frac(); }
  double reservoir_storage_hm3() const { return hydro_ ? hydro_->storage_hm3() : 0.0; }
  double reservoir_level_m() const { return hydro_ ? hydro_->level_m() : 0.0; }

  std::vector<BatteryAgeingReport> battery_ageing() const { return storage_.battery_ageing(); }
  std::vector<HydroPlantReport> hydro_reports() const {
    return hydro_ ? hydro_->reports() : std::vector<HydroPlantReport>{};
  }
  double pumped_stored_kwh() const { return storage_.pumped_stored_kwh(); }
  double pumped_upper_hm3() const { return storage_.pumped_upper_hm3(); }

 private:
  // Steps the hydro plants for the decision's hydro and rebalances the bus
  // for a difference; may move clean_to_load.
  void apply_hydro(const dispatch::StepOffer& offer, const dispatch::StepDecision& decision,
                   Flow inflow, AppliedStep& a, Power& clean_to_load);
  // Steps the storage pool for the decision's net request into `a`; returns
  // what it did (stored energy before and after included).
  StorageStep apply_storage(const dispatch::StepOffer& offer,
                            const dispatch::StepDecision& decision, double ambient_temp_c,
                            AppliedStep& a);

  Duration dt_;
  StoragePool storage_;
  StoredOrigin origin_;
  std::optional<HydroCascade> hydro_;
  std::optional<GridTie> grid_;
};

}  // namespace shapan::sim
