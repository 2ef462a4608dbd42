#include "plant.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "shapan/core/assert.h"

namespace shapan::sim {
namespace {

Power positive_part(Power p) { return p < kw(0.0) ? kw(0.0) : p; }
Power min_power(Power a, Power b) { return a < b ? a : b; }

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

// The import price of every step. It changes by local hour and month, so it
// is looked up again only when a step enters a new local hour.
std::vector<double> tariff_by_step(const gen::Grid& grid, const resource::WeatherSeries& weather,
                                   double utc_offset_h) {
  std::vector<double> out;
  out.reserve(weather.size());
  CivilClock clock(utc_offset_h);
  double price_cny_per_kwh = 0.0;
  for (std::size_t i = 0; i < weather.size(); ++i) {
    if (clock.enter_local_hour(weather.interval_start(i))) {
      price_cny_per_kwh = grid.import_price(clock.local_hour()).in_cny_per_kwh();
    }
    out.push_back(price_cny_per_kwh);
  }
  return out;
}

// A guide curve's target storage (m³) at the start of each step: the level
// aimed for at the end of each local month, linear in time from the end of
// the month before, turned into storage through the level table. Empty
// without a guide curve.
std::vector<double> guide_storage_by_step(const gen::HydroPlant& plant,
                                          const resource::WeatherSeries& weather,
                                          double utc_offset_h) {
  std::vector<double> out;
  const std::vector<double>& guide = plant.params().guide_curve_level_m;
  if (guide.size() != 12) return out;
  out.reserve(weather.size());
  // The calendar is read only when a step leaves the month held.
  Timestamp month_start;
  Timestamp next_month = month_start;
  int month = 1;
  for (std::size_t i = 0; i < weather.size(); ++i) {
    const Timestamp t = weather.interval_start(i);
    if (!(t >= month_start && t < next_month)) {
      const CivilTime local = to_civil(t, utc_offset_h);
      month = local.month;
      month_start = to_timestamp({.year = local.year, .month = local.month}, utc_offset_h);
      next_month = to_timestamp(
          {.year = month == 12 ? local.year + 1 : local.year, .month = month == 12 ? 1 : month + 1},
          utc_offset_h);
    }
    const double frac = static_cast<double>((t - month_start).in_seconds()) /
                        static_cast<double>((next_month - month_start).in_seconds());
    const double from_m = guide[static_cast<std::size_t>((month + 10) % 12)];  // month before
    const double to_m = guide[static_cast<std::size_t>(month - 1)];
    out.push_back(plant.storage_m3_at_level(from_m + (to_m - from_m) * frac));
  }
  return out;
}

}  // namespace

Plant::Plant(const Setup& setup) : dt_(setup.weather.step) {
  for (const auto& params : setup.batteries) {
    batteries_.emplace_back(params);
    battery_states_.push_back(batteries_.back().initial_state());
    ageing_.emplace_back(params.degradation);
    replacements_.push_back(0);
    augmentations_.emplace_back();
    aux_load_ += kw(params.aux_load_kw);
  }
  steps_per_day_ = std::max<std::int64_t>(1, Duration::days(1).in_seconds() / dt_.in_seconds());
  for (const auto& params : setup.pumped_storage) {
    pumped_.emplace_back(params);
    pumped_states_.push_back(pumped_.back().initial_state());
  }
  for (const auto& b : batteries_) nameplate_kwh_ += b.params().energy_kwh;
  capacity_now_kwh_ = sum_capacity_now_kwh();
  unit_max_charge_.resize(batteries_.size() + pumped_.size());
  unit_max_discharge_.resize(batteries_.size() + pumped_.size());
  // Energy already stored at the start is counted as clean: it is assumed to
  // have come from the plant before the run began.
  battery_green_kwh_ = battery_stored_kwh() + pumped_stored_kwh();
  // For the direct-supply accounting it counts as wind and solar when the
  // base has any, as other clean energy otherwise.
  battery_wind_solar_kwh_ = setup.pv.empty() && setup.wind.empty() ? 0.0 : battery_green_kwh_;
  if (setup.hydro) {
    hydro_.emplace(setup.hydro->params);
    hydro_state_ = hydro_->initial_state();
    hydro_level_m_ = hydro_->level_m(hydro_state_);
    first_inflow_m3_per_s_ =
        setup.hydro->inflow_m3_per_s.empty() ? 0.0 : setup.hydro->inflow_m3_per_s.front();
    hydro_reports_.push_back(
        HydroPlantReport{.name = setup.hydro->params.name,
                         .storage_start_hm3 = hydro_state_.storage_m3 / 1e6,
                         .storage_end_hm3 = hydro_state_.storage_m3 / 1e6,
                         .storage_max_hm3 = setup.hydro->params.storage_max_hm3});
    releases_m3_per_s_.emplace_back();
    guide_storage_m3_.push_back(
        guide_storage_by_step(*hydro_, setup.weather, setup.site.utc_offset_h));
    for (const HydroSetup& c : setup.hydro_cascade) {
      cascade_.emplace_back(c.params);
      cascade_states_.push_back(cascade_.back().initial_state());
      cascade_local_m3_per_s_.push_back(c.inflow_m3_per_s);
      const double steps = c.travel_delay_h / dt_.in_hours();
      cascade_delay_steps_.push_back(
          std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(steps))));
      hydro_reports_.push_back(
          HydroPlantReport{.name = c.params.name,
                           .storage_start_hm3 = cascade_states_.back().storage_m3 / 1e6,
                           .storage_end_hm3 = cascade_states_.back().storage_m3 / 1e6,
                           .storage_max_hm3 = c.params.storage_max_hm3});
      releases_m3_per_s_.emplace_back();
      guide_storage_m3_.push_back(
          guide_storage_by_step(cascade_.back(), setup.weather, setup.site.utc_offset_h));
    }
  }
  if (setup.grid) {
    grid_.emplace(*setup.grid);
    import_price_cny_per_kwh_ = tariff_by_step(*grid_, setup.weather, setup.site.utc_offset_h);
  }
}

dispatch::StepOffer Plant::offer(std::size_t i, Timestamp t, Power load, Power renewables,
                                 Flow inflow) {
  dispatch::StepOffer o{
      .step_index = i, .start = t, .dt = dt_, .load = load, .renewables = renewables};
  o.aux_load = aux_load_;
  if (hydro_) {
    const gen::HydroPowerRange range =
        hydro_->power_range(hydro_state_, inflow, dt_, target_storage_m3(0, i));
    o.hydro_min = range.min;
    o.hydro_max = std::max(range.min, range.max);
    o.hydro_target = range.target;
  }
  for (std::size_t c = 0; c < cascade_.size(); ++c) {
    const Flow q = cascade_inflow(c, i);
    const Power lo = cascade_[c].min_power(cascade_states_[c], q, dt_);
    const Power hi = std::max(lo, cascade_[c].max_power(cascade_states_[c], q, dt_));
    o.hydro_min += lo;
    o.hydro_max += hi;
    o.hydro_target += std::clamp(
        cascade_[c].target_power(cascade_states_[c], q, dt_, target_storage_m3(c + 1, i)), lo, hi);
  }
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    const gen::BatteryLimits limits = batteries_[b].limits(battery_states_[b], dt_);
    unit_max_charge_[b] = limits.max_charge;
    unit_max_discharge_[b] = limits.max_discharge;
  }
  for (std::size_t k = 0; k < pumped_.size(); ++k) {
    const std::size_t u = batteries_.size() + k;
    unit_max_charge_[u] = pumped_[k].max_pump(pumped_states_[k], dt_);
    unit_max_discharge_[u] = pumped_[k].max_generate(pumped_states_[k], dt_);
  }
  for (const Power p : unit_max_charge_) o.battery_max_charge += p;
  for (const Power p : unit_max_discharge_) o.battery_max_discharge += p;
  offered_step_ = i;
  if (grid_) {
    o.grid_import_limit = grid_->import_limit();
    o.grid_export_limit = grid_->export_limit();
    o.import_price = cny_per_kwh(import_price_cny_per_kwh_[i]);
    o.grid_carbon_g_per_kwh = grid_->carbon_g_per_kwh(i);
  }
  return o;
}

Flow Plant::cascade_inflow(std::size_t c, std::size_t i) const {
  const std::vector<double>& above = releases_m3_per_s_[c];
  const std::size_t k = cascade_delay_steps_[c];
  // Before the run, the plant above is taken to have released what flowed
  // into the top of the cascade at the first step (a steady state).
  double from_above = first_inflow_m3_per_s_;
  if (i >= k && i - k < above.size()) from_above = above[i - k];
  const std::vector<double>& local = cascade_local_m3_per_s_[c];
  return m3_per_s(from_above + (i < local.size() ? local[i] : 0.0));
}

double Plant::share_frac(Power total, const std::vector<Power>& limits) {
  Power sum;
  for (const Power p : limits) sum += p;
  if (sum <= kw(0.0)) return 0.0;
  return std::min(1.0, total / sum);
}

// Hydro: the decision's power shared among [hydro] and the cascade, each
// plant stepped, and a difference from the decision rebalanced on the bus.
inline void Plant::apply_hydro(const dispatch::StepOffer& offer,
                               const dispatch::StepDecision& decision, Flow inflow, AppliedStep& a,
                               Power& clean_to_load) {
  const std::size_t step_index = offer.step_index;
  const CascadeShares shares =
      cascade_.empty() ? CascadeShares{} : share_cascade(step_index, inflow, decision.hydro);
  // Plant k gets lows[k] + to_target[k] * target_frac + room[k] * extra_frac.
  const auto request = [&](std::size_t k) {
    return cascade_lows_[k] + cascade_to_target_[k] * shares.target_frac +
           cascade_room_[k] * shares.extra_frac;
  };
  const Power main_request = cascade_.empty() ? decision.hydro : request(0);
  const gen::HydroStep h = hydro_->step(hydro_state_, inflow, main_request, dt_);
  hydro_state_ = h.next;
  hydro_level_m_ = h.level_m;
  a.hydro = h.power;
  a.spill = h.spill_flow;
  record_hydro(0, h, a);
  for (std::size_t c = 0; c < cascade_.size(); ++c) {
    const gen::HydroStep hc =
        cascade_[c].step(cascade_states_[c], cascade_inflows_[c + 1], request(c + 1), dt_);
    cascade_states_[c] = hc.next;
    a.hydro += hc.power;
    record_hydro(c + 1, hc, a);
  }
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

// The decision's hydro power among the plants: each plant its must-run, then
// up to its target in proportion to each one's way to it, the rest in
// proportion to each plant's headroom above its target. Fills the scratch
// buffers cascade_inflows_, cascade_lows_, cascade_to_target_, cascade_room_.
inline Plant::CascadeShares Plant::share_cascade(std::size_t step_index, Flow inflow,
                                                 Power hydro_request) {
  std::vector<Flow>& inflows = cascade_inflows_;
  std::vector<Power>& lows = cascade_lows_;
  std::vector<Power>& to_target = cascade_to_target_;
  std::vector<Power>& room = cascade_room_;
  inflows.clear();
  lows.clear();
  to_target.clear();
  room.clear();
  const auto add = [&](const gen::HydroPlant& plant, const gen::HydroState& state, Flow q,
                       std::size_t k) {
    const gen::HydroPowerRange range =
        plant.power_range(state, q, dt_, target_storage_m3(k, step_index));
    const Power hi = std::max(range.min, range.max);
    const Power target = range.target;
    inflows.push_back(q);
    lows.push_back(range.min);
    to_target.push_back(target - range.min);
    room.push_back(hi - target);
  };
  add(*hydro_, hydro_state_, inflow, 0);
  for (std::size_t c = 0; c < cascade_.size(); ++c) {
    add(cascade_[c], cascade_states_[c], cascade_inflow(c, step_index), c + 1);
  }
  Power low_sum;
  Power to_target_sum;
  for (std::size_t k = 0; k < lows.size(); ++k) {
    low_sum += lows[k];
    to_target_sum += to_target[k];
  }
  const Power above_low = positive_part(hydro_request - low_sum);
  CascadeShares shares;
  shares.target_frac = share_frac(above_low, to_target);
  shares.extra_frac = share_frac(positive_part(above_low - to_target_sum), room);
  return shares;
}

// Adds hydro step h of plant k ([hydro] 0, then the cascade) to its report
// and its spill to a.hydro_spilled.
inline void Plant::record_hydro(std::size_t k, const gen::HydroStep& h, AppliedStep& a) {
  HydroPlantReport& rep = hydro_reports_[k];
  const double hm3_per_m3_per_s = static_cast<double>(dt_.in_seconds()) * 1e-6;
  rep.energy_kwh += (h.power * dt_).in_kwh();
  rep.turbined_hm3 += h.turbine_flow.in_m3_per_s() * hm3_per_m3_per_s;
  rep.spill_hm3 += h.spill_flow.in_m3_per_s() * hm3_per_m3_per_s;
  if (h.spill_flow > m3_per_s(0.0)) {
    const Power spilled = (k == 0 ? *hydro_ : cascade_[k - 1]).spill_power(h);
    rep.spill_energy_kwh += (spilled * dt_).in_kwh();
    a.hydro_spilled += spilled;
  }
  rep.evaporation_hm3 += h.evaporation.in_m3_per_s() * hm3_per_m3_per_s;
  rep.storage_end_hm3 = h.next.storage_m3 / 1e6;
  // Kept for the plant below, if any (its inflow after the travel delay).
  if (k < cascade_.size()) releases_m3_per_s_[k].push_back(h.release().in_m3_per_s());
}

// Storage: a net request, shared in proportion to each unit's limit
// (batteries first in the list, then pumped storage); ages the batteries
// once a day. Returns the stored energy before and after the step.
inline Plant::StoredEnergy Plant::apply_storage(const dispatch::StepOffer& offer,
                                                const dispatch::StepDecision& decision,
                                                double ambient_temp_c, AppliedStep& a) {
  const Power net_discharge = decision.battery_to_load - decision.battery_charge();
  const bool discharging = net_discharge >= kw(0.0);
  // The units' limits, as offer() found them for this state.
  SHAPAN_ASSERT(offer.step_index == offered_step_, "apply() follows offer() of its step");
  const std::vector<Power>& limits = discharging ? unit_max_discharge_ : unit_max_charge_;
  // Unit b's part is limits[b] * frac.
  const double frac = share_frac(discharging ? net_discharge : -net_discharge, limits);
  StoredEnergy stored;
  stored.battery_before_kwh = battery_stored_kwh();
  stored.pumped_before_kwh = pumped_stored_kwh();
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    const double soc_before = batteries_[b].soc_frac(battery_states_[b]);
    const Power part = limits[b] * frac;
    const gen::BatteryStep s =
        batteries_[b].step(battery_states_[b], discharging ? part : -part, dt_,
                           gen::BatteryLimits{.max_charge = unit_max_charge_[b],
                                              .max_discharge = unit_max_discharge_[b]});
    battery_states_[b] = s.next;
    a.battery_charge += s.charge_ac;
    a.battery_discharge += s.discharge_ac;
    a.battery_loss += s.loss;
    const gen::BatteryParams& bp = batteries_[b].params();
    const double temp_c =
        bp.cell_temp_follows_ambient ? ambient_temp_c + bp.cell_temp_offset_c : bp.cell_temp_c;
    ageing_[b].observe(s.soc_frac, 0.5 * (soc_before + s.soc_frac), dt_, temp_c);
  }
  for (std::size_t k = 0; k < pumped_.size(); ++k) {
    const Power part = limits[batteries_.size() + k] * frac;
    const gen::PumpedStorageStep s =
        pumped_[k].step(pumped_states_[k], discharging ? part : -part, dt_);
    pumped_states_[k] = s.next;
    a.pumped_charge += s.pump_ac;
    a.pumped_discharge += s.turbine_ac;
    a.pumped_loss += s.loss;
  }
  if (++step_count_ % steps_per_day_ == 0) a.battery_loss += age_batteries();
  stored.battery_after_kwh = battery_stored_kwh();
  stored.pumped_after_kwh = pumped_stored_kwh();
  a.battery_stored_change = kwh(stored.battery_after_kwh - stored.battery_before_kwh);
  a.pumped_stored_change = kwh(stored.pumped_after_kwh - stored.pumped_before_kwh);
  a.battery_to_load = a.battery_discharge + a.pumped_discharge;
  return stored;
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

  // (Without a cascade the single plant takes the decision as it is.)
  if (hydro_) apply_hydro(offer, decision, inflow, a, clean_to_load);
  const StoredEnergy stored = apply_storage(offer, decision, ambient_temp_c, a);

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
  if (aux_load_ > kw(0.0)) {
    a.battery_aux = aux_load_;
    const Power rest = aux_load_ - min_power(decision.clean_to_aux, aux_load_);
    const Power from_surplus = min_power(rest, a.curtailed);
    a.curtailed -= from_surplus;
    cover_deficit(a, offer.grid_import_limit, rest - from_surplus);
  }

  // Clean share of the stored energy (batteries and pumped storage together),
  // mixed in proportion to what came in.
  const double pool_before_kwh = stored.battery_before_kwh + stored.pumped_before_kwh;
  const double in_kwh = ((a.battery_charge + a.pumped_charge) * dt_).in_kwh();
  const double grid_in_kwh = std::min(in_kwh, (a.grid_to_battery * dt_).in_kwh());
  const double mix_frac =
      pool_before_kwh + in_kwh > 0.0
          ? (battery_green_kwh_ + in_kwh - grid_in_kwh) / (pool_before_kwh + in_kwh)
          : 1.0;
  battery_green_kwh_ = mix_frac * (stored.battery_after_kwh + stored.pumped_after_kwh);
  a.green_to_load = clean_to_load + a.battery_to_load * mix_frac;
  const WindSolarFlows ws =
      track_wind_solar(offer, a, clean_to_load, in_kwh - grid_in_kwh, pool_before_kwh + in_kwh);
  a.wind_solar_to_load = ws.to_load;
  a.wind_solar_to_grid = ws.to_grid;
  a.served = offer.load - a.unserved;
  return a;
}

// --- Wind + solar origin (绿电直连 accounting, docs/results.md) ---
// Wind and solar reach the load before hydro (the rule dispatch calls hydro
// only for the shortfall, and they cannot wait); the clean surplus left after
// the load (wind + solar + hydro) goes to storage, export and curtailment in
// proportion to each source's part of it. The stored energy mixes like the
// clean share above, so its discharge carries the wind+solar share held.
Plant::WindSolarFlows Plant::track_wind_solar(const dispatch::StepOffer& offer,
                                              const AppliedStep& a, Power clean_to_load,
                                              double clean_in_kwh, double pool_and_in_kwh) {
  const Power ws_direct = min_power(offer.renewables, clean_to_load);
  const Power clean_surplus = offer.renewables + a.hydro - clean_to_load;
  const double ws_surplus_frac =
      clean_surplus > kw(0.0) ? std::clamp((offer.renewables - ws_direct) / clean_surplus, 0.0, 1.0)
                              : 0.0;
  const double ws_mix_frac =
      pool_and_in_kwh > 0.0
          ? (battery_wind_solar_kwh_ + std::max(0.0, clean_in_kwh) * ws_surplus_frac) /
                pool_and_in_kwh
          : 0.0;
  battery_wind_solar_kwh_ = ws_mix_frac * (battery_stored_kwh() + pumped_stored_kwh());
  return {.to_load = ws_direct + a.battery_to_load * ws_mix_frac,
          .to_grid = a.grid_export * ws_surplus_frac};
}

Energy Plant::age_batteries() {
  Energy cut;
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    const gen::BatteryParams& p = batteries_[b].params();
    if (!p.degradation.enabled) continue;
    double health = ageing_[b].capacity_frac();
    if (health <= p.end_of_life_capacity_frac) {
      switch (p.end_of_life_action) {
        case gen::EndOfLifeAction::kReplace:
          ageing_[b].replace();
          ++replacements_[b];
          health = 1.0;
          break;
        case gen::EndOfLifeAction::kAugment: {
          // New modules make up the lost capacity; they age from new.
          const double added_frac = 1.0 - health;
          ageing_[b].augment(added_frac);
          ++augmentations_[b].augmentations;
          augmentations_[b].augmented_kwh += added_frac * p.energy_kwh;
          health = ageing_[b].capacity_frac();
          break;
        }
        case gen::EndOfLifeAction::kNone:
          break;
      }
    }
    gen::BatteryState& s = battery_states_[b];
    s.health_frac = std::clamp(health, 1e-6, 1.0);
    // A faded cell cannot hold more than its window allows: the excess is lost.
    const double max_kwh = p.soc_max_frac * batteries_[b].capacity_kwh(s);
    if (s.stored_kwh > max_kwh) {
      cut += kwh(s.stored_kwh - max_kwh);
      s.stored_kwh = max_kwh;
    }
  }
  capacity_now_kwh_ = sum_capacity_now_kwh();
  return cut;
}

double Plant::sum_capacity_now_kwh() const {
  double sum = 0.0;
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    sum += batteries_[b].capacity_kwh(battery_states_[b]);
  }
  return sum;
}

std::vector<BatteryAgeingReport> Plant::battery_ageing() const {
  std::vector<BatteryAgeingReport> out;
  for (std::size_t b = 0; b < batteries_.size(); ++b) {
    const gen::BatteryParams& p = batteries_[b].params();
    out.push_back(BatteryAgeingReport{
        .name = p.name,
        .chemistry = p.chemistry,
        .nameplate_kwh = p.energy_kwh,
        // The fade up to the end of the run, open cycles included.
        .capacity_end_frac = p.degradation.enabled ? ageing_[b].capacity_frac() : 1.0,
        .replacements = replacements_[b],
        .cycle_damage = ageing_[b].cycle_damage_total(),
        .calendar_damage = ageing_[b].calendar_damage_total(),
        .augmentations = augmentations_[b].augmentations,
        .augmented_kwh = augmentations_[b].augmented_kwh});
  }
  return out;
}

std::vector<HydroPlantReport> Plant::hydro_reports() const { return hydro_reports_; }

double Plant::pumped_stored_kwh() const {
  double sum = 0.0;
  for (std::size_t k = 0; k < pumped_.size(); ++k) {
    sum += pumped_[k].stored(pumped_states_[k]).in_kwh();
  }
  return sum;
}

double Plant::pumped_upper_hm3() const {
  double sum = 0.0;
  for (const auto& s : pumped_states_) sum += s.upper_m3 / 1e6;
  return sum;
}

}  // namespace shapan::sim
