// The stateful part of the base during a run: batteries, pumped storage,
// reservoir and grid tie, with their states. Turns states into a dispatch
// offer and applies a decision to the models. (Private to sim.)
//
// Storage pool: the dispatch sees batteries and pumped storage together (its
// battery_* fields); a request is shared among the units in proportion to
// each one's limit for the step. Ageing: each battery's SOC trace feeds its
// BatteryAgeing; once per simulated day the remaining capacity is applied,
// and a battery at its end of life is replaced, augmented back to nameplate
// or left to fade, as its end_of_life_action says (docs/models/battery.md).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "shapan/dispatch/dispatch.h"
#include "shapan/gen/battery.h"
#include "shapan/gen/degradation.h"
#include "shapan/gen/grid.h"
#include "shapan/gen/hydro.h"
#include "shapan/gen/pumped_storage.h"
#include "shapan/sim/simulation.h"

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

// Augmentations of one battery over the run (end_of_life_action = augment).
struct BatteryAugmentationReport {
  int augmentations = 0;       // times modules were added
  double augmented_kwh = 0.0;  // nameplate kWh added, all augmentations
};

class Plant {
 public:
  explicit Plant(const Setup& setup);

  // The limits of step i from the current state. Keeps each storage unit's
  // limits for apply().
  dispatch::StepOffer offer(std::size_t i, Timestamp t, Power load, Power renewables, Flow inflow);
  // Applies `decision` to the state `offer` (the last offer()) was made from.
  // `ambient_temp_c`: air temperature of the step, for battery ageing.
  AppliedStep apply(const dispatch::StepOffer& offer, const dispatch::StepDecision& decision,
                    Flow inflow, double ambient_temp_c = 25.0);

  // The state read after every step, inline for the simulation's loop.
  double battery_capacity_kwh() const { return nameplate_kwh_; }         // all batteries
  double battery_capacity_now_kwh() const { return capacity_now_kwh_; }  // after fade
  double battery_stored_kwh() const {
    double sum = 0.0;
    for (const auto& s : battery_states_) sum += s.stored_kwh;
    return sum;
  }
  // Stored over the capacity the batteries have now (after fade), so that a
  // faded battery charged to its window reads soc_max_frac.
  double battery_soc_frac() const {
    return capacity_now_kwh_ > 0.0 ? battery_stored_kwh() / capacity_now_kwh_ : 0.0;
  }
  double reservoir_storage_hm3() const { return hydro_ ? hydro_state_.storage_m3 / 1e6 : 0.0; }
  double reservoir_level_m() const { return hydro_ ? hydro_level_m_ : 0.0; }

  std::vector<BatteryAgeingReport> battery_ageing() const;
  std::vector<HydroPlantReport> hydro_reports() const;
  double pumped_stored_kwh() const;
  double pumped_upper_hm3() const;

 private:
  // Shares a total AC power among units in proportion to each one's limit:
  // unit k gets limits[k] times the returned fraction (0 when the limits sum to 0).
  static double share_frac(Power total, const std::vector<Power>& limits);

  // Parts of apply(), in its order (apply() has the rules).
  struct CascadeShares {
    double target_frac = 0.0;
    double extra_frac = 0.0;
  };
  struct StoredEnergy {  // batteries and pumped storage, before and after the step
    double battery_before_kwh = 0.0;
    double pumped_before_kwh = 0.0;
    double battery_after_kwh = 0.0;
    double pumped_after_kwh = 0.0;
  };
  void apply_hydro(const dispatch::StepOffer& offer, const dispatch::StepDecision& decision,
                   Flow inflow, AppliedStep& a, Power& clean_to_load);
  CascadeShares share_cascade(std::size_t step_index, Flow inflow, Power hydro_request);
  void record_hydro(std::size_t k, const gen::HydroStep& h, AppliedStep& a);
  StoredEnergy apply_storage(const dispatch::StepOffer& offer,
                             const dispatch::StepDecision& decision, double ambient_temp_c,
                             AppliedStep& a);

  Duration dt_;
  // The step's wind+solar flows to the load and to the grid (AppliedStep's
  // fields); carries the wind+solar part of the stored energy over the step.
  // `applied`: the step so far (hydro, storage and grid flows final);
  // `clean_in_kwh`: clean energy into storage this step; `pool_and_in_kwh`:
  // stored before the step + energy in.
  struct WindSolarFlows {
    Power to_load;
    Power to_grid;
  };
  WindSolarFlows track_wind_solar(const dispatch::StepOffer& offer, const AppliedStep& applied,
                                  Power clean_to_load, double clean_in_kwh, double pool_and_in_kwh);
  // Applies the batteries' fade once a day and the end-of-life action of
  // those at end of life; returns the stored energy cut off by the smaller
  // capacity (a loss).
  Energy age_batteries();

  std::vector<gen::Battery> batteries_;
  std::vector<gen::BatteryState> battery_states_;
  std::vector<gen::BatteryAgeing> ageing_;
  std::vector<int> replacements_;
  std::vector<BatteryAugmentationReport> augmentations_;
  double nameplate_kwh_ = 0.0;     // all batteries
  double capacity_now_kwh_ = 0.0;  // all batteries after fade: sum_capacity_now_kwh()
  // The batteries' capacities at their health (which only age_batteries changes).
  double sum_capacity_now_kwh() const;
  std::int64_t steps_per_day_ = 24;
  std::int64_t step_count_ = 0;
  Power aux_load_;
  std::vector<gen::PumpedStorage> pumped_;
  std::vector<gen::PumpedStorageState> pumped_states_;
  double battery_green_kwh_ = 0.0;  // part of the stored energy that came from clean sources
  // Part of the stored energy (batteries and pumped storage) that came from
  // wind and solar: battery_green_kwh_ less what came from hydro.
  double battery_wind_solar_kwh_ = 0.0;
  // Inflow of cascade plant c at step i: its local inflow plus the release of
  // the plant above, `delay` steps earlier.
  Flow cascade_inflow(std::size_t c, std::size_t i) const;
  // The storage (m³) plant k ([hydro] 0, then the cascade) aims not to end
  // step i above: its guide curve's, or its spillway crest without one.
  double target_storage_m3(std::size_t k, std::size_t i) const {
    const std::vector<double>& guide = guide_storage_m3_[k];
    if (i < guide.size()) return guide[i];
    return (k == 0 ? *hydro_ : cascade_[k - 1]).params().storage_max_hm3 * 1e6;
  }

  std::optional<gen::HydroPlant> hydro_;
  gen::HydroState hydro_state_;
  double hydro_level_m_ = 0.0;  // forebay level of hydro_state_
  std::vector<gen::HydroPlant> cascade_;
  std::vector<gen::HydroState> cascade_states_;
  std::vector<std::vector<double>> cascade_local_m3_per_s_;
  std::vector<std::size_t> cascade_delay_steps_;
  // Releases (m³/s) of [hydro] and each cascade plant, one per step so far.
  std::vector<std::vector<double>> releases_m3_per_s_;
  double first_inflow_m3_per_s_ = 0.0;
  std::vector<HydroPlantReport> hydro_reports_;
  // Each plant's guide-curve target storage (m³) per step; empty without a guide curve.
  std::vector<std::vector<double>> guide_storage_m3_;
  std::optional<gen::Grid> grid_;
  std::vector<double> import_price_cny_per_kwh_;  // per step
  // Each storage unit's charge and discharge limit (batteries, then pumped
  // storage) in the last offer(), for step offered_step_. A battery's two are
  // its BatteryLimits for apply().
  std::vector<Power> unit_max_charge_;
  std::vector<Power> unit_max_discharge_;
  std::size_t offered_step_ = SIZE_MAX;
  // Scratch buffers of apply(), kept so that a step does no heap allocation.
  std::vector<Flow> cascade_inflows_;
  std::vector<Power> cascade_lows_;
  std::vector<Power> cascade_room_;
  std::vector<Power> cascade_to_target_;
};

}  // namespace shapan::sim
