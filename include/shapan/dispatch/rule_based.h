// The rule-based dispatch (a load-following merit order, as HOMER's
// "load following" strategy without generators, with the reservoir's
// operating rule):
//   1. must-take supply: renewables and hydro's must-run output (ecological
//      release) go to the load first;
//   2. hydro's release toward its target (StepOffer::hydro_target: water
//      above the guide curve or the spillway crest) goes to the load next,
//      before storage is drawn;
//   3. deficit: battery, then hydro up to its limit, then grid import within
//      its limit; what is left is unserved;
//   4. the auxiliary load (StepOffer::aux_load), once the load is met: from
//      the surplus of renewables and must-run hydro, then from hydro's
//      release toward its target, then from hydro's headroom;
//   5. surplus of renewables and must-run hydro: battery charging, then
//      export within the limit, then curtailment;
//   6. what is left of hydro's release toward its target: battery charging,
//      then export, each within what step 5 left; the rest is not generated
//      (the water stays in the reservoir, or spills if it is full).
// So wind and sun have the storage and the export line first and the
// reservoir gives way to them, holding back water; and water that would
// spill is turbined wherever its energy can go. Never imports and exports
// in one step (a deficit leaves no surplus).
#pragma once

#include "shapan/dispatch/dispatch.h"

namespace shapan::dispatch {

class RuleBasedDispatch final : public DispatchStrategy {
 public:
  std::string name() const override { return "rule_based"; }
  StepDecision decide(const StepOffer& offer) override;
};

}  // namespace shapan::dispatch
