#include "shapan/dispatch/receding_plan.h"

#include <utility>

#include "shapan/core/assert.h"

namespace shapan::dispatch {

RecedingPlanDispatch::RecedingPlanDispatch(RecedingPlanner planner) : planner_(std::move(planner)) {
  SHAPAN_ASSERT(static_cast<bool>(planner_.plan), "a receding plan needs a planner");
  SHAPAN_ASSERT(planner_.replan_every_steps >= 1, "re-plan interval must be >= 1 step");
}

StepDecision RecedingPlanDispatch::decide(const StepOffer& offer) {
  // Re-plan at step 0 (or the first step seen) and every k steps after it.
  if (!follower_ || offer.step_index < plan_start_ ||
      offer.step_index - plan_start_ >= planner_.replan_every_steps) {
    follower_.emplace(planner_.plan(offer));
    plan_start_ = offer.step_index;
    ++replans_;
  }
  // The plan's index 0 is the re-plan step.
  StepOffer local = offer;
  local.step_index = offer.step_index - plan_start_;
  return follower_->decide(local);
}

}  // namespace shapan::dispatch
