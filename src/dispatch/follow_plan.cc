#include "shapan/dispatch/follow_plan.h"

namespace shapan::dispatch {
namespace {

Power min_power(Power a, Power b) { return a < b ? a : b; }
Power positive_part(Power p) { return p < kw(0.0) ? kw(0.0) : p; }

double at(const std::vector<double>& series, std::size_t i) {
  return i < series.size() ? series[i] : 0.0;
}

// Hydro's headroom above the decision to the deficit.
void hydro_extra(const StepOffer& offer, StepDecision& d, Power& deficit) {
  const Power extra = min_power(deficit, positive_part(offer.hydro_max - d.hydro));
  d.hydro += extra;
  d.clean_to_load += extra;
  deficit -= extra;
}

// What would be unserved, from the batteries beyond the set-point, up to
// what they can give now (the set-point's charge is then not made: the
// step has no surplus, and the import is taken by the load).
void battery_last_resort(const StepOffer& offer, StepDecision& d) {
  const Power extra =
      min_power(d.unserved, positive_part(offer.battery_max_discharge - d.battery_to_load));
  d.battery_to_load += extra;
  d.unserved -= extra;
}

}  // namespace

StepDecision FollowPlanDispatch::decide(const StepOffer& offer) {
  const double net_kw = at(plan_.battery_charge_kw, offer.step_index) -
                        at(plan_.battery_discharge_kw, offer.step_index);
  const Power charge = min_power(kw(net_kw > 0.0 ? net_kw : 0.0), offer.battery_max_charge);
  const Power discharge = min_power(kw(net_kw < 0.0 ? -net_kw : 0.0), offer.battery_max_discharge);

  StepDecision d;
  // A hydro set-point, within what the plants can give now; without one,
  // the must-run, and the headroom fills a deficit the batteries leave.
  const bool hydro_planned = !plan_.hydro_kw.empty();
  d.hydro = offer.hydro_min;
  if (hydro_planned) {
    const Power hydro_max = offer.hydro_max < offer.hydro_min ? offer.hydro_min : offer.hydro_max;
    d.hydro = min_power(
        hydro_max, offer.hydro_min +
                       positive_part(kw(at(plan_.hydro_kw, offer.step_index)) - offer.hydro_min));
  }
  const Power must_take = offer.renewables + d.hydro;
  d.clean_to_load = min_power(must_take, offer.load);
  Power deficit = offer.load - d.clean_to_load;
  Power surplus = must_take - d.clean_to_load;

  d.battery_to_load = min_power(deficit, discharge);
  deficit -= d.battery_to_load;
  if (!hydro_planned) hydro_extra(offer, d, deficit);
  d.grid_to_load = min_power(deficit, offer.grid_import_limit);
  // With a hydro set-point, its headroom serves only what the grid cannot.
  if (hydro_planned) {
    deficit -= d.grid_to_load;
    hydro_extra(offer, d, deficit);
    d.unserved = positive_part(deficit);
  } else {
    d.unserved = positive_part(deficit - d.grid_to_load);
  }
  battery_last_resort(offer, d);

  if (offer.aux_load > kw(0.0) && !(d.unserved > kw(0.0))) {
    d.clean_to_aux = min_power(surplus, offer.aux_load);
    surplus -= d.clean_to_aux;
  }

  d.clean_to_battery = min_power(surplus, charge);
  surplus -= d.clean_to_battery;
  // The grid charges within the import the load and the auxiliary load
  // (what on-site supply does not serve of it: the simulator buys it) leave.
  const Power aux_from_grid = positive_part(offer.aux_load - d.clean_to_aux);
  d.grid_to_battery =
      min_power(charge - d.clean_to_battery,
                positive_part(offer.grid_import_limit - d.grid_to_load - aux_from_grid));
  if (offer.step_index < plan_.battery_grid_charge_max_kw.size()) {
    d.grid_to_battery =
        min_power(d.grid_to_battery, kw(plan_.battery_grid_charge_max_kw[offer.step_index]));
  }
  d.clean_to_grid = min_power(surplus, offer.grid_export_limit);
  d.curtailed = positive_part(surplus - d.clean_to_grid);
  return d;
}

}  // namespace shapan::dispatch
