#include "fleet_ageing.h"

#include <algorithm>

namespace shapan::sim {

FleetAgeing::FleetAgeing(const std::vector<gen::BatteryParams>& batteries, Duration dt)
    : dt_(dt), params_(batteries) {
  ageing_.reserve(batteries.size());
  for (const auto& p : batteries) ageing_.emplace_back(p.degradation);
  replacements_.assign(batteries.size(), 0);
  augmentations_.assign(batteries.size(), Augmentations{});
  steps_per_day_ = std::max<std::int64_t>(1, Duration::days(1).in_seconds() / dt_.in_seconds());
}

double FleetAgeing::end_of_day_health(std::size_t b) {
  const gen::BatteryParams& p = params_[b];
  double health = ageing_[b].capacity_frac();
  if (health > p.end_of_life_capacity_frac) return health;
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
      ++augmentations_[b].count;
      augmentations_[b].augmented_kwh += added_frac * p.energy_kwh;
      health = ageing_[b].capacity_frac();
      break;
    }
    case gen::EndOfLifeAction::kNone:
      break;
  }
  return health;
}

std::vector<BatteryAgeingReport> FleetAgeing::reports() const {
  std::vector<BatteryAgeingReport> out;
  out.reserve(params_.size());
  for (std::size_t b = 0; b < params_.size(); ++b) {
    const gen::BatteryParams& p = params_[b];
    out.push_back(BatteryAgeingReport{
        .name = p.name,
        .chemistry = p.chemistry,
        .nameplate_kwh = p.energy_kwh,
        // The fade up to the end of the run, open cycles included.
        .capacity_end_frac = p.degradation.enabled ? ageing_[b].capacity_frac() : 1.0,
        .replacements = replacements_[b],
        .cycle_damage = ageing_[b].cycle_damage_total(),
        .calendar_damage = ageing_[b].calendar_damage_total(),
        .augmentations = augmentations_[b].count,
        .augmented_kwh = augmentations_[b].augmented_kwh});
  }
  return out;
}

}  // namespace shapan::sim
