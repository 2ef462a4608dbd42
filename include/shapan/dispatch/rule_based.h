// The rule-based dispatch (a load-following merit order, as HOMER's
// "load following" strategy without generators):
//   deficit: on-site renewables, then battery, then hydro above its must-run,
//            then grid import within its limit; what is left is unserved.
//   surplus: battery charging, then export within the limit, then curtailment.
// Hydro's must-run output (ecological release) always counts as supply.
#pragma once

#include "shapan/dispatch/dispatch.h"

namespace shapan::dispatch {

class RuleBasedDispatch final : public DispatchStrategy {
 public:
  std::string name() const override { return "rule_based"; }
  StepDecision decide(const StepOffer& offer) override;
};

}  // namespace shapan::dispatch
