// [workload] and [scheduler] sections: the jobs that run in the data center
// and the policy that schedules them.
#include <fmt/format.h>

#include "sections.h"
#include "shapan/load/jobs.h"
#include "shapan/load/nodes.h"
#include "size_limits.h"

namespace shapan::io {
namespace {

const toml::table kEmpty;

void add_file_issues(const InputError& e, ReadContext& ctx) {
  for (const auto& issue : e.issues()) ctx.issues.push_back(issue);
}

// The [workload] numbers: the trace window (days, kept in seconds), the
// jobs' utilisation, slack and restart cost, and the synthetic generator's.
void read_workload_numbers(TableReader& r, load::WorkloadParams& w) {
  w.window_start_s = r.number("window_start_day", 0.0) * 86400.0;
  w.window_end_s = r.number("window_end_day", 0.0) * 86400.0;
  w.mean_utilisation_frac = r.number("mean_utilisation_frac", w.mean_utilisation_frac);
  w.job_utilisation_frac = r.number("job_utilisation_frac", w.job_utilisation_frac);
  w.inflexible_slack_h = r.number("inflexible_slack_h", w.inflexible_slack_h);
  w.deferrable_slack_h = r.number("deferrable_slack_h", w.deferrable_slack_h);
  w.interruptible_slack_h = r.number("interruptible_slack_h", w.interruptible_slack_h);
  w.restart_cost_min = r.number("restart_cost_min", w.restart_cost_min);
  w.synthetic_jobs_per_day = r.number("synthetic_jobs_per_day", w.synthetic_jobs_per_day);
  w.synthetic_duration_median_h =
      r.number("synthetic_duration_median_h", w.synthetic_duration_median_h);
  w.synthetic_duration_sigma = r.number("synthetic_duration_sigma", w.synthetic_duration_sigma);
  w.synthetic_flexible_frac = r.number("synthetic_flexible_frac", w.synthetic_flexible_frac);
  check_size(r, size_limits::kJobsPerDay, w.synthetic_jobs_per_day);
}

// Reports the model's own checks of w, in the scenario's terms.
void report_workload_check(const load::WorkloadParams& w, bool files_read, TableReader& r) {
  std::vector<FieldIssue> issues = w.check();
  // Without the files, what check() says about them repeats the missing-file issues.
  if (!files_read) {
    std::erase_if(issues, [](const FieldIssue& i) {
      return i.field == "trace_file" || i.field == "node_file";
    });
  }
  // Messages name the scenario's keys (days), not the model's seconds.
  for (FieldIssue& issue : issues) {
    if (issue.field == "window_end_s") {
      issue = {.field = "window_end_day",
               .message =
                   "must be after window_start_day (or 0: the "
                   "trace's last arrival)"};
    } else if (issue.field == "window_start_s") {
      issue.field = "window_start_day";
    }
  }
  r.report(issues);
}

}  // namespace

std::optional<load::WorkloadParams> read_workload(const toml::table* table, ReadContext& ctx) {
  if (table == nullptr) return std::nullopt;
  TableReader r(*table, "workload", ctx);
  load::WorkloadParams w;
  w.source = r.choice(
      "source",
      {{"trace", load::WorkloadSource::kTrace}, {"synthetic", load::WorkloadSource::kSynthetic}},
      w.source);
  const auto trace = r.file("trace_file");
  const auto node_file = r.file("node_file");
  const auto gpu_file = r.file("gpu_models_file");
  if (w.source == load::WorkloadSource::kTrace && !r.has("trace_file")) {
    r.add_issue("trace_file", "missing: source = \"trace\" needs a pod trace file");
  }
  for (const char* key : {"node_file", "gpu_models_file"}) {
    if (!r.has(key)) r.add_issue(key, "missing: jobs get their power from the node inventory");
  }
  read_workload_numbers(r, w);
  const int seed = r.integer("seed", 1);
  w.seed = static_cast<std::uint64_t>(seed);
  load::NodePowerParams power;
  power.cpu_peak_w_per_vcpu = r.number("cpu_peak_w_per_vcpu", power.cpu_peak_w_per_vcpu);
  power.cpu_idle_w_per_vcpu = r.number("cpu_idle_w_per_vcpu", power.cpu_idle_w_per_vcpu);
  power.platform_w = r.number("platform_w", power.platform_w);
  power.curve_util_frac = r.numbers("curve_util_frac", power.curve_util_frac);
  power.curve_power_frac = r.numbers("curve_power_frac", power.curve_power_frac);
  const std::size_t before = ctx.issues.size();
  r.report(power.check());
  r.report(FieldChecker()
               .at_least("seed", seed, 0.0)
               .at_least("window_start_day", w.window_start_s, 0.0)
               .issues());
  try {
    if (node_file && gpu_file && ctx.issues.size() == before) {
      const Files& files = *ctx.files;
      w.nodes = load::read_node_inventory(*node_file, load::read_gpu_models(*gpu_file, files),
                                          power, files);
    }
    if (trace && w.source == load::WorkloadSource::kTrace) {
      w.pods = load::read_pod_trace(*trace, *ctx.files);
    }
  } catch (const InputError& e) {
    add_file_issues(e, ctx);
  }
  const bool files_read = w.nodes.peak_kw() > 0.0 &&
                          (w.source == load::WorkloadSource::kSynthetic || trace.has_value());
  if (ctx.issues.size() == before || !files_read) report_workload_check(w, files_read, r);
  r.finish();
  return w;
}

load::SchedulerParams read_scheduler(const toml::table* table, ReadContext& ctx) {
  TableReader r(table != nullptr ? *table : kEmpty, "scheduler", ctx);
  load::SchedulerParams s;
  s.policy = r.choice("policy",
                      {{"fcfs", load::SchedulerPolicy::kFcfs},
                       {"green_following", load::SchedulerPolicy::kGreenFollowing},
                       {"forecast_threshold", load::SchedulerPolicy::kForecastThreshold},
                       {"power_capping", load::SchedulerPolicy::kPowerCapping}},
                      s.policy);
  s.storage_budget_frac = r.number("storage_budget_frac", s.storage_budget_frac);
  s.slack_margin_h = r.number("slack_margin_h", s.slack_margin_h);
  s.forecast_error_frac = r.number("forecast_error_frac", s.forecast_error_frac);
  s.min_power_cap_frac = r.number("min_power_cap_frac", s.min_power_cap_frac);
  const int seed = r.integer("seed", 1);
  s.seed = static_cast<std::uint64_t>(seed);
  r.report(s.check());
  r.report(FieldChecker().at_least("seed", seed, 0.0).issues());
  r.finish();
  return s;
}

}  // namespace shapan::io
