// A dispatch that follows a plan's battery and hydro set-points within the physical
// limits of the step (the replay of an optimised schedule through the
// engine, docs/optimization.md "The replay"):
//   1. the plan's charge and discharge are netted (one direction a step) and
//      clipped to what the batteries can take or give now
//      (StepOffer::battery_max_charge / battery_max_discharge: the engine's
//      state of charge, efficiency curves and temperature, which the plan
//      only approximates);
//   2. hydro: the plan's hydro set-point (DispatchPlan::hydro_kw) clamped
//      to [hydro_min, hydro_max]; without one, must-run hydro;
//   3. renewables and that hydro go to the load first; the set-point's
//      discharge serves the deficit (never more than it: there is no path
//      from the batteries to the grid), then (without a hydro set-point)
//      hydro's headroom, then the grid within its import limit, then (with
//      a hydro set-point) hydro's headroom; what is left, the batteries
//      serve beyond the set-point as far as they can now (the engine's
//      supply falls a little short of the plan's: hydro's head, the
//      batteries' losses; the plan, followed to the letter, left load
//      unserved beside a battery at 31 % on the default base's sized plant),
//      and only the rest is unserved;
//   4. the auxiliary load, once the load is met, from the surplus;
//   5. the set-point's charge from the surplus, then from the grid within
//      what the load left of the import limit (and within the plan's
//      battery_grid_charge_max_kw, when it has one);
//   6. surplus left: export within its limit, then curtailment.
// So the plan decides the batteries (pumped storage pooled with them) and
// hydro; every other flow follows from the step's balance, as in the plan's
// LP, where hydro is one more supply on the bus.
#pragma once

#include <utility>

#include "shapan/dispatch/dispatch.h"

namespace shapan::dispatch {

class FollowPlanDispatch final : public DispatchStrategy {
 public:
  explicit FollowPlanDispatch(DispatchPlan plan) : plan_(std::move(plan)) {}
  std::string name() const override { return "follow_plan"; }
  StepDecision decide(const StepOffer& offer) override;

 private:
  DispatchPlan plan_;
};

}  // namespace shapan::dispatch
