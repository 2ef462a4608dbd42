// make_scheduler and the parameters shared by the policies; the policies are
// in scheduler_<policy>.cc, their shared bookkeeping in scheduler_policy_base.cc.
#include "shapan/load/scheduler.h"

#include <memory>
#include <utility>

#include "scheduler_policies.h"

namespace shapan::load {

std::string policy_name(SchedulerPolicy policy) {
  switch (policy) {
    case SchedulerPolicy::kFcfs:
      return "fcfs";
    case SchedulerPolicy::kGreenFollowing:
      return "green_following";
    case SchedulerPolicy::kForecastThreshold:
      return "forecast_threshold";
    case SchedulerPolicy::kPowerCapping:
      return "power_capping";
    case SchedulerPolicy::kFollowPlan:
      return "follow_plan";
  }
  return "fcfs";
}

std::vector<FieldIssue> SchedulerParams::check() const {
  return FieldChecker()
      .in_range("storage_budget_frac", storage_budget_frac, 0.0, 1.0)
      .in_range("slack_margin_h", slack_margin_h, 0.0, 168.0)
      .in_range("forecast_error_frac", forecast_error_frac, 0.0, 2.0)
      .in_range("min_power_cap_frac", min_power_cap_frac, 0.6, 1.0)
      .issues();
}

std::unique_ptr<Scheduler> make_scheduler(const SchedulerParams& params, std::vector<Job> jobs,
                                          Timestamp run_start, Duration dt,
                                          const CleanOutlook& outlook, double restart_cost_s) {
  require_valid("scheduler", params.check());
  std::unique_ptr<detail::PolicyBase> s;
  switch (params.policy) {
    case SchedulerPolicy::kFcfs:
      s = detail::make_fcfs(params, std::move(jobs), run_start, dt);
      break;
    case SchedulerPolicy::kGreenFollowing:
      s = detail::make_green_following(params, std::move(jobs), run_start, dt);
      break;
    case SchedulerPolicy::kForecastThreshold:
      s = detail::make_forecast_threshold(params, std::move(jobs), run_start, dt, outlook);
      break;
    case SchedulerPolicy::kPowerCapping:
      s = detail::make_power_capping(params, std::move(jobs), run_start, dt);
      break;
    case SchedulerPolicy::kFollowPlan:
      s = detail::make_follow_plan(params, std::move(jobs), run_start, dt, outlook);
      break;
  }
  s->set_restart_cost_s(restart_cost_s);
  return s;
}

}  // namespace shapan::load
