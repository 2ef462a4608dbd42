// Dispatch with perfect foresight: the sizing LP with the capacities fixed,
// solved once, and its plan replayed through the engine.
#include "shapan/optimize/dispatch.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "shapan/core/error.h"
#include "shapan/optimize/scenario_input.h"
#include "sizing_lp.h"

namespace shapan::optimize {
namespace {

constexpr double kKwPerMw = 1000.0;

// Every capacity fixed at the scenario's value, capital costs left out.
void fix_capacities(const sim::Setup& setup, DispatchProblem& d) {
  SizingProblem& p = d.lp;
  for (std::size_t k = 0; k < p.sources.size(); ++k) {
    const double kw = k < setup.pv.size() ? setup.pv[k].dc_capacity_kw
                                          : setup.wind[k - setup.pv.size()].rated_power_kw();
    p.sources[k].capacity_min_kw = p.sources[k].capacity_max_kw = kw;
    p.sources[k].cost_per_kw_year = 0.0;
  }
  for (std::size_t b = 0; b < p.storages.size(); ++b) {
    const gen::BatteryParams& bp = setup.batteries[b];
    SizedStorage& s = p.storages[b];
    s.power_min_kw = s.power_max_kw = std::max(bp.max_charge_kw, bp.max_discharge_kw);
    s.energy_min_kwh = s.energy_max_kwh = bp.energy_kwh;
    s.duration_h = 0.0;
    s.cost_per_kw_year = s.cost_per_kwh_year = 0.0;
    d.charge_limit_kw.push_back(bp.max_charge_kw);
    d.discharge_limit_kw.push_back(bp.max_discharge_kw);
  }
}

// The engine's bus (dispatch::StepDecision) has no path from a battery to
// the grid and serves the load from renewables first: a step exports only
// the renewables' surplus over the load, and a battery discharges only into
// the deficit. With the capacities fixed both are column bounds.
void follow_engine_merit_order(const SizingProblem& p, const DispatchProblem& d,
                               const sizing::Layout& layout, const std::vector<double>& source_mw,
                               Session& session) {
  for (std::size_t t = 0; t < p.load_kw.size(); ++t) {
    double renewables_mw = 0.0;
    for (std::size_t k = 0; k < p.sources.size(); ++k) {
      renewables_mw += p.sources[k].availability_per_kw[t] * source_mw[k];
    }
    const double surplus_mw = std::max(0.0, renewables_mw - p.load_kw[t] / kKwPerMw);
    // The flexible jobs' load at most (their capacity left, × PUE) may be in deficit too.
    const double flexible_mw =
        p.flexible_jobs.empty() ? 0.0
                                : p.flexible_jobs.pue[t] * p.flexible_jobs.free_it_kw[t] / kKwPerMw;
    const double deficit_mw = std::max(0.0, p.load_kw[t] / kKwPerMw + flexible_mw - renewables_mw);
    if (!layout.grid_export.empty()) {
      // With hydro, export − hydro ≤ the surplus is a row (hydro_lp.h).
      const bool row = !layout.hydro.export_rows.empty();
      session.set_column_bounds(
          layout.grid_export[t], 0.0,
          std::min(p.grid_export_limit_kw / kKwPerMw, row ? kInf : surplus_mw));
    }
    follow_engine_bounds(session, p.hydro, layout.hydro, t, surplus_mw, deficit_mw);
    for (std::size_t b = 0; b < p.storages.size(); ++b) {
      session.set_column_bounds(layout.discharge[b][t], 0.0,
                                std::min(d.discharge_limit_kw[b] / kKwPerMw, deficit_mw));
    }
  }
}

}  // namespace

DispatchProblem dispatch_problem(const sim::Setup& setup, const metrics::CostBook& costs,
                                 const Options& options, sim::PreparedStore* store) {
  // Sizing's input with no targets and no bounds (they are fixed below).
  Options o;
  o.co2_cap_t = options.co2_cap_t;
  o.grid_share_max_frac = options.grid_share_max_frac;
  o.cfe_min_frac = options.cfe_min_frac;
  o.green_share_min_frac = options.green_share_min_frac;
  o.move_jobs = options.move_jobs;
  DispatchProblem d;
  // The capacities are fixed below and their capital costs set to 0; the
  // book's carbon price and the [grid]'s export stay.
  d.lp = sizing_problem(setup, costs, o, store);
  fix_capacities(setup, d);
  SizingProblem& p = d.lp;
  p.allow_unserved = true;
  if (options.objective == Objective::kMaxCfe) {
    // The least grid energy: every imported kWh costs 1, nothing else is priced.
    p.grid_price_per_kwh.assign(p.load_kw.size(), 1.0);
    std::fill(p.grid_export_price_per_kwh.begin(), p.grid_export_price_per_kwh.end(), 0.0);
    p.carbon_price_per_t = 0.0;
  }
  return d;
}

namespace {

// The dispatch LP loaded in a Clp session, at the scenario's capacities.
struct DispatchLp {
  SizingProblem p;
  sizing::Layout layout;
  std::unique_ptr<Session> session;
  sizing::Sizes sizes;
  double build_seconds = 0.0;
};

DispatchLp open_dispatch(const DispatchProblem& problem, const SolveOptions& options) {
  check_problem(problem.lp);
  DispatchLp lp{.p = problem.lp};
  SizingProblem& p = lp.p;
  for (SizedSource& s : p.sources) {
    for (double& a : s.availability_per_kw) {
      if (a < kNegligibleAvailability) a = 0.0;
    }
  }
  const auto start = std::chrono::steady_clock::now();
  const LpModel model = sizing::build(p, true, lp.layout);
  lp.session = open_clp_session(model, options);
  sizing::Sizes& sizes = lp.sizes;
  for (const SizedSource& s : p.sources) sizes.source_mw.push_back(s.capacity_min_kw / kKwPerMw);
  sizing::set_source_capacities(*lp.session, p, lp.layout, sizes.source_mw);
  for (std::size_t b = 0; b < p.storages.size(); ++b) {
    sizes.power_mw.push_back(p.storages[b].power_min_kw / kKwPerMw);
    sizes.energy_mwh.push_back(p.storages[b].energy_min_kwh / kKwPerMw);
    sizing::set_storage_bounds(*lp.session, p, lp.layout, b, sizes.power_mw[b],
                               sizes.energy_mwh[b]);
    const double charge_mw = problem.charge_limit_kw[b] / kKwPerMw;
    for (std::size_t t = 0; t < lp.layout.charge[b].size(); ++t) {
      lp.session->set_column_bounds(lp.layout.charge[b][t], 0.0, charge_mw);
    }
  }
  follow_engine_merit_order(p, problem, lp.layout, sizes.source_mw, *lp.session);
  lp.build_seconds = sizing::seconds_since_start(start);
  return lp;
}

// One solve of the loaded LP (warm after the first).
SizingResult solve_loaded(DispatchLp& lp) {
  SizingResult out;
  const Solution s = lp.session->solve();
  out.iterations = s.iterations;
  out.lp_solves = 1;
  out.solve_seconds = s.seconds;
  sizing::finish(lp.p, lp.layout, s, lp.sizes, out);
  return out;
}

}  // namespace

SizingResult solve_dispatch(const DispatchProblem& problem, const SolveOptions& options) {
  DispatchLp lp = open_dispatch(problem, options);
  SizingResult out = solve_loaded(lp);
  out.build_seconds = lp.build_seconds;
  out.hydro.linearisations = 1;
  if (lp.p.hydro.plants.empty() || out.status != SolveStatus::kOptimal) return out;
  // Successive linearisation of hydro power in the head (hydro_lp.h), until
  // the plan's energy at its own heads is the LP's to the tolerance; each
  // LP starts from the last one's basis.
  while (relinearise(lp.p.hydro, out.hydro, lp.p.step_h) >= kLinearisationTolerance &&
         out.hydro.linearisations < kMaxLinearisations) {
    update_hydro(*lp.session, lp.p.hydro, lp.p.step_h, lp.layout.hydro);
    SizingResult next = solve_loaded(lp);
    if (next.status != SolveStatus::kOptimal) break;
    next.hydro.linearisations = out.hydro.linearisations + 1;
    next.iterations += out.iterations;
    next.lp_solves += out.lp_solves;
    next.solve_seconds += out.solve_seconds;
    next.build_seconds = out.build_seconds;
    out = std::move(next);
  }
  return out;
}

Result<dispatch::DispatchPlan> plan_of(const SizingResult& result) {
  if (result.status != SolveStatus::kOptimal && result.status != SolveStatus::kTimeLimitFeasible) {
    return Failure{fmt::format("no plan: the dispatch LP is {}{}{}", to_string(result.status),
                               result.message.empty() ? "" : ": ", result.message)};
  }
  dispatch::DispatchPlan plan;
  const std::size_t n = result.grid_import_kw.size();
  plan.battery_charge_kw.assign(n, 0.0);
  plan.battery_discharge_kw.assign(n, 0.0);
  for (std::size_t b = 0; b < result.storage_charge_kw.size(); ++b) {
    for (std::size_t t = 0; t < n; ++t) {
      plan.battery_charge_kw[t] += result.storage_charge_kw[b][t];
      plan.battery_discharge_kw[t] += result.storage_discharge_kw[b][t];
    }
  }
  add_to_plan(result.hydro, plan);
  return plan;
}

sim::Results replay(const sim::Setup& setup, const dispatch::DispatchPlan& plan,
                    const sim::ProgressFn& progress, const sim::PreparedRun* prepared,
                    const FlexiblePlan* jobs) {
  sim::Setup s = setup;
  s.strategy = dispatch::StrategyKind::kFollowPlan;
  s.plan = plan;
  if (jobs != nullptr && setup.workload && !jobs->work_it_kw.empty()) {
    s.scheduler.policy = load::SchedulerPolicy::kFollowPlan;
    s.job_plan_it_kw = jobs->work_it_kw;
    s.job_plan_capped_it_kw = jobs->capped_work_it_kw;
  }
  return prepared != nullptr ? sim::run(s, *prepared, progress) : sim::run(s, progress);
}

DispatchOutcome evaluate(const SizingProblem& p, const std::vector<double>& import_kw,
                         const std::vector<double>& export_kw,
                         const std::vector<double>& unserved_kw) {
  DispatchOutcome o;
  const auto at = [](const std::vector<double>& v, std::size_t t) {
    return t < v.size() ? v[t] : 0.0;
  };
  for (std::size_t t = 0; t < p.load_kw.size(); ++t) {
    const double g_kwh = at(import_kw, t) * p.step_h;
    const double x_kwh = at(export_kw, t) * p.step_h;
    const double co2_t = g_kwh * p.grid_carbon_kg_per_kwh[t] / 1000.0;
    o.load_kwh += p.load_kw[t] * p.step_h;
    o.grid_import_kwh += g_kwh;
    o.grid_export_kwh += x_kwh;
    o.unserved_kwh += at(unserved_kw, t) * p.step_h;
    o.co2_t += co2_t;
    o.energy_cost += g_kwh * p.grid_price_per_kwh[t];
    o.export_revenue += x_kwh * at(p.grid_export_price_per_kwh, t);
  }
  o.carbon_cost = o.co2_t * p.carbon_price_per_t;
  o.unserved_cost = o.unserved_kwh * kUnservedPenaltyPerKwh;
  if (p.demand_charge_per_kw_month > 0.0) {
    std::vector<double> peak_kw(p.month_of_step.empty() ? 0 : p.month_of_step.back() + 1, 0.0);
    for (std::size_t t = 0; t < p.month_of_step.size(); ++t) {
      peak_kw[p.month_of_step[t]] = std::max(peak_kw[p.month_of_step[t]], at(import_kw, t));
    }
    for (const double kw : peak_kw) o.demand_cost += kw * p.demand_charge_per_kw_month;
  }
  o.cost = o.energy_cost - o.export_revenue + o.carbon_cost + o.unserved_cost + o.demand_cost;
  return o;
}

DispatchOutcome evaluate(const SizingProblem& p, const sim::Results& results) {
  const sim::StepSeries& s = results.steps;
  DispatchOutcome o = evaluate(p, s.grid_import_kw, s.grid_export_kw, s.unserved_kw);
  if (results.jobs) {
    // The load with the jobs as the engine ran them.
    o.load_kwh = 0.0;
    for (const double kw : s.datacenter_kw) o.load_kwh += kw * p.step_h;
  }
  return o;
}

}  // namespace shapan::optimize
