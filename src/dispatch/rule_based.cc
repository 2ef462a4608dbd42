#include "shapan/dispatch/rule_based.h"

#include <algorithm>

#include "shapan/dispatch/follow_plan.h"
#include "shapan/dispatch/receding_plan.h"

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

  // Hydro's release toward its target: to the load before storage is drawn.
  Power release = positive_part(min_power(offer.hydro_target, offer.hydro_max) - offer.hydro_min);
  if (release > kw(0.0)) {
    const Power release_to_load = min_power(deficit, release);
    d.hydro += release_to_load;
    d.clean_to_load += release_to_load;
    deficit -= release_to_load;
    release -= release_to_load;
  }

  // Deficit: battery, then hydro up to its limit, then grid.
  d.battery_to_load = min_power(deficit, offer.battery_max_discharge);
  deficit -= d.battery_to_load;
  const Power hydro_extra = min_power(deficit, positive_part(offer.hydro_max - d.hydro));
  d.hydro += hydro_extra;
  d.clean_to_load += hydro_extra;
  deficit -= hydro_extra;
  d.grid_to_load = min_power(deficit, offer.grid_import_limit);
  d.unserved = positive_part(deficit - d.grid_to_load);

  // The auxiliary load, once the load is met: from the surplus, then from
  // hydro's release toward its target, then from hydro's headroom.
  if (offer.aux_load > kw(0.0) && !(deficit > kw(0.0))) {
    Power aux = offer.aux_load;
    d.clean_to_aux = min_power(surplus, aux);
    surplus -= d.clean_to_aux;
    aux -= d.clean_to_aux;
    const Power release_to_aux = min_power(release, aux);
    release -= release_to_aux;
    aux -= release_to_aux;
    const Power headroom_to_aux =
        min_power(aux, positive_part(offer.hydro_max - d.hydro - release_to_aux));
    d.hydro += release_to_aux + headroom_to_aux;
    d.clean_to_aux += release_to_aux + headroom_to_aux;
  }

  // Surplus: battery, then export, then curtailment.
  d.clean_to_battery = min_power(surplus, offer.battery_max_charge);
  surplus -= d.clean_to_battery;
  d.clean_to_grid = min_power(surplus, offer.grid_export_limit);
  d.curtailed = positive_part(surplus - d.clean_to_grid);

  // The rest of hydro's release, where wind and sun left room: battery, then
  // export. (Left over only when the load is met, so never beside an import.)
  if (release > kw(0.0)) {
    const Power release_to_battery =
        min_power(release, positive_part(offer.battery_max_charge - d.clean_to_battery));
    release -= release_to_battery;
    const Power release_to_grid =
        min_power(release, positive_part(offer.grid_export_limit - d.clean_to_grid));
    d.hydro += release_to_battery + release_to_grid;
    d.clean_to_battery += release_to_battery;
    d.clean_to_grid += release_to_grid;
  }
  return d;
}

std::unique_ptr<DispatchStrategy> make_strategy(StrategyKind kind, const DispatchPlan& plan,
                                                const RecedingPlanner& planner) {
  switch (kind) {
    case StrategyKind::kRuleBased:
      return std::make_unique<RuleBasedDispatch>();
    case StrategyKind::kFollowPlan:
      return std::make_unique<FollowPlanDispatch>(plan);
    case StrategyKind::kRecedingPlan:
      return std::make_unique<RecedingPlanDispatch>(planner);
  }
  return std::make_unique<RuleBasedDispatch>();
}

}  // namespace shapan::dispatch
