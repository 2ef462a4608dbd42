#include "plant.h"

#include <algorithm>

namespace shapan::sim {
namespace {

Power positive_part(Power p) { return p < kw(0.0) ? kw(0.0) : p; }
Power min_power(Power a, Power b) { return a < b ? a : b; }

}  // namespace

Plant::Plant(const Setup& setup) : dt_(setup.weather.step), utc_offset_h_(setup.site.utc_offset_h) {
  for (const auto& params : setup.batteries) {
    batteries_.emplace_back(params);
    battery_states_.push_back(batteries_.back().initial_state());
  }
  // Energy already stored at the start is counted as clean: it is assumed to
  // have come from the plant before the run began.
  battery_green_kwh_ = battery_stored_kwh();
  if (setup.hydro) {
    hydro_.emplace(setup.hydro->params);
    hydro_state_ = hydro_->initial_state();
  }
  if (setup.grid) grid_.emplace(*setup.grid);
}

dispatch::StepOffer Plant::offer(std::size_t i, Timestamp t, Power load, Power renewables,
                                 Flow inflow) const {
  dispatch::StepOffer o{.step_index = i, .start = t, .dt = dt_, .load = load,
                        .renewables = renewables};
  if (hydro_) {
    o.hydro_min = hydro_->min_power(hydro_state_, inflow, dt_);
    o.hydro_max = std::max(o.hydro_min, hydro_->max_power(hydro_state_, inflow, dt_));
  }
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    o.battery_max_charge += batteries_[b].max_charge(battery_states_[b], dt_);
    o.battery_max_discharge += batteries_[b].max_discharge(battery_states_[b], dt_);
  }
  if (grid_) {
    o.grid_import_limit = grid_->import_limit();
    o.grid_export_limit = grid_->export_limit();
    o.import_price = grid_->import_price(t, utc_offset_h_);
    o.grid_carbon_g_per_kwh = grid_->carbon_g_per_kwh(i);
  }
  return o;
}

std::vector<Power> Plant::share(Power total, const std::vector<Power>& limits) const {
  Power sum;
  for (const Power p : limits) sum += p;
  std::vector<Power> parts(limits.size());
  if (sum <= kw(0.0)) return parts;
  const double frac = std::min(1.0, total / sum);
  for (std::size_t b = 0; b < limits.size(); ++b) parts[b] = limits[b] * frac;
  return parts;
}

AppliedStep Plant::apply(const dispatch::StepOffer& offer, const dispatch::StepDecision& decision,
                         Flow inflow) {
  AppliedStep a;
  a.grid_to_battery = decision.grid_to_battery;
  a.grid_import = decision.grid_import();
  a.grid_export = decision.clean_to_grid;
  a.curtailed = decision.curtailed;
  a.unserved = decision.unserved;
  Power clean_to_load = decision.clean_to_load;

  // A shortfall against the decision is met by more import, then left unserved.
  const auto cover_deficit = [&](Power deficit) {
    const Power extra = min_power(deficit, positive_part(offer.grid_import_limit - a.grid_import));
    a.grid_import += extra;
    a.unserved += deficit - extra;
  };

  if (hydro_) {
    const gen::HydroStep h = hydro_->step(hydro_state_, inflow, decision.hydro, dt_);
    hydro_state_ = h.next;
    a.hydro = h.power;
    a.spill = h.spill_flow;
    const Power excess = a.hydro - decision.hydro;
    if (excess > kw(0.0)) {
      a.curtailed += excess;
    } else if (excess < kw(0.0)) {
      const Power shortfall = -excess;
      const Power from_load = min_power(shortfall, clean_to_load);
      clean_to_load -= from_load;
      cover_deficit(from_load);
      a.curtailed = positive_part(a.curtailed - (shortfall - from_load));
    }
  }

  // Batteries: a net request, shared in proportion to each battery's limit.
  const Power net_discharge = decision.battery_to_load - decision.battery_charge();
  std::vector<Power> limits;
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    limits.push_back(net_discharge >= kw(0.0)
                         ? batteries_[b].max_discharge(battery_states_[b], dt_)
                         : batteries_[b].max_charge(battery_states_[b], dt_));
  }
  const bool discharging = net_discharge >= kw(0.0);
  const std::vector<Power> parts = share(discharging ? net_discharge : -net_discharge, limits);
  const double stored_before_kwh = battery_stored_kwh();
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    const gen::BatteryStep s =
        batteries_[b].step(battery_states_[b], discharging ? parts[b] : -parts[b], dt_);
    battery_states_[b] = s.next;
    a.battery_charge += s.charge_ac;
    a.battery_discharge += s.discharge_ac;
    a.battery_loss += s.loss;
  }
  a.battery_stored_change = kwh(battery_stored_kwh() - stored_before_kwh);
  a.battery_to_load = a.battery_discharge;

  // Differences between asked and done (limits met to rounding) rebalance the bus.
  const Power discharge_short = decision.battery_to_load - a.battery_discharge;
  if (discharge_short > kw(0.0)) {
    cover_deficit(discharge_short);
  } else {
    a.curtailed -= discharge_short;  // more came out than asked: the surplus is curtailed
  }
  const Power charge_short = decision.battery_charge() - a.battery_charge;
  if (charge_short > kw(0.0)) {
    const Power less_import = min_power(charge_short, a.grid_to_battery);
    a.grid_to_battery -= less_import;
    a.grid_import -= less_import;
    a.curtailed += charge_short - less_import;
  } else if (charge_short < kw(0.0)) {
    a.curtailed = positive_part(a.curtailed + charge_short);
  }

  // Clean share of the stored energy, mixed in proportion to what came in.
  const double in_kwh = (a.battery_charge * dt_).in_kwh();
  const double grid_in_kwh = std::min(in_kwh, (a.grid_to_battery * dt_).in_kwh());
  const double mix_frac = stored_before_kwh + in_kwh > 0.0
                              ? (battery_green_kwh_ + in_kwh - grid_in_kwh) /
                                    (stored_before_kwh + in_kwh)
                              : 1.0;
  battery_green_kwh_ = mix_frac * battery_stored_kwh();
  a.green_to_load = clean_to_load + a.battery_to_load * mix_frac;
  a.served = offer.load - a.unserved;
  return a;
}

double Plant::battery_capacity_kwh() const {
  double sum = 0.0;
  for (const auto& b : batteries_) sum += b.params().energy_kwh;
  return sum;
}

double Plant::battery_stored_kwh() const {
  double sum = 0.0;
  for (const auto& s : battery_states_) sum += s.stored_kwh;
  return sum;
}

double Plant::battery_soc_frac() const {
  const double capacity = battery_capacity_kwh();
  return capacity > 0.0 ? battery_stored_kwh() / capacity : 0.0;
}

double Plant::reservoir_storage_hm3() const {
  return hydro_ ? hydro_state_.storage_m3 / 1e6 : 0.0;
}

double Plant::reservoir_level_m() const { return hydro_ ? hydro_->level_m(hydro_state_) : 0.0; }

}  // namespace shapan::sim
