#include "hydro_cascade.h"

#include <algorithm>
#include <cmath>

#include "shares.h"

namespace shapan::sim {
namespace {

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

HydroPlantReport start_report(const gen::HydroPlant& plant, const gen::HydroState& state) {
  return HydroPlantReport{.name = plant.params().name,
                          .storage_start_hm3 = state.storage_m3 / 1e6,
                          .storage_end_hm3 = state.storage_m3 / 1e6,
                          .storage_max_hm3 = plant.params().storage_max_hm3};
}

}  // namespace

HydroCascade::HydroCascade(const HydroSetup& top, const std::vector<HydroSetup>& below,
                           const resource::WeatherSeries& weather, double utc_offset_h)
    : dt_(weather.step), top_(top.params) {
  top_state_ = top_.initial_state();
  top_level_m_ = top_.level_m(top_state_);
  first_inflow_m3_per_s_ = top.inflow_m3_per_s.empty() ? 0.0 : top.inflow_m3_per_s.front();
  reports_.push_back(start_report(top_, top_state_));
  releases_m3_per_s_.emplace_back();
  guide_storage_m3_.push_back(guide_storage_by_step(top_, weather, utc_offset_h));
  for (const HydroSetup& c : below) {
    below_.emplace_back(c.params);
    below_states_.push_back(below_.back().initial_state());
    below_local_m3_per_s_.push_back(c.inflow_m3_per_s);
    const double steps = c.travel_delay_h / dt_.in_hours();
    below_delay_steps_.push_back(
        std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(steps))));
    reports_.push_back(start_report(below_.back(), below_states_.back()));
    releases_m3_per_s_.emplace_back();
    guide_storage_m3_.push_back(guide_storage_by_step(below_.back(), weather, utc_offset_h));
  }
}

HydroCascadeStep HydroCascade::apply(std::size_t i, Flow inflow, Power request) {
  // (Without plants below, [hydro] takes the request as it is.)
  const Shares shares = below_.empty() ? Shares{} : share(i, inflow, request);
  // Plant k gets lows[k] + to_target[k] * target_frac + room[k] * extra_frac.
  const auto request_of = [&](std::size_t k) {
    return lows_[k] + to_target_[k] * shares.target_frac + room_[k] * shares.extra_frac;
  };
  HydroCascadeStep out;
  // A plan's split, where it has one for this step.
  const bool planned = !below_.empty() && plan_split(i, request);
  const auto planned_request = [&](std::size_t k) { return planned_[k]; };
  const Power top_request =
      planned ? planned_request(0) : (below_.empty() ? request : request_of(0));
  const gen::HydroStep h = top_.step(top_state_, inflow, top_request, dt_);
  top_state_ = h.next;
  top_level_m_ = h.level_m;
  out.power = h.power;
  out.spill = h.spill_flow;
  record(0, h, out);
  for (std::size_t c = 0; c < below_.size(); ++c) {
    const gen::HydroStep hc =
        below_[c].step(below_states_[c], inflows_[c + 1],
                       planned ? planned_request(c + 1) : request_of(c + 1), dt_);
    below_states_[c] = hc.next;
    out.power += hc.power;
    record(c + 1, hc, out);
  }
  return out;
}

// The request among the plants (the header has the rule). Fills the scratch
// buffers inflows_, lows_, to_target_, room_.
inline HydroCascade::Shares HydroCascade::share(std::size_t i, Flow inflow, Power request) {
  inflows_.clear();
  lows_.clear();
  to_target_.clear();
  room_.clear();
  const auto add = [&](const gen::HydroPlant& p, const gen::HydroState& state, Flow q,
                       std::size_t k) {
    const gen::HydroPowerRange range = p.power_range(state, q, dt_, target_storage_m3(k, i));
    const Power hi = std::max(range.min, range.max);
    const Power target = range.target;
    inflows_.push_back(q);
    lows_.push_back(range.min);
    to_target_.push_back(target - range.min);
    room_.push_back(hi - target);
  };
  add(top_, top_state_, inflow, 0);
  for (std::size_t c = 0; c < below_.size(); ++c) {
    add(below_[c], below_states_[c], below_inflow(c, i), c + 1);
  }
  Power low_sum;
  Power to_target_sum;
  for (std::size_t k = 0; k < lows_.size(); ++k) {
    low_sum += lows_[k];
    to_target_sum += to_target_[k];
  }
  const Power above_low = positive_part(request - low_sum);
  Shares shares;
  shares.target_frac = share_frac(above_low, to_target_);
  shares.extra_frac = share_frac(positive_part(above_low - to_target_sum), room_);
  return shares;
}

// The request in the plan's proportions, each plant's part within its own
// range (lows_ .. lows_ + to_target_ + room_, from share()), what one
// plant cannot take moved to the others in proportion to their room: into
// planned_. False where the plan has no power at step i.
inline bool HydroCascade::plan_split(std::size_t i, Power request) {
  const std::size_t n = lows_.size();
  if (plan_kw_.size() != n) return false;
  double total_kw = 0.0;
  for (const std::vector<double>& p : plan_kw_) total_kw += i < p.size() ? p[i] : 0.0;
  if (!(total_kw > 0.0)) return false;
  planned_.resize(n);
  Power placed;
  for (std::size_t k = 0; k < n; ++k) {
    const Power hi = lows_[k] + to_target_[k] + room_[k];
    const double kw_k = i < plan_kw_[k].size() ? plan_kw_[k][i] : 0.0;
    planned_[k] = std::clamp(request * (kw_k / total_kw), lows_[k], std::max(lows_[k], hi));
    placed += planned_[k];
  }
  const Power rest = request - placed;
  Power room;
  for (std::size_t k = 0; k < n; ++k) {
    const Power hi = lows_[k] + to_target_[k] + room_[k];
    room += rest > kw(0.0) ? positive_part(hi - planned_[k]) : planned_[k] - lows_[k];
  }
  if (room > kw(0.0)) {
    const double frac = std::min(1.0, std::abs(rest / room));
    for (std::size_t k = 0; k < n; ++k) {
      const Power hi = lows_[k] + to_target_[k] + room_[k];
      planned_[k] +=
          rest > kw(0.0) ? positive_part(hi - planned_[k]) * frac : (lows_[k] - planned_[k]) * frac;
    }
  }
  return true;
}

// Adds hydro step h of plant k to its report and its spill to out.spilled.
inline void HydroCascade::record(std::size_t k, const gen::HydroStep& h, HydroCascadeStep& out) {
  HydroPlantReport& rep = reports_[k];
  const double hm3_per_m3_per_s = static_cast<double>(dt_.in_seconds()) * 1e-6;
  rep.energy_kwh += (h.power * dt_).in_kwh();
  rep.turbined_hm3 += h.turbine_flow.in_m3_per_s() * hm3_per_m3_per_s;
  rep.spill_hm3 += h.spill_flow.in_m3_per_s() * hm3_per_m3_per_s;
  if (h.spill_flow > m3_per_s(0.0)) {
    const Power spilled = plant(k).spill_power(h);
    rep.spill_energy_kwh += (spilled * dt_).in_kwh();
    out.spilled += spilled;
  }
  rep.evaporation_hm3 += h.evaporation.in_m3_per_s() * hm3_per_m3_per_s;
  rep.storage_end_hm3 = h.next.storage_m3 / 1e6;
  // Kept for the plant below, if any (its inflow after the travel delay).
  if (k < below_.size()) releases_m3_per_s_[k].push_back(h.release().in_m3_per_s());
}

}  // namespace shapan::sim
