// A workload's series for the LP (flexible_jobs.h): the jobs as the engine
// makes them, their inflexible IT power and the flexible jobs' envelopes.
#include "shapan/optimize/flexible_jobs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "shapan/core/error.h"
#include "shapan/load/datacenter.h"
#include "shapan/load/jobs.h"
#include "shapan/sim/simulation.h"

namespace shapan::optimize {
namespace {

// Sums of ramps P·clamp(τ − a, 0, w) (kW·s), evaluated at the end of each
// step, τ_t = (t + 1) Δ: each ramp is two hinges P·(τ − a)⁺ − P·(τ − a − w)⁺,
// and a hinge at a adds P to the slope and P·a to the offset of every step
// ending after a, so the sum at τ_t is slope_t τ_t − offset_t (running sums).
class Ramps {
 public:
  Ramps(std::size_t steps, double dt_s) : slope_(steps, 0.0), offset_(steps, 0.0), dt_s_(dt_s) {}

  void add(double start_s, double length_s, double power_kw) {
    hinge(start_s, power_kw);
    hinge(start_s + length_s, -power_kw);
  }

  // The sum at the end of each step, kWh.
  std::vector<double> cumulative_kwh() const {
    std::vector<double> out(slope_.size());
    double slope = 0.0;
    double offset = 0.0;
    for (std::size_t t = 0; t < out.size(); ++t) {
      slope += slope_[t];
      offset += offset_[t];
      const double tau_s = static_cast<double>(t + 1) * dt_s_;
      out[t] = std::max(0.0, (slope * tau_s - offset) / 3600.0);
    }
    return out;
  }

 private:
  void hinge(double at_s, double power_kw) {
    const double k = std::floor(std::max(0.0, at_s) / dt_s_);
    if (k >= static_cast<double>(slope_.size())) return;  // after the run
    const auto i = static_cast<std::size_t>(k);
    slope_[i] += power_kw;
    offset_[i] += power_kw * at_s;
  }

  std::vector<double> slope_;
  std::vector<double> offset_;
  double dt_s_;
};

// The jobs' IT capacity: the data center's above the online load's peak.
double jobs_capacity_kw(const sim::Setup& setup, const std::vector<double>& online_it_kw) {
  const double peak_kw =
      online_it_kw.empty() ? 0.0 : *std::max_element(online_it_kw.begin(), online_it_kw.end());
  const double capacity_kw = setup.datacenter->it_capacity_kw - peak_kw;
  if (!(capacity_kw > 0.0)) {
    throw InputError(InputIssue{
        .source = "workload",
        .field = "datacenter.it_capacity_kw",
        .message = fmt::format("the online load's peak ({:.1f} kW) leaves no IT capacity for jobs",
                               peak_kw)});
  }
  return capacity_kw;
}

// The jobs' ramps (flexible_jobs.h's data before their step means).
struct JobRamps {
  JobRamps(std::size_t n, double dt_s)
      : inflexible(n, dt_s),
        upper(n, dt_s),
        lower(n, dt_s),
        cappable(n, dt_s),
        window(n, dt_s),
        must_run(n, dt_s),
        upper_deferrable(n, dt_s),
        lower_deferrable(n, dt_s) {}
  Ramps inflexible, upper, lower, cappable, window, must_run, upper_deferrable, lower_deferrable;
  double cappable_kw_s = 0.0;      // full-speed work of the cappable jobs
  double cappable_gpu_kw_s = 0.0;  // its GPU part
};

void add_job(const load::Job& job, double power_kw, double gpu_kw, double first_s,
             double deadline_s, const load::SchedulerParams& scheduler, JobRamps& r) {
  if (job.kind == load::JobKind::kInflexible) {
    r.inflexible.add(first_s, job.work_s, power_kw);
    return;
  }
  r.upper.add(first_s, job.work_s, power_kw);
  r.window.add(first_s, std::max(job.work_s, deadline_s - first_s), power_kw);
  // The engine's schedulers run a job regardless once waiting longer would
  // leave it less than slack_margin_h before its deadline: its latest start.
  const double latest_start_s =
      std::max(first_s, deadline_s - scheduler.slack_margin_h * 3600.0 - job.work_s);
  r.lower.add(latest_start_s, job.work_s, power_kw);
  if (job.kind == load::JobKind::kDeferrable) {
    r.upper_deferrable.add(first_s, job.work_s, power_kw);
    r.lower_deferrable.add(latest_start_s, job.work_s, power_kw);
    if (latest_start_s < first_s + job.work_s) {
      r.must_run.add(latest_start_s, first_s + job.work_s - latest_start_s, power_kw);
    }
  }
  if (job.kind == load::JobKind::kInterruptible && job.power_cappable &&
      scheduler.min_power_cap_frac < 1.0) {
    r.cappable.add(first_s, job.work_s, power_kw);
    r.cappable_kw_s += power_kw * job.work_s;
    r.cappable_gpu_kw_s += gpu_kw * job.work_s;
  }
}

// The step means and envelopes from the ramps.
void fill_series(const JobRamps& r, double dt_h, double capacity_kw, double cap_frac,
                 WorkloadSeries& out) {
  const std::vector<double> inflexible_kwh = r.inflexible.cumulative_kwh();
  const std::vector<double> window_kwh = r.window.cumulative_kwh();
  const std::vector<double> must_kwh = r.must_run.cumulative_kwh();
  FlexibleJobs& f = out.flexible;
  f.arrived_kwh = r.upper.cumulative_kwh();
  f.due_kwh = r.lower.cumulative_kwh();
  f.cappable_arrived_kwh = r.cappable.cumulative_kwh();
  f.deferrable_arrived_kwh = r.upper_deferrable.cumulative_kwh();
  f.deferrable_due_kwh = r.lower_deferrable.cumulative_kwh();
  const std::size_t n = f.arrived_kwh.size();
  const auto step_kw = [dt_h](const std::vector<double>& cum, std::size_t t) {
    return std::max(0.0, (cum[t] - (t > 0 ? cum[t - 1] : 0.0)) / dt_h);
  };
  out.inflexible_it_kw.resize(n);
  f.free_it_kw.resize(n);
  f.window_it_kw.resize(n);
  f.must_run_it_kw.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    out.inflexible_it_kw[t] = step_kw(inflexible_kwh, t);
    f.free_it_kw[t] = std::max(0.0, capacity_kw - out.inflexible_it_kw[t]);
    f.window_it_kw[t] = step_kw(window_kwh, t);
    f.must_run_it_kw[t] =
        std::min(step_kw(must_kwh, t), std::min(f.window_it_kw[t], f.free_it_kw[t]));
    f.due_kwh[t] = std::min(f.due_kwh[t], f.arrived_kwh[t]);  // rounding of the sums
    f.deferrable_due_kwh[t] = std::min(f.deferrable_due_kwh[t], f.deferrable_arrived_kwh[t]);
  }
  if (r.cappable_kw_s > 0.0) {
    const double gpu_frac = r.cappable_gpu_kw_s / r.cappable_kw_s;
    f.capped_speed_frac = load::capped_speed_frac(cap_frac);
    f.capped_power_frac = (1.0 - gpu_frac * (1.0 - cap_frac)) / f.capped_speed_frac;
  }
}

}  // namespace

WorkloadSeries workload_series(const sim::Setup& setup, const resource::WeatherSeries& w) {
  if (!setup.datacenter || !setup.workload) {
    throw InputError(InputIssue{.source = "workload",
                                .field = "workload",
                                .message = "jobs need a [workload] and a [datacenter] to run in"});
  }
  const std::size_t n = w.size();
  const double dt_s = static_cast<double>(w.step.in_seconds());
  const load::DatacenterSeries dc =
      load::simulate_datacenter(*setup.datacenter, w, setup.site.utc_offset_h);
  WorkloadSeries out;
  out.capacity_kw = jobs_capacity_kw(setup, dc.it_kw);
  out.online_facility_kw = dc.facility_kw;
  const Timestamp start = w.interval_start(0);
  const Timestamp end = start + w.step * static_cast<std::int64_t>(n);
  // As sim::prepare makes them: powers proportional to the capacity given.
  JobRamps ramps(n, dt_s);
  for (const load::Job& job : load::make_jobs(*setup.workload, start, end, 1.0)) {
    // A job starts no earlier than the first step beginning at or after its arrival.
    const auto arrival_s = static_cast<double>((job.arrival - start).in_seconds());
    const auto deadline_s = static_cast<double>((job.deadline - start).in_seconds());
    add_job(job, job.power_kw * out.capacity_kw, job.gpu_kw * out.capacity_kw,
            std::ceil(arrival_s / dt_s) * dt_s, deadline_s, setup.scheduler, ramps);
  }
  out.flexible.pue = dc.pue;
  fill_series(ramps, dt_s / 3600.0, out.capacity_kw, setup.scheduler.min_power_cap_frac, out);
  return out;
}

}  // namespace shapan::optimize
