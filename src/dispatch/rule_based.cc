#include "shapan/dispatch/rule_based.h"

#include <algorithm>

namespace shapan::dispatch {
namespace {

Power min_power(Power a, Power b) { return a < b ? a : b; }
Power positive_part(Power p) { return p < kw(0.0) ? kw(0.0) : p; }

}  // namespace

StepDecision RuleBasedDispatch::decide(const StepOffer& offer) {
  StepDecision d;
  d.hydro = offer.hydro_min;
  const Power must_take = offer.renewables + offer.hydro_min;
  d.clean_to_load = min_power(must_take, offer.load);
  Power deficit = offer.load - d.clean_to_load;
  Power surplus = must_take - d.clean_to_load;

  // Deficit: battery, then hydro above its must-run, then grid.
  d.battery_to_load = min_power(deficit, offer.battery_max_discharge);
  deficit -= d.battery_to_load;
  const Power hydro_extra = min_power(deficit, positive_part(offer.hydro_max - offer.hydro_min));
  d.hydro += hydro_extra;
  d.clean_to_load += hydro_extra;
  deficit -= hydro_extra;
  d.grid_to_load = min_power(deficit, offer.grid_import_limit);
  d.unserved = positive_part(deficit - d.grid_to_load);

  // Surplus: battery, then export, then curtailment.
  d.clean_to_battery = min_power(surplus, offer.battery_max_charge);
  surplus -= d.clean_to_battery;
  d.clean_to_grid = min_power(surplus, offer.grid_export_limit);
  d.curtailed = positive_part(surplus - d.clean_to_grid);
  return d;
}

std::unique_ptr<DispatchStrategy> make_strategy(StrategyKind kind) {
  switch (kind) {
    case StrategyKind::kRuleBased:
      return std::make_unique<RuleBasedDispatch>();
  }
  return std::make_unique<RuleBasedDispatch>();
}

}  // namespace shapan::dispatch
