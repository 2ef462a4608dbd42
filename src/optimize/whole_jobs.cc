#include "shapan/optimize/whole_jobs.h"

#include <algorithm>

namespace shapan::optimize {
namespace {

bool has_point(const SizingResult& r) {
  return r.status == SolveStatus::kOptimal || r.status == SolveStatus::kTimeLimitFeasible;
}

// The fluid plan's jobs as the follow_plan scheduler places them.
sim::Setup follow_plan_setup(const sim::Setup& setup, const FlexiblePlan& jobs) {
  sim::Setup s = setup;
  s.scheduler.policy = load::SchedulerPolicy::kFollowPlan;
  s.job_plan_it_kw = jobs.work_it_kw;
  s.job_plan_capped_it_kw = jobs.capped_work_it_kw;
  return s;
}

sim::Setup fcfs_setup(const sim::Setup& setup) {
  sim::Setup s = setup;
  s.scheduler.policy = load::SchedulerPolicy::kFcfs;
  s.job_plan_it_kw.clear();
  s.job_plan_capped_it_kw.clear();
  return s;
}

// `problem` with the jobs' fluid replaced by a schedule's facility load.
DispatchProblem held_at(const DispatchProblem& problem, const std::vector<double>& facility_kw) {
  DispatchProblem d = problem;
  const std::size_t n = d.lp.load_kw.size();
  d.lp.flexible_jobs = FlexibleJobs{};
  d.lp.load_kw.assign(
      facility_kw.begin(),
      facility_kw.begin() + static_cast<std::ptrdiff_t>(std::min(n, facility_kw.size())));
  return d;
}

}  // namespace

WholeJobsDispatch make_jobs_whole(const sim::Setup& setup, const DispatchProblem& problem,
                                  const SizingResult& fluid, const SolveOptions& solve,
                                  const sim::PreparedRun& prepared) {
  WholeJobsDispatch out{.problem = problem, .plan = fluid, .setup = setup};
  const Result<dispatch::DispatchPlan> set_points = plan_of(fluid);
  if (problem.lp.flexible_jobs.empty() || !set_points.ok() || !setup.workload) return out;
  // Each schedule's load: an engine run under its scheduler (the plant's
  // set-points do not move it; the fluid plan's are as good as any).
  const sim::Setup schedules[] = {follow_plan_setup(setup, fluid.flexible_jobs), fcfs_setup(setup)};
  std::vector<DispatchProblem> problems;
  for (const sim::Setup& s : schedules) {
    const sim::Results run = replay(s, set_points.value(), {}, &prepared);
    problems.push_back(held_at(problem, run.steps.datacenter_kw));
    JobsSchedule tried{.scheduler = load::policy_name(s.scheduler.policy),
                       .plan = solve_dispatch(problems.back(), solve)};
    tried.outcome = evaluate(problems.back().lp, tried.plan.grid_import_kw,
                             tried.plan.grid_export_kw, tried.plan.unserved_kw);
    out.schedules.push_back(std::move(tried));
  }
  std::size_t best = out.schedules.size();
  for (std::size_t i = 0; i < out.schedules.size(); ++i) {
    const JobsSchedule& c = out.schedules[i];
    if (!has_point(c.plan)) continue;
    if (best == out.schedules.size() ||
        c.plan.objective_per_year < out.schedules[best].plan.objective_per_year) {
      best = i;
    }
  }
  if (best == out.schedules.size()) return out;
  out.problem = std::move(problems[best]);
  out.plan = out.schedules[best].plan;
  out.setup = schedules[best];
  out.scheduler = out.schedules[best].scheduler;
  return out;
}

}  // namespace shapan::optimize
