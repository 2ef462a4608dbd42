// The storage pool (private to sim): batteries and pumped storage, which the
// dispatch sees as one store (its battery_* fields).
//
// Sharing: a net request is shared among the units in proportion to each
// one's limit for the step (batteries first, then pumped storage). Ageing
// (fleet_ageing.h): once per simulated day each battery takes the health its
// ageing gives, and stored energy above a faded battery's window is lost.
#pragma once

#include <vector>

#include "fleet_ageing.h"
#include "shapan/gen/battery.h"
#include "shapan/gen/pumped_storage.h"
#include "shapan/sim/simulation.h"

namespace shapan::sim {

// The pool's limits for a step (AC, all units together).
struct StorageLimits {
  Power max_charge;
  Power max_discharge;
};

// What the units did in a step. Powers are step means on the AC side.
struct StorageStep {
  Power battery_charge;     // into all batteries
  Power battery_discharge;  // out of all batteries
  Energy battery_loss;      // conversion + self-discharge + stored energy cut off by fade
  Power pumped_charge;      // pumping
  Power pumped_discharge;   // generating
  Energy pumped_loss;
  // Stored energy before and after the step (kWh).
  double battery_before_kwh = 0.0;
  double pumped_before_kwh = 0.0;
  double battery_after_kwh = 0.0;
  double pumped_after_kwh = 0.0;
};

class StoragePool {
 public:
  // `dt`: the run's step (ageing is applied every whole day of steps).
  StoragePool(const std::vector<gen::BatteryParams>& batteries,
              const std::vector<gen::PumpedStorageParams>& pumped, Duration dt);

  // The limits of step i from the current state; keeps each unit's for apply().
  // (Inline, below: the time loop calls it every step.)
  StorageLimits offer(std::size_t i);
  // Applies a net request (> 0: discharge, < 0: charge) to the state offer()
  // of the same step saw. `ambient_temp_c`: the step's air temperature, for
  // the batteries whose cell temperature follows it.
  StorageStep apply(std::size_t i, Power net_discharge, double ambient_temp_c);

  Power aux_load() const { return aux_load_; }                    // the batteries' auxiliary load
  double battery_capacity_kwh() const { return nameplate_kwh_; }  // all batteries
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
  double pumped_stored_kwh() const;
  double pumped_upper_hm3() const;
  std::vector<BatteryAgeingReport> battery_ageing() const { return ageing_.reports(); }

 private:
  // Gives the ageing batteries their health at the end of a day; returns the
  // stored energy cut off by the smaller capacity (a loss).
  Energy age_batteries();
  // The batteries' capacities at their health (which only age_batteries changes).
  double sum_capacity_now_kwh() const;

  Duration dt_;
  std::vector<gen::Battery> batteries_;
  std::vector<gen::BatteryState> battery_states_;
  FleetAgeing ageing_;
  double nameplate_kwh_ = 0.0;     // all batteries
  double capacity_now_kwh_ = 0.0;  // all batteries after fade: sum_capacity_now_kwh()
  Power aux_load_;
  std::vector<gen::PumpedStorage> pumped_;
  std::vector<gen::PumpedStorageState> pumped_states_;
  // Each unit's charge and discharge limit (batteries, then pumped storage)
  // in the last offer(), for step offered_step_. A battery's two are its
  // BatteryLimits for apply().
  std::vector<Power> unit_max_charge_;
  std::vector<Power> unit_max_discharge_;
  std::size_t offered_step_ = SIZE_MAX;
};

inline StorageLimits StoragePool::offer(std::size_t i) {
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    const gen::BatteryLimits limits = batteries_[b].limits(battery_states_[b], dt_);
    unit_max_charge_[b] = limits.max_charge;
    unit_max_discharge_[b] = limits.max_discharge;
  }
  for (std::size_t k = 0; k < pumped_.size(); ++k) {
    const std::size_t u = batteries_.size() + k;
    unit_max_charge_[u] = pumped_[k].max_pump(pumped_states_[k], dt_);
    unit_max_discharge_[u] = pumped_[k].max_generate(pumped_states_[k], dt_);
  }
  StorageLimits out;
  for (const Power p : unit_max_charge_) out.max_charge += p;
  for (const Power p : unit_max_discharge_) out.max_discharge += p;
  offered_step_ = i;
  return out;
}

}  // namespace shapan::sim
