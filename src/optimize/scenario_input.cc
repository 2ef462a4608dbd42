#include "shapan/optimize/scenario_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "shapan/core/assert.h"
#include "shapan/core/cost.h"
#include "shapan/core/error.h"
#include "shapan/core/time.h"
#include "shapan/gen/grid.h"
#include "shapan/gen/solar_position.h"
#include "shapan/load/datacenter.h"
#include "shapan/metrics/cost_book.h"
#include "shapan/optimize/flexible_jobs.h"
#include "shapan/sim/prepared.h"
#include "shapan/sim/simulation.h"

namespace shapan::optimize {
namespace {

[[noreturn]] void refuse(const std::string& field, const std::string& message) {
  throw InputError(InputIssue{.source = "optimize", .field = field, .message = message});
}

// Unit i's costs in the book; a unit without an entry costs nothing.
const CostParams& cost_of(const std::vector<CostParams>& costs, std::size_t i) {
  static const CostParams kFree{};
  return i < costs.size() ? costs[i] : kFree;
}

std::vector<double> per_kw(std::vector<double> kw, double capacity_kw) {
  for (double& v : kw) v /= capacity_kw;
  return kw;
}

std::vector<double> pv_availability(const sim::Setup& setup, const resource::WeatherSeries& w,
                                    const gen::PvParams& array) {
  if (!array.availability_per_kw.empty()) return array.availability_per_kw;
  const std::vector<gen::SunPosition> sun = gen::sun_at_intervals(setup.site, w, array.sun_timing);
  return per_kw(gen::simulate_pv(array, w, sun, gen::PvDetail::kAcOnly).ac_kw,
                array.dc_capacity_kw);
}

std::vector<double> wind_availability(const sim::Setup& setup, const resource::WeatherSeries& w,
                                      const gen::WindParams& farm) {
  if (!farm.availability_per_kw.empty()) return farm.availability_per_kw;
  return per_kw(gen::simulate_wind(farm, setup.site, w, gen::WindDetail::kAcOnly).ac_kw,
                farm.rated_power_kw());
}

void add_sources(const sim::Setup& setup, const resource::WeatherSeries& weather,
                 const metrics::CostBook& costs, const Options& o, SizingProblem& p) {
  const double rate = costs.finance.discount_rate_frac;
  for (std::size_t i = 0; i < setup.pv.size(); ++i) {
    const gen::PvParams& a = setup.pv[i];
    const double lo = o.keep_existing ? std::max(o.pv_min_kw, a.dc_capacity_kw) : o.pv_min_kw;
    p.sources.push_back(
        SizedSource{.name = a.name,
                    .kind = "pv",
                    .availability_per_kw = pv_availability(setup, weather, a),
                    .capacity_min_kw = lo,
                    .capacity_max_kw = std::max(lo, o.pv_max_kw),
                    .cost_per_kw_year = metrics::cost_per_kw_year(cost_of(costs.pv, i), rate)});
  }
  for (std::size_t i = 0; i < setup.wind.size(); ++i) {
    const gen::WindParams& f = setup.wind[i];
    const double lo = o.keep_existing ? std::max(o.wind_min_kw, f.rated_power_kw()) : o.wind_min_kw;
    p.sources.push_back(SizedSource{
        .name = f.name,
        .kind = "wind",
        .availability_per_kw = wind_availability(setup, weather, f),
        .capacity_min_kw = lo,
        .capacity_max_kw = std::max(lo, o.wind_max_kw),
        .cost_per_kw_year = metrics::cost_per_kw_year(cost_of(costs.wind, i), rate),
        .unit_kw =
            o.whole_turbines && f.availability_per_kw.empty() ? f.turbine.rated_power_kw : 0.0});
  }
}

void add_storages(const sim::Setup& setup, const metrics::CostBook& costs, const Options& o,
                  SizingProblem& p) {
  const double rate = costs.finance.discount_rate_frac;
  for (std::size_t b = 0; b < setup.batteries.size(); ++b) {
    const gen::BatteryParams& bp = setup.batteries[b];
    const CostParams& cost = cost_of(costs.batteries, b);
    const double power = std::max(bp.max_charge_kw, bp.max_discharge_kw);
    const double p_lo = o.keep_existing ? std::max(o.battery_min_kw, power) : o.battery_min_kw;
    const double e_lo =
        o.keep_existing ? std::max(o.battery_min_kwh, bp.energy_kwh) : o.battery_min_kwh;
    const double keep_per_step = std::pow(1.0 - bp.self_discharge_frac_per_day, p.step_h / 24.0);
    p.storages.push_back(
        SizedStorage{.name = bp.name,
                     .power_min_kw = p_lo,
                     .power_max_kw = std::max(p_lo, o.battery_max_kw),
                     .energy_min_kwh = e_lo,
                     .energy_max_kwh = std::max(e_lo, o.battery_max_kwh),
                     .duration_h = b < o.battery_duration_h.size() ? o.battery_duration_h[b] : 0.0,
                     .cost_per_kw_year = metrics::cost_per_kw_year(cost, rate),
                     .cost_per_kwh_year = metrics::cost_per_kwh_year(cost, rate),
                     .charge_efficiency_frac = bp.charge_efficiency_frac,
                     .discharge_efficiency_frac = bp.discharge_efficiency_frac,
                     .self_discharge_frac_per_step = 1.0 - keep_per_step,
                     .soc_min_frac = bp.soc_min_frac,
                     .soc_max_frac = bp.soc_max_frac});
  }
}

// The workload: inflexible jobs' facility power joins the load; the flexible
// jobs become the LP's fluid (flexible_jobs.h).
void add_workload(const sim::Setup& setup, const resource::WeatherSeries& weather,
                  SizingProblem& p) {
  WorkloadSeries w = workload_series(setup, weather);
  for (std::size_t t = 0; t < p.load_kw.size(); ++t) {
    p.load_kw[t] += w.inflexible_it_kw[t] * w.flexible.pue[t];
  }
  p.flexible_jobs = std::move(w.flexible);
}

// The jobs held where fcfs runs them: fcfs starts a job when the cluster has
// room, whatever the plant, so one engine run of the scenario gives the
// facility power (online load and every job) that any plant must serve.
void hold_jobs(const sim::Setup& setup, sim::PreparedStore* store, SizingProblem& p) {
  sim::Setup fcfs = setup;
  fcfs.scheduler.policy = load::SchedulerPolicy::kFcfs;
  p.load_kw = sim::run(fcfs, sim::prepare(fcfs, store)).steps.datacenter_kw;
}

// The batteries fade as they age (gen/degradation.h): a plan on nameplate
// energy would count on storage the engine no longer has by the year's end
// (on the default base, 6 % of it). The fade depends on the dispatch only
// through the cycles' depth; a rule-based run's is the LP's estimate. The
// engine reports the pool's capacity; the ageing batteries share what the
// others (nameplate throughout) leave of it.
void add_battery_fade(const sim::Setup& setup, sim::PreparedStore* store, SizingProblem& p) {
  double ageing_kwh = 0.0;
  double steady_kwh = 0.0;
  for (const gen::BatteryParams& b : setup.batteries) {
    (b.degradation.enabled ? ageing_kwh : steady_kwh) += b.energy_kwh;
  }
  if (!(ageing_kwh > 0.0)) return;
  const std::size_t n = p.load_kw.size();
  const std::vector<double> pool =
      sim::run(setup, sim::prepare(setup, store)).steps.battery_capacity_frac;
  SHAPAN_ASSERT(pool.size() >= n, "the rules run covers the LP's steps");
  std::vector<double> fade(n);
  for (std::size_t t = 0; t < n; ++t) {
    const double own = (pool[t] * (ageing_kwh + steady_kwh) - steady_kwh) / ageing_kwh;
    fade[t] = std::clamp(own, 1e-6, 1.0);
  }
  for (std::size_t b = 0; b < setup.batteries.size(); ++b) {
    if (setup.batteries[b].degradation.enabled) p.storages[b].capacity_frac_per_step = fade;
  }
}

void add_grid(const sim::Setup& setup, const resource::WeatherSeries& weather, SizingProblem& p) {
  const std::size_t n = p.load_kw.size();
  if (!setup.grid) {
    p.grid_import_limit_kw = 0.0;
    p.grid_price_per_kwh.assign(n, 0.0);
    p.grid_carbon_kg_per_kwh.assign(n, 0.0);
    return;
  }
  const gen::Grid grid(*setup.grid);
  p.grid_import_limit_kw = setup.grid->import_limit_kw;
  for (const gen::BatteryParams& b : setup.batteries) p.import_reserved_kw += b.aux_load_kw;
  p.grid_price_per_kwh.resize(n);
  p.grid_carbon_kg_per_kwh.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    p.grid_price_per_kwh[i] =
        grid.import_price(weather.interval_start(i), setup.site.utc_offset_h).in_cny_per_kwh();
    p.grid_carbon_kg_per_kwh[i] = grid.carbon_g_per_kwh(i) / 1000.0;
  }
  if (setup.grid->export_limit_kw > 0.0) {
    // The engine exports the renewables' surplus within the limit at the
    // export price (sizing's row 9 and dispatch's row 5 bound it).
    p.grid_export_limit_kw = setup.grid->export_limit_kw;
    p.grid_export_price_per_kwh.assign(n, setup.grid->export_price_cny_per_kwh);
  }
  p.demand_charge_per_kw_month = setup.grid->demand_charge_cny_per_kw_month;
  if (p.demand_charge_per_kw_month > 0.0) {
    // Billing months as the engine counts them: each step's start in the
    // site's civil time (metrics/summary.cc).
    int last = -1;
    p.month_of_step.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const CivilTime local = to_civil(weather.interval_start(i), setup.site.utc_offset_h);
      const int month = local.year * 12 + local.month;
      const std::size_t before = i == 0 ? 0 : p.month_of_step[i - 1];
      p.month_of_step[i] = i == 0 ? 0 : before + (month != last ? 1 : 0);
      last = month;
    }
  }
}

void add_grid_tie(const sim::Setup& setup, const metrics::CostBook& costs, const Options& o,
                  SizingProblem& p) {
  if (!setup.grid) refuse("optimize.size_grid_tie", "there is no [grid] to size: add one");
  const double existing =
      std::isfinite(setup.grid->import_limit_kw) ? setup.grid->import_limit_kw : 0.0;
  // At least the import kept for the batteries' auxiliary load.
  const double lo = std::max(o.keep_existing ? std::max(o.grid_min_kw, existing) : o.grid_min_kw,
                             p.import_reserved_kw);
  p.grid_tie = SizedGridTie{.min_kw = lo,
                            .max_kw = std::max(lo, o.grid_max_kw),
                            .cost_per_kw_year = metrics::cost_per_kw_year(
                                cost_of(costs.grid_tie, 0), costs.finance.discount_rate_frac),
                            .margin_frac = o.grid_tie_margin_frac};
}

}  // namespace

SizingProblem sizing_problem(const sim::Setup& setup, const metrics::CostBook& costs,
                             const Options& options, sim::PreparedStore* store) {
  if (!setup.datacenter) refuse("datacenter", "sizing needs a load: add a [datacenter] section");
  if (options.objective != Objective::kCost) {
    refuse("objective",
           "objective = \"max_cfe\" is for mode = \"dispatch\": sizing minimises cost");
  }
  SizingProblem p;
  // The weather on the run's steps, as sim::prepare lays it (prepared.h).
  const std::shared_ptr<const resource::WeatherSeries> run_weather =
      sim::prepare_weather(setup, store);
  const resource::WeatherSeries& weather = *run_weather;
  p.step_h = weather.step.in_hours();
  p.load_kw =
      load::simulate_datacenter(*setup.datacenter, weather, setup.site.utc_offset_h).facility_kw;
  if (setup.workload && options.move_jobs) add_workload(setup, weather, p);
  if (setup.workload && !options.move_jobs) hold_jobs(setup, store, p);
  add_sources(setup, weather, costs, options, p);
  add_storages(setup, costs, options, p);
  add_battery_fade(setup, store, p);
  add_grid(setup, weather, p);
  if (options.size_grid_tie) add_grid_tie(setup, costs, options, p);
  if (!options.size_grid_tie && options.grid_tie_margin_frac > 0.0) {
    refuse("optimize.grid_tie_margin_frac",
           "is a margin of the sized grid tie: set optimize.size_grid_tie = true, or remove it");
  }
  p.hydro = hydro_problem(setup);  // as built, not sized
  p.carbon_price_per_t = costs.carbon_price_per_t;
  p.targets.co2_cap_t = options.co2_cap_t;
  p.targets.grid_share_max_frac = options.grid_share_max_frac;
  p.targets.cfe_min_frac = options.cfe_min_frac;
  if (options.green_share_min_frac) {
    // The green share of the load's energy: 1 - the grid's share (exports
    // are not energy to the load).
    const double from_green = 1.0 - *options.green_share_min_frac;
    p.targets.grid_share_max_frac =
        std::min(p.targets.grid_share_max_frac.value_or(1.0), from_green);
  }
  return p;
}

void apply_job_mode(const Options& options, sim::Setup& setup) {
  if (!options.move_jobs) setup.scheduler.policy = load::SchedulerPolicy::kFcfs;
}

SizingOptions sizing_options(const Options& options) {
  SizingOptions o;
  o.method = options.method == SizingMethodChoice::kMonolithic ? SizingMethod::kMonolithic
                                                               : SizingMethod::kCapacitySearch;
  o.solve.time_limit_s = options.time_limit_s;
  return o;
}

}  // namespace shapan::optimize
