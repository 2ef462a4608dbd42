// Receding-horizon dispatch: window LPs on forecasts, followed by the engine
// (docs/optimization.md, "MPC").
#include "shapan/optimize/mpc.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <numeric>
#include <vector>

#include "forecast.h"
#include "shapan/core/assert.h"
#include "shapan/core/error.h"
#include "shapan/dispatch/dispatch.h"

namespace shapan::optimize {
namespace {

[[noreturn]] void refuse(const std::string& field, const std::string& message) {
  throw InputError(InputIssue{.source = "optimize", .field = field, .message = message});
}

// A whole number of steps in `hours`, or refuse naming the key.
std::size_t whole_steps(double hours, double step_h, const std::string& key) {
  const double steps = hours / step_h;
  const double rounded = std::round(steps);
  if (!(rounded >= 1.0) || std::abs(steps - rounded) > 1e-9 * rounded) {
    refuse("optimize." + key,
           fmt::format("= {} h: must be a whole number (>= 1) of the run's {} h steps", hours,
                       step_h));
  }
  return static_cast<std::size_t>(rounded);
}

std::vector<double> slice(const std::vector<double>& v, std::size_t start, std::size_t n) {
  if (v.empty()) return {};
  return {v.begin() + static_cast<std::ptrdiff_t>(start),
          v.begin() + static_cast<std::ptrdiff_t>(start + n)};
}

forecast::Model model_of(const DispatchProblem& run, const MpcOptions& o, double error_frac) {
  const double per_day = 24.0 / run.lp.step_h;
  return forecast::Model{
      .kind = o.forecast,
      .steps_per_day = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(per_day))),
      .step_h = run.lp.step_h,
      .error_frac_at_24h = error_frac,
      .seed = o.forecast_seed};
}

// A battery's stored energy within its window [soc_min E, soc_max E] (kWh).
double within_window_kwh(const SizedStorage& s, double kwh) {
  return std::clamp(kwh, s.soc_min_frac * s.energy_max_kwh, s.soc_max_frac * s.energy_max_kwh);
}

// The engine reports all batteries' stored energy together; the window LP
// has one state per battery: shared in proportion to their energies (exact
// for one battery; docs/optimization.md, "MPC").
std::vector<double> share_stored_kwh(const SizingProblem& p, double stored_kwh) {
  double total_kwh = 0.0;
  for (const SizedStorage& s : p.storages) total_kwh += s.energy_max_kwh;
  std::vector<double> out;
  out.reserve(p.storages.size());
  for (const SizedStorage& s : p.storages) {
    const double share = total_kwh > 0.0 ? s.energy_max_kwh / total_kwh : 0.0;
    out.push_back(within_window_kwh(s, share * stored_kwh));
  }
  return out;
}

// Prices h hours ahead count (1 − d)^h: with a flat tariff the LP is
// indifferent between using stored energy now or later, and a forecast that
// is wrong makes "later" worth less; a geometric factor keeps re-planning
// consistent (each window's factors are the last window's times a constant).
void discount(SizingProblem& p, double frac_per_h) {
  if (frac_per_h <= 0.0) return;
  const double per_step = std::pow(1.0 - frac_per_h, p.step_h);
  double factor = 1.0;
  for (std::size_t t = 0; t < p.grid_price_per_kwh.size(); ++t) {
    p.grid_price_per_kwh[t] *= factor;
    if (t < p.grid_export_price_per_kwh.size()) p.grid_export_price_per_kwh[t] *= factor;
    p.grid_carbon_kg_per_kwh[t] *= factor;  // its price in the objective (no targets here)
    factor *= per_step;
  }
}

// The run's problem without the series a window replaces (cheap to copy
// for each window); anything else it holds is kept.
DispatchProblem shell_of(const DispatchProblem& run) {
  DispatchProblem shell = run;
  SizingProblem& p = shell.lp;
  for (std::vector<double>* v : {&p.load_kw, &p.grid_price_per_kwh, &p.grid_carbon_kg_per_kwh,
                                 &p.grid_export_price_per_kwh, &p.step_weight}) {
    v->clear();
  }
  for (SizedSource& src : p.sources) src.availability_per_kw.clear();
  for (SizedStorage& s : p.storages) s.capacity_frac_per_step.clear();
  for (HydroLpPlant& plant : p.hydro.plants) {
    for (std::vector<double>* v :
         {&plant.inflow_m3_per_s, &plant.kw_per_m3_per_s, &plant.evaporation_hm3,
          &plant.at_start_hm3, &plant.at_turbine_m3_per_s, &plant.at_release_m3_per_s,
          &plant.min_release_m3_per_s}) {
      v->clear();
    }
  }
  shell.reservoir_guide_hm3.clear();
  return shell;
}

// Pumped storage and [hydro] from the engine's state at the window's start:
// each pumped unit its share of the stored energy (by the energy it can
// hold; it ends with at least its start, hydro_lp.h); the reservoir's
// volume and last flow, its inflow over the window (known: the scenario's
// series), and the guide's volume at the window's end as the end target
// (without a guide, the run's start volume, as for the batteries);
// linearised from the start volume (successive linearisation in
// solve_dispatch()).
void hydro_window(const DispatchProblem& run, std::size_t start, std::size_t n,
                  const WindowStart& at, HydroProblem& h) {
  double total_kwh = 0.0;
  for (const PumpedLpUnit& u : h.pumped) total_kwh += u.energy_max_kwh;
  for (PumpedLpUnit& u : h.pumped) {
    const double share = total_kwh > 0.0 ? u.energy_max_kwh / total_kwh : 0.0;
    u.energy_initial_kwh = std::clamp(share * at.pumped_kwh, u.energy_min_kwh, u.energy_max_kwh);
  }
  if (h.plants.empty()) return;
  HydroLpPlant& plant = h.plants.front();
  gen::HydroParams& hp = plant.params;
  hp.storage_initial_hm3 = std::clamp(at.hydro_storage_hm3, hp.storage_min_hm3, hp.storage_max_hm3);
  plant.inflow_m3_per_s = slice(run.lp.hydro.plants.front().inflow_m3_per_s, start, n);
  plant.initial_turbine_m3_per_s = at.hydro_turbine_m3_per_s;
  plant.end_volume_target_hm3 = start + n <= run.reservoir_guide_hm3.size()
                                    ? run.reservoir_guide_hm3[start + n - 1]
                                    : run.lp.hydro.plants.front().params.storage_initial_hm3;
  linearise_at_start(h, n, run.lp.step_h);
}

DispatchProblem window_of(const DispatchProblem& run, const DispatchProblem& shell,
                          std::size_t start, std::size_t n, const MpcOptions& options,
                          const WindowStart& at) {
  DispatchProblem w = shell;
  SizingProblem& p = w.lp;
  const SizingProblem& r = run.lp;
  forecast::Model load_model = model_of(run, options, options.load_forecast_error_frac);
  load_model.max_value = *std::max_element(r.load_kw.begin(), r.load_kw.end());
  p.load_kw = forecast::series(r.load_kw, start, n, load_model, 0);
  for (std::size_t k = 0; k < p.sources.size(); ++k) {
    const std::vector<double>& a = r.sources[k].availability_per_kw;
    forecast::Model m = model_of(run, options, options.forecast_error_frac);
    m.max_value = *std::max_element(a.begin(), a.end());
    p.sources[k].availability_per_kw = forecast::series(a, start, n, m, 1 + k);
  }
  p.grid_price_per_kwh = slice(r.grid_price_per_kwh, start, n);
  p.grid_carbon_kg_per_kwh = slice(r.grid_carbon_kg_per_kwh, start, n);
  p.grid_export_price_per_kwh = slice(r.grid_export_price_per_kwh, start, n);
  p.step_weight = slice(r.step_weight, start, n);
  p.period_steps = 0;  // one period, the window (not cyclic: it has a start and an end state)
  discount(p, options.discount_frac_per_h);
  for (std::size_t b = 0; b < p.storages.size(); ++b) {
    p.storages[b].capacity_frac_per_step =
        slice(r.storages[b].capacity_frac_per_step, start, n);  // the fade ahead
    p.storages[b].initial_energy_kwh = at.battery_kwh[b];
    p.storages[b].end_energy_min_kwh = at.battery_end_min_kwh[b];
  }
  hydro_window(run, start, n, at, p.hydro);
  return w;
}

// The grid charging the window planned, per step: the charge beyond the
// forecast surplus (renewables over the load). The engine charges no more
// than that from the grid, so that a forecast surplus that does not come is
// not bought instead (dispatch::DispatchPlan::battery_grid_charge_max_kw).
dispatch::DispatchPlan with_grid_charge_caps(const SizingProblem& w, dispatch::DispatchPlan plan) {
  const std::size_t n = plan.battery_charge_kw.size();
  plan.battery_grid_charge_max_kw.assign(n, 0.0);
  for (std::size_t t = 0; t < n; ++t) {
    double renewables_kw = 0.0;
    for (const SizedSource& src : w.sources) {
      renewables_kw += src.availability_per_kw[t] * src.capacity_min_kw;
    }
    const double surplus_kw = std::max(0.0, renewables_kw - w.load_kw[t]);
    plan.battery_grid_charge_max_kw[t] = std::max(0.0, plan.battery_charge_kw[t] - surplus_kw);
  }
  return plan;
}

// The planner's state, shared by the copies of its callback.
struct Planner {
  const DispatchProblem* run = nullptr;
  DispatchProblem shell;  // shell_of(*run)
  MpcOptions options;
  SolveOptions solve;
  MpcStats stats;
  std::vector<double> end_min_kwh;  // per storage: the run's initial stored energy

  dispatch::DispatchPlan plan(const dispatch::StepOffer& offer) {
    const std::size_t now = offer.step_index;
    WindowStart at{.battery_kwh = share_stored_kwh(run->lp, offer.battery_stored.in_kwh()),
                   .battery_end_min_kwh = end_min_kwh,
                   .pumped_kwh = offer.pumped_stored.in_kwh(),
                   .hydro_storage_hm3 = offer.hydro_storage_hm3,
                   .hydro_turbine_m3_per_s = offer.hydro_turbine_m3_per_s};
    if (end_min_kwh.empty()) {  // the first window: the run's start
      end_min_kwh = at.battery_kwh;
      at.battery_end_min_kwh = end_min_kwh;
    }
    const auto begin = std::chrono::steady_clock::now();
    const std::size_t n = std::min(stats.horizon_steps, run->lp.load_kw.size() - now);
    const DispatchProblem w = window_of(*run, shell, now, n, options, at);
    stats.build_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    const SizingResult r = solve_dispatch(w, solve);
    ++stats.lp_solves;
    stats.solver_calls += static_cast<std::size_t>(std::max(r.lp_solves, 0));
    stats.iterations += r.iterations;
    stats.solve_seconds += r.solve_seconds;
    stats.build_seconds += r.build_seconds;
    Result<dispatch::DispatchPlan> p = plan_of(r);
    if (p.ok()) return with_grid_charge_caps(w.lp, std::move(p).value());
    if (stats.failed_windows++ == 0) {
      stats.first_failure = fmt::format("window at step {}: {}", now, p.error());
    }
    return {};
  }
};

}  // namespace

MpcStats mpc_steps(const DispatchProblem& run, const MpcOptions& options) {
  const SizingTargets& t = run.lp.targets;
  if (t.co2_cap_t || t.grid_share_max_frac || t.cfe_min_frac) {
    refuse("optimize",
           "mpc does not take targets over the run (co2_cap_t, grid_share_max_frac, "
           "cfe_min_frac, green_share_min_frac): a window cannot share them out; "
           "price carbon with carbon_price_per_t, or use mode = \"dispatch\"");
  }
  if (run.lp.hydro.plants.size() > 1) {
    // Each window would have to start from the water in transit between
    // the plants (the engine's releases over the travel delays): not built.
    refuse("hydro_cascade",
           "mpc does not carry a cascade's water in transit from one window to the next yet: "
           "use mode = \"dispatch\" (perfect foresight) for this scenario");
  }
  if (!run.lp.flexible_jobs.empty()) {
    refuse("workload",
           "mpc keeps the jobs under their scheduler policy: plan on mpc_problem(), which "
           "takes them out of the LP (their load as a rules run has it)");
  }
  MpcStats s;
  const double step_h = run.lp.step_h;
  s.horizon_steps = whole_steps(options.horizon_h, step_h, "horizon_h");
  s.replan_steps = whole_steps(options.replan_every_h, step_h, "replan_every_h");
  if (s.replan_steps > s.horizon_steps) {
    refuse("optimize.replan_every_h",
           fmt::format("= {} h: must be <= horizon_h ({} h): the steps between re-plans must be "
                       "planned",
                       options.replan_every_h, options.horizon_h));
  }
  if (options.forecast == Forecast::kPersistence) whole_steps(24.0, step_h, "forecast");
  return s;
}

DispatchProblem mpc_problem(const DispatchProblem& run, const sim::Results& rules,
                            ReservoirEnd reservoir_end) {
  const std::size_t n = run.lp.load_kw.size();
  const sim::StepSeries& s = rules.steps;
  SHAPAN_ASSERT(s.size() >= n, "the rules run must cover the run's steps");
  DispatchProblem out = run;
  if (!out.lp.flexible_jobs.empty()) {
    out.lp.flexible_jobs = {};
    out.lp.load_kw.assign(s.datacenter_kw.begin(),
                          s.datacenter_kw.begin() + static_cast<std::ptrdiff_t>(n));
  }
  if (!out.lp.hydro.plants.empty() && reservoir_end == ReservoirEnd::kRulesRun) {
    out.reservoir_guide_hm3.assign(
        s.reservoir_storage_hm3.begin(),
        s.reservoir_storage_hm3.begin() + static_cast<std::ptrdiff_t>(n));
  }
  return out;
}

DispatchProblem window_problem(const DispatchProblem& run, std::size_t start, std::size_t n,
                               const MpcOptions& options, const WindowStart& at) {
  return window_of(run, shell_of(run), start, n, options, at);
}

MpcRun run_mpc(const sim::Setup& setup, const DispatchProblem& run, const MpcOptions& options,
               const SolveOptions& solve, const sim::ProgressFn& progress,
               const sim::PreparedRun* prepared) {
  auto planner = std::make_shared<Planner>();
  planner->run = &run;
  planner->shell = shell_of(run);
  planner->options = options;
  planner->solve = solve;
  planner->stats = mpc_steps(run, options);
  sim::Setup s = setup;
  s.strategy = dispatch::StrategyKind::kRecedingPlan;
  s.planner = dispatch::RecedingPlanner{
      .plan = [planner](const dispatch::StepOffer& offer) { return planner->plan(offer); },
      .replan_every_steps = planner->stats.replan_steps};
  MpcRun out;
  out.results = prepared != nullptr ? sim::run(s, *prepared, progress) : sim::run(s, progress);
  out.stats = planner->stats;
  return out;
}

}  // namespace shapan::optimize
