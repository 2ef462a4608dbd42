// The coordination bound (coordination.h; docs/coordination.md).
#include "shapan/optimize/coordination.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "shapan/optimize/dispatch.h"

namespace shapan::optimize {
namespace {

double cfe_lp_frac(double import_kwh, double load_kwh) {
  return load_kwh > 0.0 ? std::clamp(1.0 - import_kwh / load_kwh, 0.0, 1.0) : 0.0;
}

double engine_cfe(const sim::Setup& setup, const sim::Results& results,
                  const metrics::CostBook& costs) {
  return metrics::summarize("coordination_bound", setup, results, costs).cfe_score;
}

// The dispatch problem with the least grid energy as objective; with hydro
// held at `hydro_kw` (the fcfs run's output) as a fixed clean source.
DispatchProblem max_cfe_problem(const sim::Setup& setup, const metrics::CostBook& costs,
                                const Options& options, const std::vector<double>& hydro_kw) {
  Options o = options;
  o.objective = Objective::kMaxCfe;
  if (options.bound_hydro == BoundHydro::kLp) return dispatch_problem(setup, costs, o);
  sim::Setup plant = setup;
  plant.hydro.reset();
  plant.hydro_cascade.clear();
  DispatchProblem d = dispatch_problem(plant, costs, o);
  if (setup.hydro) {
    // A 1 kW "capacity" whose availability per kW is the series itself.
    d.lp.sources.push_back(SizedSource{.name = "hydro_fcfs_series",
                                       .kind = "hydro",
                                       .availability_per_kw = hydro_kw,
                                       .capacity_min_kw = 1.0,
                                       .capacity_max_kw = 1.0});
  }
  return d;
}

// Runs the engine with `policy` (and, for follow_plan, the plan's series)
// under the rule-based dispatch.
sim::Results run_policy(const sim::Setup& setup, load::SchedulerPolicy policy,
                        const FlexiblePlan* plan, const sim::PreparedRun& prepared) {
  sim::Setup s = setup;
  s.strategy = dispatch::StrategyKind::kRuleBased;
  s.scheduler.policy = policy;
  if (plan != nullptr) {
    s.job_plan_it_kw = plan->work_it_kw;
    s.job_plan_capped_it_kw = plan->capped_work_it_kw;
  }
  return sim::run(s, prepared);
}

void add_policies(const sim::Setup& setup, const metrics::CostBook& costs,
                  const FlexiblePlan& moved, const sim::PreparedRun& prepared,
                  CoordinationBound& out) {
  for (const load::SchedulerPolicy policy :
       {load::SchedulerPolicy::kFcfs, load::SchedulerPolicy::kGreenFollowing,
        load::SchedulerPolicy::kForecastThreshold, load::SchedulerPolicy::kPowerCapping,
        load::SchedulerPolicy::kFollowPlan}) {
    const bool follow = policy == load::SchedulerPolicy::kFollowPlan;
    const sim::Results r = run_policy(setup, policy, follow ? &moved : nullptr, prepared);
    PolicyGain g{.policy = load::policy_name(policy), .cfe_score = engine_cfe(setup, r, costs)};
    g.gain_points = 100.0 * (g.cfe_score - out.fcfs_cfe_score);
    g.share_of_bound = out.gain_points > 0.0 ? g.gain_points / out.gain_points : 0.0;
    out.policies.push_back(std::move(g));
  }
}

}  // namespace

CoordinationBound coordination_bound(const sim::Setup& setup, const metrics::CostBook& costs,
                                     const Options& options) {
  const auto start = std::chrono::steady_clock::now();
  CoordinationBound out;
  out.hydro = options.bound_hydro == BoundHydro::kLp ? "lp" : "fcfs_series";
  const sim::PreparedRun prepared = sim::prepare(setup);
  const sim::Results fcfs = run_policy(setup, load::SchedulerPolicy::kFcfs, nullptr, prepared);
  out.fcfs_cfe_score = engine_cfe(setup, fcfs, costs);
  const DispatchProblem moved = max_cfe_problem(setup, costs, options, fcfs.steps.hydro_kw);
  // Held: the load as the fcfs run had it (online and every job), no fluid.
  DispatchProblem held = moved;
  held.lp.flexible_jobs = FlexibleJobs{};
  held.lp.load_kw = fcfs.steps.datacenter_kw;
  SolveOptions solve;
  solve.time_limit_s = options.time_limit_s;
  const SizingResult h = solve_dispatch(held, solve);
  const SizingResult m = solve_dispatch(moved, solve);
  out.status = h.status != SolveStatus::kOptimal ? h.status : m.status;
  out.message = h.status != SolveStatus::kOptimal ? "jobs held: " + h.message : m.message;
  if (out.status != SolveStatus::kOptimal) return out;
  out.held_grid_import_kwh = h.grid_import_kwh;
  out.moved_grid_import_kwh = m.grid_import_kwh;
  out.held_load_kwh = h.load_kwh;
  out.moved_load_kwh = m.load_kwh;
  out.held_cfe_lp_frac = cfe_lp_frac(h.grid_import_kwh, h.load_kwh);
  out.moved_cfe_lp_frac = cfe_lp_frac(m.grid_import_kwh, m.load_kwh);
  out.gain_points = 100.0 * (out.moved_cfe_lp_frac - out.held_cfe_lp_frac);
  out.unfinished_kwh = m.flexible_jobs.unfinished_kwh;
  add_policies(setup, costs, m.flexible_jobs, prepared, out);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

nlohmann::json coordination_json(const CoordinationBound& b) {
  nlohmann::json j;
  j["status"] = std::string(to_string(b.status));
  j["message"] = b.message;
  j["mode"] = "coordination_bound";
  j["hydro"] = b.hydro;
  j["held"] = {{"cfe_lp_frac", b.held_cfe_lp_frac},
               {"grid_import_kwh", b.held_grid_import_kwh},
               {"load_kwh", b.held_load_kwh}};
  j["moved"] = {{"cfe_lp_frac", b.moved_cfe_lp_frac},
                {"grid_import_kwh", b.moved_grid_import_kwh},
                {"load_kwh", b.moved_load_kwh}};
  j["gain_points"] = b.gain_points;
  j["unfinished_kwh"] = b.unfinished_kwh;
  j["fcfs_cfe_score"] = b.fcfs_cfe_score;
  j["policies"] = nlohmann::json::array();
  for (const PolicyGain& g : b.policies) {
    j["policies"].push_back({{"policy", g.policy},
                             {"cfe_score", g.cfe_score},
                             {"gain_points", g.gain_points},
                             {"share_of_bound", g.share_of_bound}});
  }
  j["seconds"] = b.seconds;
  return j;
}

}  // namespace shapan::optimize
