// The hydro plants of a run (private to sim): [hydro] and the plants below it
// on the same river ([[hydro_cascade]]), upstream first.
//
// Each plant below takes the release (turbine + spill) of the one above,
// `travel_delay_h` later, plus its local inflow; before the run, the plant
// above is taken to have released what flowed into the top at the first step.
// A requested power is shared among the plants: each its must-run, then up to
// its target (its guide curve's storage, or the spillway crest) in
// proportion to each one's way to it, the rest in proportion to each plant's
// headroom above its target. Keeps each plant's report over the run.
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

#include "shapan/gen/hydro.h"
#include "shapan/resource/weather.h"
#include "shapan/sim/simulation.h"

namespace shapan::sim {

// The power all plants can give in a step (sums over the plants).
struct HydroRange {
  Power min;     // must-run
  Power max;     // >= min
  Power target;  // what the operating rules ask, in [min, max]
};

// What all plants did in a step.
struct HydroCascadeStep {
  Power power;    // delivered to the base
  Flow spill;     // [hydro]'s spill
  Power spilled;  // energy equivalent of all plants' spill (HydroPlant::spill_power)
};

class HydroCascade {
 public:
  // `weather`: the run's steps (start, step, size), for the guide curves'
  // targets in local months at `utc_offset_h`.
  HydroCascade(const HydroSetup& top, const std::vector<HydroSetup>& below,
               const resource::WeatherSeries& weather, double utc_offset_h);

  // The range of step i; `inflow` is [hydro]'s. (Inline, below: the time
  // loop calls it every step.)
  HydroRange offer(std::size_t i, Flow inflow) const;
  // Steps every plant for a total of `request` (clamped by each plant's own limits).
  HydroCascadeStep apply(std::size_t i, Flow inflow, Power request);
  // A plan's power per plant ([plant][step], kW; dispatch::DispatchPlan::
  // hydro_plant_kw): from now on a step's request is split among the plants
  // in the plan's proportions (where the plan has the step and some power in
  // it), not by the sharing rule above.
  void follow_plan(std::vector<std::vector<double>> plant_kw) { plan_kw_ = std::move(plant_kw); }

  double storage_hm3() const { return top_state_.storage_m3 / 1e6; }  // [hydro]'s, now
  double level_m() const { return top_level_m_; }                     // [hydro]'s forebay
  // [hydro]'s turbine flow over the last step (m³/s; 0 before the first).
  double turbine_flow_m3_per_s() const { return top_state_.turbine_flow_m3_per_s; }
  const std::vector<HydroPlantReport>& reports() const { return reports_; }

 private:
  struct Shares {
    double target_frac = 0.0;
    double extra_frac = 0.0;
  };
  const gen::HydroPlant& plant(std::size_t k) const { return k == 0 ? top_ : below_[k - 1]; }
  // Inflow of cascade plant c at step i: its local inflow plus the release of
  // the plant above, `delay` steps earlier.
  Flow below_inflow(std::size_t c, std::size_t i) const;
  // The storage (m³) plant k ([hydro] 0, then the cascade) aims not to end
  // step i above: its guide curve's, or its spillway crest without one.
  double target_storage_m3(std::size_t k, std::size_t i) const {
    const std::vector<double>& guide = guide_storage_m3_[k];
    if (i < guide.size()) return guide[i];
    return plant(k).params().storage_max_hm3 * 1e6;
  }
  Shares share(std::size_t i, Flow inflow, Power request);
  bool plan_split(std::size_t i, Power request);
  void record(std::size_t k, const gen::HydroStep& h, HydroCascadeStep& out);

  Duration dt_;
  gen::HydroPlant top_;
  gen::HydroState top_state_;
  double top_level_m_ = 0.0;  // forebay level of top_state_
  std::vector<gen::HydroPlant> below_;
  std::vector<gen::HydroState> below_states_;
  std::vector<std::vector<double>> below_local_m3_per_s_;
  std::vector<std::size_t> below_delay_steps_;
  // Releases (m³/s) of [hydro] and each cascade plant, one per step so far.
  std::vector<std::vector<double>> releases_m3_per_s_;
  double first_inflow_m3_per_s_ = 0.0;
  std::vector<HydroPlantReport> reports_;
  // Each plant's guide-curve target storage (m³) per step; empty without a guide curve.
  std::vector<std::vector<double>> guide_storage_m3_;
  std::vector<std::vector<double>> plan_kw_;  // follow_plan()'s, empty without
  // Scratch buffers of apply(), kept so that a step does no heap allocation.
  std::vector<Flow> inflows_;
  std::vector<Power> lows_;
  std::vector<Power> room_;
  std::vector<Power> to_target_;
  std::vector<Power> planned_;  // plan_split()'s
};

inline HydroRange HydroCascade::offer(std::size_t i, Flow inflow) const {
  const gen::HydroPowerRange range =
      top_.power_range(top_state_, inflow, dt_, target_storage_m3(0, i));
  HydroRange out{.min = range.min, .max = std::max(range.min, range.max), .target = range.target};
  for (std::size_t c = 0; c < below_.size(); ++c) {
    const Flow q = below_inflow(c, i);
    const Power lo = below_[c].min_power(below_states_[c], q, dt_);
    const Power hi = std::max(lo, below_[c].max_power(below_states_[c], q, dt_));
    out.min += lo;
    out.max += hi;
    out.target += std::clamp(
        below_[c].target_power(below_states_[c], q, dt_, target_storage_m3(c + 1, i)), lo, hi);
  }
  return out;
}

inline Flow HydroCascade::below_inflow(std::size_t c, std::size_t i) const {
  const std::vector<double>& above = releases_m3_per_s_[c];
  const std::size_t k = below_delay_steps_[c];
  // Before the run, the plant above is taken to have released what flowed
  // into the top of the cascade at the first step (a steady state).
  double from_above = first_inflow_m3_per_s_;
  if (i >= k && i - k < above.size()) from_above = above[i - k];
  const std::vector<double>& local = below_local_m3_per_s_[c];
  return m3_per_s(from_above + (i < local.size() ? local[i] : 0.0));
}

}  // namespace shapan::sim
