// [optimize]: what `shapan optimize` solves for and within which limits.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "sections.h"

namespace shapan::io {
namespace {

const toml::table kNone;

std::optional<double> fraction(TableReader& r, std::string_view key) {
  const std::optional<double> v = r.optional_number(key);
  if (v && !(*v >= 0.0 && *v <= 1.0)) {
    r.add_issue(key, fmt::format("= {}: must be between 0 and 1", format_number(*v)));
    return std::nullopt;
  }
  return v;
}

double bound(TableReader& r, std::string_view key, double fallback) {
  const double v = r.number(key, fallback);
  if (!(v >= 0.0)) {
    r.add_issue(key, fmt::format("= {}: must be >= 0", format_number(v)));
    return fallback;
  }
  return v;
}

// --mode mpc: horizon, re-plan interval and forecast (docs/scenario.md).
optimize::MpcOptions read_mpc(TableReader& r) {
  optimize::MpcOptions m;
  for (const auto& [key, value] :
       {std::pair{"horizon_h", &m.horizon_h}, std::pair{"replan_every_h", &m.replan_every_h}}) {
    *value = r.number(key, *value);
    // Whole hours: every step the run allows (60, 30, 15, 5, 1 min) divides
    // an hour, so the horizon and the interval are whole numbers of steps.
    if (!(*value >= 1.0 && *value <= 8784.0 && std::floor(*value) == *value)) {
      r.add_issue(key, fmt::format("= {} h: must be a whole number of hours, 1 to 8784 (a leap "
                                   "year)",
                                   format_number(*value)));
    }
  }
  if (m.replan_every_h > m.horizon_h) {
    r.add_issue("replan_every_h",
                fmt::format("= {} h: must be <= horizon_h ({} h)", format_number(m.replan_every_h),
                            format_number(m.horizon_h)));
  }
  m.forecast = r.choice("forecast",
                        {{"perfect", optimize::Forecast::kPerfect},
                         {"persistence", optimize::Forecast::kPersistence},
                         {"noisy", optimize::Forecast::kNoisy}},
                        m.forecast);
  for (const auto& [key, value] :
       {std::pair{"forecast_error_frac", &m.forecast_error_frac},
        std::pair{"load_forecast_error_frac", &m.load_forecast_error_frac}}) {
    *value = r.number(key, *value);
    if (!(*value >= 0.0 && *value <= 10.0)) {
      r.add_issue(key, fmt::format("= {}: must be between 0 and 10", format_number(*value)));
    }
  }
  m.discount_frac_per_h = r.number("discount_frac_per_h", m.discount_frac_per_h);
  if (!(m.discount_frac_per_h >= 0.0 && m.discount_frac_per_h < 1.0)) {
    r.add_issue("discount_frac_per_h", fmt::format("= {} per h: must be >= 0 and < 1",
                                                   format_number(m.discount_frac_per_h)));
  }
  m.reservoir_end = r.choice("reservoir_end",
                             {{"rules_run", optimize::ReservoirEnd::kRulesRun},
                              {"run_start", optimize::ReservoirEnd::kRunStart}},
                             m.reservoir_end);
  const int seed = r.integer("forecast_seed", 1);
  if (seed < 0) r.add_issue("forecast_seed", fmt::format("= {}: must be >= 0", seed));
  m.forecast_seed = static_cast<std::uint64_t>(seed < 0 ? 0 : seed);
  return m;
}

}  // namespace

optimize::Options read_optimize(const toml::table* table, ReadContext& ctx) {
  TableReader r(table != nullptr ? *table : kNone, "optimize", ctx);
  optimize::Options o;
  o.mode = r.choice("mode",
                    {{"dispatch", optimize::Mode::kDispatch},
                     {"mpc", optimize::Mode::kMpc},
                     {"sizing", optimize::Mode::kSizing},
                     {"coordination_bound", optimize::Mode::kCoordinationBound}},
                    o.mode);
  o.method = r.choice("method",
                      {{"capacity_search", optimize::SizingMethodChoice::kCapacitySearch},
                       {"monolithic", optimize::SizingMethodChoice::kMonolithic}},
                      o.method);
  o.objective =
      r.choice("objective",
               {{"cost", optimize::Objective::kCost}, {"max_cfe", optimize::Objective::kMaxCfe}},
               o.objective);
  o.bound_hydro = r.choice(
      "bound_hydro",
      {{"fcfs_series", optimize::BoundHydro::kFcfsSeries}, {"lp", optimize::BoundHydro::kLp}},
      o.bound_hydro);
  o.time_limit_s = r.number("time_limit_s", o.time_limit_s);
  if (!(o.time_limit_s > 0.0)) {
    r.add_issue("time_limit_s", fmt::format("= {} s: must be > 0", format_number(o.time_limit_s)));
  }
  o.co2_cap_t = r.optional_number("co2_cap_t");
  if (o.co2_cap_t && !(*o.co2_cap_t >= 0.0 && std::isfinite(*o.co2_cap_t))) {
    r.add_issue("co2_cap_t", fmt::format("= {} t: must be >= 0", format_number(*o.co2_cap_t)));
  }
  o.grid_share_max_frac = fraction(r, "grid_share_max_frac");
  o.cfe_min_frac = fraction(r, "cfe_min_frac");
  o.green_share_min_frac = fraction(r, "green_share_min_frac");
  o.pv_min_kw = bound(r, "pv_min_kw", o.pv_min_kw);
  o.pv_max_kw = bound(r, "pv_max_kw", o.pv_max_kw);
  o.wind_min_kw = bound(r, "wind_min_kw", o.wind_min_kw);
  o.wind_max_kw = bound(r, "wind_max_kw", o.wind_max_kw);
  o.battery_min_kw = bound(r, "battery_min_kw", o.battery_min_kw);
  o.battery_max_kw = bound(r, "battery_max_kw", o.battery_max_kw);
  o.battery_min_kwh = bound(r, "battery_min_kwh", o.battery_min_kwh);
  o.battery_max_kwh = bound(r, "battery_max_kwh", o.battery_max_kwh);
  o.keep_existing = r.boolean("keep_existing", o.keep_existing);
  o.size_grid_tie = r.boolean("size_grid_tie", o.size_grid_tie);
  o.grid_min_kw = bound(r, "grid_min_kw", o.grid_min_kw);
  o.grid_max_kw = bound(r, "grid_max_kw", o.grid_max_kw);
  o.grid_tie_margin_frac = bound(r, "grid_tie_margin_frac", o.grid_tie_margin_frac);
  o.whole_turbines = r.boolean("whole_turbines", o.whole_turbines);
  o.move_jobs = r.boolean("move_jobs", o.move_jobs);
  o.representative_days = r.integer("representative_days", o.representative_days);
  if (o.representative_days < 0) {
    r.add_issue("representative_days",
                fmt::format("= {}: must be >= 0 (0: the full run)", o.representative_days));
  }
  o.cfe_curve_frac = r.numbers("cfe_curve_frac", {});
  for (const double v : o.cfe_curve_frac) {
    if (!(v >= 0.0 && v <= 1.0)) {
      r.add_issue("cfe_curve_frac", fmt::format("contains {}: each target must be between 0 and 1",
                                                format_number(v)));
    }
  }
  if (!std::is_sorted(o.cfe_curve_frac.begin(), o.cfe_curve_frac.end())) {
    r.add_issue("cfe_curve_frac", "targets must be in ascending order");
  }
  for (const auto& [lo, hi, name] :
       {std::tuple{o.pv_min_kw, o.pv_max_kw, "pv_min_kw"},
        std::tuple{o.wind_min_kw, o.wind_max_kw, "wind_min_kw"},
        std::tuple{o.battery_min_kw, o.battery_max_kw, "battery_min_kw"},
        std::tuple{o.battery_min_kwh, o.battery_max_kwh, "battery_min_kwh"},
        std::tuple{o.grid_min_kw, o.grid_max_kw, "grid_min_kw"}}) {
    if (lo > hi) {
      r.add_issue(name, fmt::format("= {}: must be <= the matching _max ({})", format_number(lo),
                                    format_number(hi)));
    }
  }
  o.mpc = read_mpc(r);
  // Read into the cost book (read_cost_book): a price, not a limit.
  r.known_elsewhere({"carbon_price_per_t", "carbon_price_cny_per_t"});
  r.finish();
  return o;
}

}  // namespace shapan::io
