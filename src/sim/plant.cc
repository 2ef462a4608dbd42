#include "plant.h"

#include "shares.h"

namespace shapan::sim {
namespace {

// A shortfall on the bus against the decision is met by exporting less
// (the clean energy stays on site), then by more import within its limit;
// the rest is unserved. So no step both imports and exports. Returns the
// part that less export covered.
Power cover_deficit(AppliedStep& a, Power grid_import_limit, Power deficit) {
  const Power from_export = min_power(deficit, a.grid_export);
  a.grid_export -= from_export;
  const Power rest = deficit - from_export;
  const Power extra = min_power(rest, positive_part(grid_import_limit - a.grid_import));
  a.grid_import += extra;
  a.unserved += rest - extra;
  return from_export;
}

// Energy already stored at the start counts as clean (StoredOrigin).
StoredOrigin initial_origin(const Setup& setup, const StoragePool& storage) {
  return StoredOrigin(storage.battery_stored_kwh() + storage.pumped_stored_kwh(),
                      !(setup.pv.empty() && setup.wind.empty()));
}

}  // namespace

Plant::Plant(const Setup& setup, const resource::WeatherSeries& weather)
    : dt_(weather.step),
      storage_(setup.batteries, setup.pumped_storage, dt_),
      origin_(initial_origin(setup, storage_)) {
  if (setup.hydro) {
    hydro_.emplace(*setup.hydro, setup.hydro_cascade, weather, setup.site.utc_offset_h);
    if (setup.strategy == dispatch::StrategyKind::kFollowPlan) {
      hydro_->follow_plan(setup.plan.hydro_plant_kw);
    }
  }
  if (setup.grid) grid_.emplace(*setup.grid, weather, setup.site.utc_offset_h);
}

dispatch::StepOffer Plant::offer(std::size_t i, Timestamp t, Power load, Power renewables,
                                 Flow inflow) {
  dispatch::StepOffer o{
      .step_index = i, .start = t, .dt = dt_, .load = load, .renewables = renewables};
  o.aux_load = storage_.aux_load();
  if (hydro_) {
    const HydroRange range = hydro_->offer(i, inflow);
    o.hydro_min = range.min;
    o.hydro_max = range.max;
    o.hydro_target = range.target;
    o.hydro_storage_hm3 = hydro_->storage_hm3();
    o.hydro_turbine_m3_per_s = hydro_->turbine_flow_m3_per_s();
  }
  const StorageLimits limits = storage_.offer(i);
  o.battery_max_charge = limits.max_charge;
  o.battery_max_discharge = limits.max_discharge;
  o.battery_stored = kwh(storage_.battery_stored_kwh());
  o.pumped_stored = kwh(storage_.pumped_stored_kwh());
  if (grid_) {
    const GridTerms g = grid_->terms(i);
    o.grid_import_limit = g.import_limit;
    o.grid_export_limit = g.export_limit;
    o.import_price = g.import_price;
    o.grid_carbon_g_per_kwh = g.carbon_g_per_kwh;
  }
  return o;
}

// Hydro: the decision's power among the plants, and a difference from the
// decision rebalanced on the bus.
inline void Plant::apply_hydro(const dispatch::StepOffer& offer,
                               const dispatch::StepDecision& decision, Flow inflow, AppliedStep& a,
                               Power& clean_to_load) {
  const HydroCascadeStep h = hydro_->apply(offer.step_index, inflow, decision.hydro);
  a.hydro = h.power;
  a.spill = h.spill;
  a.hydro_spilled = h.spilled;
  const Power excess = a.hydro - decision.hydro;
  if (excess > kw(0.0)) {
    a.curtailed += excess;
  } else if (excess < kw(0.0)) {
    const Power shortfall = -excess;
    const Power from_load = min_power(shortfall, clean_to_load);
    clean_to_load -= from_load;
    clean_to_load += cover_deficit(a, offer.grid_import_limit, from_load);
    a.curtailed = positive_part(a.curtailed - (shortfall - from_load));
  }
}

inline StorageStep Plant::apply_storage(const dispatch::StepOffer& offer,
                                        const dispatch::StepDecision& decision,
                                        double ambient_temp_c, AppliedStep& a) {
  const StorageStep s = storage_.apply(
      offer.step_index, decision.battery_to_load - decision.battery_charge(), ambient_temp_c);
  a.battery_charge = s.battery_charge;
  a.battery_discharge = s.battery_discharge;
  a.battery_loss = s.battery_loss;
  a.pumped_charge = s.pumped_charge;
  a.pumped_discharge = s.pumped_discharge;
  a.pumped_loss = s.pumped_loss;
  a.battery_stored_change = kwh(s.battery_after_kwh - s.battery_before_kwh);
  a.pumped_stored_change = kwh(s.pumped_after_kwh - s.pumped_before_kwh);
  a.battery_to_load = a.battery_discharge + a.pumped_discharge;
  return s;
}

AppliedStep Plant::apply(const dispatch::StepOffer& offer, const dispatch::StepDecision& decision,
                         Flow inflow, double ambient_temp_c) {
  AppliedStep a;
  a.grid_to_battery = decision.grid_to_battery;
  a.grid_import = decision.grid_import();
  a.grid_export = decision.clean_to_grid;
  a.curtailed = decision.curtailed;
  a.unserved = decision.unserved;
  Power clean_to_load = decision.clean_to_load;

  if (hydro_) apply_hydro(offer, decision, inflow, a, clean_to_load);
  const StorageStep stored = apply_storage(offer, decision, ambient_temp_c, a);

  // Differences between asked and done (limits met to rounding) rebalance the bus.
  const Power discharge_short = decision.battery_to_load - a.battery_to_load;
  if (discharge_short > kw(0.0)) {
    clean_to_load += cover_deficit(a, offer.grid_import_limit, discharge_short);
  } else {
    a.curtailed -= discharge_short;  // more came out than asked: the surplus is curtailed
  }
  const Power charge_short = decision.battery_charge() - (a.battery_charge + a.pumped_charge);
  if (charge_short > kw(0.0)) {
    const Power less_import = min_power(charge_short, a.grid_to_battery);
    a.grid_to_battery -= less_import;
    a.grid_import -= less_import;
    a.curtailed += charge_short - less_import;
  } else if (charge_short < kw(0.0)) {
    a.curtailed = positive_part(a.curtailed + charge_short);
  }

  // The batteries' auxiliary load: what the dispatch gave it from on-site
  // supply, then from on-site surplus (what would be curtailed, then what
  // would be exported), then from the grid within its limit; what is left
  // is unserved.
  const Power aux_load = storage_.aux_load();
  if (aux_load > kw(0.0)) {
    a.battery_aux = aux_load;
    const Power rest = aux_load - min_power(decision.clean_to_aux, aux_load);
    const Power from_surplus = min_power(rest, a.curtailed);
    a.curtailed -= from_surplus;
    cover_deficit(a, offer.grid_import_limit, rest - from_surplus);
  }

  const CleanFlows clean = origin_.step(
      StoredOriginStep{.renewables = offer.renewables,
                       .hydro = a.hydro,
                       .clean_to_load = clean_to_load,
                       .storage_in = a.battery_charge + a.pumped_charge,
                       .grid_to_storage = a.grid_to_battery,
                       .storage_to_load = a.battery_to_load,
                       .grid_export = a.grid_export,
                       .stored_before_kwh = stored.battery_before_kwh + stored.pumped_before_kwh,
                       .stored_after_kwh = stored.battery_after_kwh + stored.pumped_after_kwh},
      dt_);
  a.green_to_load = clean.green_to_load;
  a.wind_solar_to_load = clean.wind_solar_to_load;
  a.wind_solar_to_grid = clean.wind_solar_to_grid;
  a.served = offer.load - a.unserved;
  return a;
}

}  // namespace shapan::sim
