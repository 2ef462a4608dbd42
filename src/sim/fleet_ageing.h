// The batteries' ageing over a run (private to sim): each battery's SOC
// trace feeds its gen::BatteryAgeing every step; once per simulated day the
// storage pool reads each battery's health, after the end-of-life action of
// one at its end of life: replaced (health back to 1), augmented back to
// nameplate with new modules that age from new, or left to fade, as its
// end_of_life_action says (docs/models/battery.md). Counts the replacements
// and augmentations for the report.
#pragma once

#include <cstdint>
#include <vector>

#include "shapan/gen/battery.h"
#include "shapan/gen/degradation.h"
#include "shapan/sim/simulation.h"

namespace shapan::sim {

class FleetAgeing {
 public:
  FleetAgeing() = default;  // no batteries
  // One entry per battery, in the pool's order; `dt`: the run's step.
  FleetAgeing(const std::vector<gen::BatteryParams>& batteries, Duration dt);

  // Battery b's step: SOC before and after it, the step's air temperature
  // (for a battery whose cell temperature follows it).
  void observe(std::size_t b, double soc_before_frac, double soc_after_frac,
               double ambient_temp_c) {
    const gen::BatteryParams& p = params_[b];
    const double temp_c =
        p.cell_temp_follows_ambient ? ambient_temp_c + p.cell_temp_offset_c : p.cell_temp_c;
    ageing_[b].observe(soc_after_frac, 0.5 * (soc_before_frac + soc_after_frac), dt_, temp_c);
  }
  // Counts a step (call once per step, after its observe() calls); true when
  // it ends a simulated day.
  bool end_of_step() { return ++step_count_ % steps_per_day_ == 0; }
  // Battery b's health (capacity / nameplate) now, after its end-of-life
  // action if it has reached its end of life. Requires: b's degradation is
  // enabled; called once a day.
  double end_of_day_health(std::size_t b);

  std::vector<BatteryAgeingReport> reports() const;

 private:
  // Augmentations of one battery over the run (end_of_life_action = augment).
  struct Augmentations {
    int count = 0;               // times modules were added
    double augmented_kwh = 0.0;  // nameplate kWh added, all augmentations
  };

  Duration dt_;
  std::vector<gen::BatteryParams> params_;
  std::vector<gen::BatteryAgeing> ageing_;
  std::vector<int> replacements_;
  std::vector<Augmentations> augmentations_;
  std::int64_t steps_per_day_ = 24;
  std::int64_t step_count_ = 0;
};

}  // namespace shapan::sim
