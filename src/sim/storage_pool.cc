#include "storage_pool.h"

#include <algorithm>

#include "shapan/core/assert.h"
#include "shares.h"

namespace shapan::sim {

StoragePool::StoragePool(const std::vector<gen::BatteryParams>& batteries,
                         const std::vector<gen::PumpedStorageParams>& pumped, Duration dt)
    : dt_(dt) {
  std::vector<gen::BatteryParams> checked;  // as the models hold them
  checked.reserve(batteries.size());
  for (const auto& params : batteries) {
    batteries_.emplace_back(params);
    battery_states_.push_back(batteries_.back().initial_state());
    checked.push_back(batteries_.back().params());
    aux_load_ += kw(params.aux_load_kw);
  }
  ageing_ = FleetAgeing(checked, dt_);
  for (const auto& params : pumped) {
    pumped_.emplace_back(params);
    pumped_states_.push_back(pumped_.back().initial_state());
  }
  for (const auto& b : batteries_) nameplate_kwh_ += b.params().energy_kwh;
  capacity_now_kwh_ = sum_capacity_now_kwh();
  unit_max_charge_.resize(batteries_.size() + pumped_.size());
  unit_max_discharge_.resize(batteries_.size() + pumped_.size());
}

StorageStep StoragePool::apply(std::size_t i, Power net_discharge, double ambient_temp_c) {
  const bool discharging = net_discharge >= kw(0.0);
  // The units' limits, as offer() found them for this state.
  SHAPAN_ASSERT(i == offered_step_, "apply() follows offer() of its step");
  const std::vector<Power>& limits = discharging ? unit_max_discharge_ : unit_max_charge_;
  // Unit b's part is limits[b] * frac.
  const double frac = share_frac(discharging ? net_discharge : -net_discharge, limits);
  StorageStep out;
  out.battery_before_kwh = battery_stored_kwh();
  out.pumped_before_kwh = pumped_stored_kwh();
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    const double soc_before = batteries_[b].soc_frac(battery_states_[b]);
    const Power part = limits[b] * frac;
    const gen::BatteryStep s =
        batteries_[b].step(battery_states_[b], discharging ? part : -part, dt_,
                           gen::BatteryLimits{.max_charge = unit_max_charge_[b],
                                              .max_discharge = unit_max_discharge_[b]});
    battery_states_[b] = s.next;
    out.battery_charge += s.charge_ac;
    out.battery_discharge += s.discharge_ac;
    out.battery_loss += s.loss;
    ageing_.observe(b, soc_before, s.soc_frac, ambient_temp_c);
  }
  for (std::size_t k = 0; k < pumped_.size(); ++k) {
    const Power part = limits[batteries_.size() + k] * frac;
    const gen::PumpedStorageStep s =
        pumped_[k].step(pumped_states_[k], discharging ? part : -part, dt_);
    pumped_states_[k] = s.next;
    out.pumped_charge += s.pump_ac;
    out.pumped_discharge += s.turbine_ac;
    out.pumped_loss += s.loss;
  }
  if (ageing_.end_of_step()) out.battery_loss += age_batteries();
  out.battery_after_kwh = battery_stored_kwh();
  out.pumped_after_kwh = pumped_stored_kwh();
  return out;
}

Energy StoragePool::age_batteries() {
  Energy cut;
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    const gen::BatteryParams& p = batteries_[b].params();
    if (!p.degradation.enabled) continue;
    gen::BatteryState& s = battery_states_[b];
    s.health_frac = std::clamp(ageing_.end_of_day_health(b), 1e-6, 1.0);
    // A faded cell cannot hold more than its window allows: the excess is lost.
    const double max_kwh = p.soc_max_frac * batteries_[b].capacity_kwh(s);
    if (s.stored_kwh > max_kwh) {
      cut += kwh(s.stored_kwh - max_kwh);
      s.stored_kwh = max_kwh;
    }
  }
  capacity_now_kwh_ = sum_capacity_now_kwh();
  return cut;
}

double StoragePool::sum_capacity_now_kwh() const {
  double sum = 0.0;
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    sum += batteries_[b].capacity_kwh(battery_states_[b]);
  }
  return sum;
}

double StoragePool::pumped_stored_kwh() const {
  double sum = 0.0;
  for (std::size_t k = 0; k < pumped_.size(); ++k) {
    sum += pumped_[k].stored(pumped_states_[k]).in_kwh();
  }
  return sum;
}

double StoragePool::pumped_upper_hm3() const {
  double sum = 0.0;
  for (const auto& s : pumped_states_) sum += s.upper_m3 / 1e6;
  return sum;
}

}  // namespace shapan::sim
