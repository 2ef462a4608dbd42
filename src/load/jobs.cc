#include "shapan/load/jobs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "rng.h"
#include "shapan/core/assert.h"
#include "shapan/core/csv.h"
#include "shapan/core/error.h"

namespace shapan::load {
namespace {

Qos parse_qos(const CsvTable& table, const CsvRow& row, std::size_t column) {
  const std::string& s = cell_text(table, row, column, "qos");
  if (s == "LS") return Qos::kLatencySensitive;
  if (s == "Guaranteed") return Qos::kGuaranteed;
  if (s == "Burstable") return Qos::kBurstable;
  if (s == "BE") return Qos::kBestEffort;
  throw_input_error(table.source, row.line, static_cast<int>(column) + 1, "qos",
                    fmt::format("= \"{}\": expected LS, Guaranteed, Burstable or BE", s));
}

JobKind kind_of(Qos qos) {
  switch (qos) {
    case Qos::kLatencySensitive:
    case Qos::kGuaranteed:
      return JobKind::kInflexible;
    case Qos::kBurstable:
      return JobKind::kDeferrable;
    case Qos::kBestEffort:
      return JobKind::kInterruptible;
  }
  return JobKind::kInflexible;
}

// A job before scaling: its shape and its time in the trace or generator.
struct Draft {
  double arrival_s = 0.0;  // since the run's start
  double work_s = 0.0;
  double vcpus = 0.0;
  double gpus = 0.0;
  JobKind kind = JobKind::kInflexible;
};

std::vector<Draft> replay_trace(const WorkloadParams& p, double horizon_s) {
  double last = 0.0;
  for (const auto& pod : p.pods) last = std::max(last, pod.creation_s);
  const double w0 = p.window_start_s;
  const double w1 = p.window_end_s > 0.0 ? p.window_end_s : last + 1.0;
  std::vector<Draft> out;
  if (w1 <= w0) return out;
  const double period = w1 - w0;
  std::vector<const PodRecord*> pods;
  for (const auto& pod : p.pods) {
    if (pod.creation_s >= w0 && pod.creation_s < w1) pods.push_back(&pod);
  }
  std::stable_sort(pods.begin(), pods.end(), [](const PodRecord* a, const PodRecord* b) {
    return a->creation_s < b->creation_s;
  });
  for (double offset = 0.0; offset < horizon_s; offset += period) {
    for (const PodRecord* pod : pods) {
      const double arrival = offset + pod->creation_s - w0;
      if (arrival >= horizon_s) break;
      // Pods still running at the window's end are cut there, so that
      // repeated periods do not pile up.
      const double work = std::min(pod->deletion_s - pod->scheduled_s, w1 - pod->creation_s);
      if (work <= 0.0) continue;
      out.push_back(Draft{.arrival_s = arrival,
                          .work_s = work,
                          .vcpus = pod->vcpus,
                          .gpus = pod->gpus,
                          .kind = kind_of(pod->qos)});
    }
  }
  return out;
}

// Poisson arrivals, rate varying by ±30 % over the day (peak at 14:00 of the
// run's clock), by thinning; log-normal durations; GPU counts from a fixed mix
// resembling the trace (mostly one GPU or a share of one).
std::vector<Draft> synthetic(const WorkloadParams& p, double horizon_s) {
  Rng rng(p.seed);
  std::vector<Draft> out;
  const double peak_rate_per_s = p.synthetic_jobs_per_day * 1.3 / 86400.0;
  const double gpu_choices[] = {0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 4.0, 8.0};
  double t = 0.0;
  while (true) {
    t += rng.exponential(1.0 / peak_rate_per_s);
    if (t >= horizon_s) break;
    const double hour = std::fmod(t / 3600.0, 24.0);
    const double rate_frac = (1.0 + 0.3 * std::cos(2.0 * M_PI * (hour - 14.0) / 24.0)) / 1.3;
    if (rng.uniform() >= rate_frac) continue;
    const double work_h =
        p.synthetic_duration_median_h * std::exp(p.synthetic_duration_sigma * rng.normal());
    const double gpus =
        gpu_choices[std::min<std::size_t>(9, static_cast<std::size_t>(rng.uniform() * 10.0))];
    JobKind kind = JobKind::kInflexible;
    if (rng.uniform() < p.synthetic_flexible_frac) {
      kind = rng.uniform() < 0.5 ? JobKind::kDeferrable : JobKind::kInterruptible;
    }
    out.push_back(Draft{.arrival_s = t,
                        .work_s = std::max(60.0, work_h * 3600.0),
                        .vcpus = 8.0 * gpus,
                        .gpus = gpus,
                        .kind = kind});
  }
  return out;
}

}  // namespace

std::vector<PodRecord> read_pod_trace(const std::filesystem::path& path, const Files& files) {
  const CsvTable table = read_csv(path, ',', files);
  const std::size_t c_cpu = require_column(table, "cpu_milli");
  const std::size_t c_ngpu = require_column(table, "num_gpu");
  const std::size_t c_mgpu = require_column(table, "gpu_milli");
  const std::size_t c_qos = require_column(table, "qos");
  const std::size_t c_create = require_column(table, "creation_time");
  const std::size_t c_delete = require_column(table, "deletion_time");
  const std::size_t c_sched = require_column(table, "scheduled_time");
  std::vector<PodRecord> out;
  out.reserve(table.rows.size());
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    // Pending pods were never scheduled: they have no run time to replay.
    if (cell_text(table, row, c_sched, "scheduled_time").empty() ||
        cell_text(table, row, c_delete, "deletion_time").empty()) {
      continue;
    }
    PodRecord pod;
    pod.creation_s = cell_double(table, row, c_create, "creation_time");
    pod.scheduled_s = cell_double(table, row, c_sched, "scheduled_time");
    pod.deletion_s = cell_double(table, row, c_delete, "deletion_time");
    pod.vcpus = cell_double(table, row, c_cpu, "cpu_milli") / 1000.0;
    const double n_gpu = cell_double(table, row, c_ngpu, "num_gpu");
    const double milli = cell_double(table, row, c_mgpu, "gpu_milli");
    // A single GPU may be shared (gpu_milli < 1000); larger requests are whole GPUs.
    pod.gpus = n_gpu == 1.0 ? milli / 1000.0 : n_gpu;
    pod.qos = parse_qos(table, row, c_qos);
    if (pod.vcpus < 0.0 || pod.gpus < 0.0 || pod.deletion_s < pod.scheduled_s ||
        pod.scheduled_s < pod.creation_s) {
      throw_input_error(table.source, row.line, 0, "pod",
                        "needs cpu_milli, gpu >= 0 and creation <= scheduled <= deletion time");
    }
    out.push_back(pod);
  }
  return out;
}

std::vector<FieldIssue> WorkloadParams::check() const {
  FieldChecker c;
  c.at_least("window_start_s", window_start_s, 0.0)
      .at_least("window_end_s", window_end_s, 0.0)
      .expect(window_end_s == 0.0 || window_end_s > window_start_s, "window_end_s",
              "must be after the window start (or 0: the trace's end)")
      .in_range("mean_utilisation_frac", mean_utilisation_frac, 0.0, 1.0)
      .in_range("job_utilisation_frac", job_utilisation_frac, 0.0, 1.0)
      .in_range("inflexible_slack_h", inflexible_slack_h, 0.0, 8760.0)
      .in_range("deferrable_slack_h", deferrable_slack_h, 0.0, 8760.0)
      .in_range("interruptible_slack_h", interruptible_slack_h, 0.0, 8760.0)
      .in_range("restart_cost_min", restart_cost_min, 0.0, 1440.0)
      .in_range("synthetic_jobs_per_day", synthetic_jobs_per_day, 0.0, 1e6)
      .above("synthetic_duration_median_h", synthetic_duration_median_h, 0.0)
      .in_range("synthetic_duration_sigma", synthetic_duration_sigma, 0.0, 5.0)
      .in_range("synthetic_flexible_frac", synthetic_flexible_frac, 0.0, 1.0)
      .expect(source == WorkloadSource::kSynthetic || !pods.empty(), "trace_file",
              "the trace has no scheduled pods")
      .expect(nodes.peak_kw() > 0.0 && nodes.total_vcpus() + nodes.total_gpus() > 0.0, "node_file",
              "the node inventory has no power or no resources");
  return c.issues();
}

std::vector<Job> make_jobs(const WorkloadParams& p, Timestamp start, Timestamp end,
                           double capacity_kw) {
  require_valid("workload", p.check());
  SHAPAN_ASSERT(end > start && capacity_kw > 0.0, "make_jobs needs a run and a capacity");
  const auto horizon_s = static_cast<double>((end - start).in_seconds());
  std::vector<Draft> drafts =
      p.source == WorkloadSource::kTrace ? replay_trace(p, horizon_s) : synthetic(p, horizon_s);
  std::stable_sort(drafts.begin(), drafts.end(),
                   [](const Draft& a, const Draft& b) { return a.arrival_s < b.arrival_s; });

  // A job holds the larger of its GPU and vCPU shares of the trace cluster;
  // on the cluster scaled to `capacity_kw` it draws that share of the
  // cluster's power at the jobs' utilisation.
  const NodeInventory& nodes = p.nodes;
  const double gpus_total = nodes.total_gpus();
  const double vcpus_total = nodes.total_vcpus();
  const double cluster_frac = nodes.power_kw(p.job_utilisation_frac) / nodes.peak_kw();
  const double gpu_frac =
      nodes.gpu_board_kw() * nodes.curve(p.job_utilisation_frac) / nodes.peak_kw();
  std::vector<Job> jobs;
  jobs.reserve(drafts.size());
  double energy_kwh = 0.0;
  for (const Draft& d : drafts) {
    const double gpu_share = gpus_total > 0.0 ? d.gpus / gpus_total : 0.0;
    const double cpu_share = vcpus_total > 0.0 ? d.vcpus / vcpus_total : 0.0;
    const double share = std::max(gpu_share, cpu_share);
    if (share <= 0.0) continue;
    Job j;
    j.id = static_cast<std::uint32_t>(jobs.size());
    j.arrival = start + Duration::seconds(static_cast<std::int64_t>(std::floor(d.arrival_s)));
    j.work_s = d.work_s;
    j.power_kw = share * capacity_kw * cluster_frac;
    j.gpu_kw = std::min(j.power_kw, gpu_share * capacity_kw * gpu_frac);
    j.kind = d.kind;
    j.power_cappable = d.kind != JobKind::kInflexible && j.gpu_kw > 0.0;
    energy_kwh += j.power_kw * d.work_s / 3600.0;
    jobs.push_back(j);
  }
  // One intensity factor makes the mean power as asked; a job never needs
  // more than the whole capacity.
  const double target_kwh = p.mean_utilisation_frac * capacity_kw * horizon_s / 3600.0;
  const double k = energy_kwh > 0.0 ? target_kwh / energy_kwh : 0.0;
  for (Job& j : jobs) {
    const double scale = std::min(k, capacity_kw / j.power_kw);
    j.power_kw *= scale;
    j.gpu_kw *= scale;
    const double slack_h = j.kind == JobKind::kInflexible   ? p.inflexible_slack_h
                           : j.kind == JobKind::kDeferrable ? p.deferrable_slack_h
                                                            : p.interruptible_slack_h;
    j.deadline = j.arrival + Duration::seconds(
                                 static_cast<std::int64_t>(std::ceil(j.work_s + slack_h * 3600.0)));
  }
  std::erase_if(jobs, [](const Job& j) { return j.power_kw <= 0.0; });
  for (std::size_t i = 0; i < jobs.size(); ++i) jobs[i].id = static_cast<std::uint32_t>(i);
  return jobs;
}

double capped_speed_frac(double cap_frac) {
  // Throughput of GPU training under a board-power cap, relative to uncapped:
  // flat near the limit (the last watts buy little clock), falling faster
  // lower down. Points: docs/models/datacenter.md ("Power capping").
  static constexpr double kCap[] = {0.6, 0.7, 0.8, 0.9, 1.0};
  static constexpr double kSpeed[] = {0.85, 0.91, 0.96, 0.99, 1.0};
  const double c = std::clamp(cap_frac, kCap[0], 1.0);
  for (std::size_t i = 1; i < 5; ++i) {
    if (c <= kCap[i]) {
      return kSpeed[i - 1] +
             (kSpeed[i] - kSpeed[i - 1]) * (c - kCap[i - 1]) / (kCap[i] - kCap[i - 1]);
    }
  }
  return 1.0;
}

}  // namespace shapan::load
