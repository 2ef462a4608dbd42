// A dispatch that re-plans as it goes (model-predictive control, the
// engine's side of `shapan optimize --mode mpc`, docs/optimization.md "MPC"):
// at step 0 and every `replan_every_steps` steps after it, it hands the
// step's offer (the engine's actual state then: stored energy, limits) to a
// planner and follows the set-points it returns (FollowPlanDispatch: netted,
// clipped to the step's physical limits, the rest of the bus by its merit
// order) until the next re-plan. Steps past the returned plan's end have no
// set-point (0). The planner, not this class, knows the forecasts and the
// optimiser; the engine depends on neither.
#pragma once

#include <cstddef>
#include <optional>

#include "shapan/dispatch/dispatch.h"
#include "shapan/dispatch/follow_plan.h"

namespace shapan::dispatch {

class RecedingPlanDispatch final : public DispatchStrategy {
 public:
  // Requires: planner.plan is set and planner.replan_every_steps >= 1.
  explicit RecedingPlanDispatch(RecedingPlanner planner);
  std::string name() const override { return "receding_plan"; }
  StepDecision decide(const StepOffer& offer) override;
  // Re-plans so far (the planner's calls).
  std::size_t replans() const { return replans_; }

 private:
  RecedingPlanner planner_;
  std::optional<FollowPlanDispatch> follower_;  // the last plan, its index 0 at plan_start_
  std::size_t plan_start_ = 0;
  std::size_t replans_ = 0;
};

}  // namespace shapan::dispatch
