#include "storage_pool.h"

#include <algorithm>

#include "shapan/core/assert.h"
#include "shares.h"

namespace shapan::sim {

StoragePool::StoragePool(const std::vector<gen::BatteryParams>& batteries,
                         const std::vector<gen::PumpedStorageParams>& pumped, Duration dt)
    : dt_(dt) {
  for (const auto& params : batteries) {
    batteries_.emplace_back(params);
    battery_states_.push_back(batteries_.back().initial_state());
    ageing_.emplace_back(params.degradation);
    replacements_.push_back(0);
    augmentations_.emplace_back();
    aux_load_ += kw(params.aux_load_kw);
  }
  steps_per_day_ = std::max<std::int64_t>(1, Duration::days(1).in_seconds() / dt_.in_seconds());
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
    const gen::BatteryParams& bp = batteries_[b].params();
    const double temp_c =
        bp.cell_temp_follows_ambient ? ambient_temp_c + bp.cell_temp_offset_c : bp.cell_temp_c;
    ageing_[b].observe(s.soc_frac, 0.5 * (soc_before + s.soc_frac), dt_, temp_c);
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
  if (++step_count_ % steps_per_day_ == 0) out.battery_loss += age_batteries();
  out.battery_after_kwh = battery_stored_kwh();
  out.pumped_after_kwh = pumped_stored_kwh();
  return out;
}

Energy StoragePool::age_batteries() {
  Energy cut;
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    const gen::BatteryParams& p = batteries_[b].params();
    if (!p.degradation.enabled) continue;
    double health = ageing_[b].capacity_frac();
    if (health <= p.end_of_life_capacity_frac) {
      switch (p.end_of_life_action) {
        case gen::EndOfLifeAction::kReplace:
          ageing_[b].replace();
          ++replacements_[b];
          health = 1.0;
          break;
        case gen::EndOfLifeAction::kAugment: {
          // New modules make up the lost capacity; they age from new.
          const double added_frac = 1.0 - health;
          ageing_[b].augment(added_frac);
          ++augmentations_[b].augmentations;
          augmentations_[b].augmented_kwh += added_frac * p.energy_kwh;
          health = ageing_[b].capacity_frac();
          break;
        }
        case gen::EndOfLifeAction::kNone:
          break;
      }
    }
    gen::BatteryState& s = battery_states_[b];
    s.health_frac = std::clamp(health, 1e-6, 1.0);
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

std::vector<BatteryAgeingReport> StoragePool::battery_ageing() const {
  std::vector<BatteryAgeingReport> out;
  out.reserve(batteries_.size());
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    const gen::BatteryParams& p = batteries_[b].params();
    out.push_back(BatteryAgeingReport{
        .name = p.name,
        .chemistry = p.chemistry,
        .nameplate_kwh = p.energy_kwh,
        // The fade up to the end of the run, open cycles included.
        .capacity_end_frac = p.degradation.enabled ? ageing_[b].capacity_frac() : 1.0,
        .replacements = replacements_[b],
        .cycle_damage = ageing_[b].cycle_damage_total(),
        .calendar_damage = ageing_[b].calendar_damage_total(),
        .augmentations = augmentations_[b].augmentations,
        .augmented_kwh = augmentations_[b].augmented_kwh});
  }
  return out;
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
