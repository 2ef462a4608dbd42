// Jobs: units of compute work with an arrival, an amount of work, a power and
// a deadline, read from a cluster trace or drawn by a seeded generator.
//
// Trace: the Alibaba GPU cluster trace v2023 (openb_pod_list_default.csv),
// one pod per row. A pod's duration is deletion − scheduled time; pods never
// scheduled (Pending) have no duration and are skipped, and pods still running
// when the trace ends are cut at its end.
//
// Flexibility rule (by the pod's QoS class; docs/models/datacenter.md):
//   LS, Guaranteed → inflexible: runs on arrival (latency-sensitive services);
//   Burstable      → deferrable: may start any time its deadline allows, then
//                    runs to the end;
//   BE             → interruptible: may pause and resume, paying a
//                    checkpoint/restart cost in extra work at each resume.
// Flexible jobs that hold GPUs are also power-cappable: their GPUs can be
// capped to 60–100 % of board power, running slower (see slowdown below).
// Deadline = arrival + work + slack, the slack per class (Params).
//
// Replay over a year: the trace's arrivals in [window_start, window_end) are
// repeated back to back (period = window length) from the run's start until
// its end. Scale: a pod's power is its share of the trace cluster (the larger
// of its GPU and vCPU shares) times the scaled node inventory, times one
// intensity factor chosen so that the jobs' mean IT power over the run, if
// each ran on arrival, is mean_utilisation_frac of the jobs' capacity. Each
// job thus stands for that many pods of the same shape.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/time.h"
#include "shapan/load/nodes.h"

namespace shapan::load {

enum class Qos { kLatencySensitive, kGuaranteed, kBurstable, kBestEffort };
enum class JobKind { kInflexible, kDeferrable, kInterruptible };

// One row of the pod trace. Times in seconds from the trace's start.
struct PodRecord {
  double creation_s = 0.0;
  double scheduled_s = 0.0;
  double deletion_s = 0.0;
  double vcpus = 0.0;  // cpu_milli / 1000
  double gpus = 0.0;   // num_gpu, or gpu_milli / 1000 for a shared single GPU
  Qos qos = Qos::kBestEffort;
  bool operator==(const PodRecord&) const = default;
};

// Reads the trace. Pending pods (no scheduled or deletion time) are skipped;
// a bad number or an unknown QoS is an InputError naming file:line.
std::vector<PodRecord> read_pod_trace(const std::filesystem::path& path,
                                      const Files& files = local_files());

struct Job {
  std::uint32_t id = 0;  // index in the job list (sorted by arrival)
  Timestamp arrival;
  Timestamp deadline;     // the work must be done by then
  double work_s = 0.0;    // run time at full speed
  double power_kw = 0.0;  // IT power while running uncapped
  double gpu_kw = 0.0;    // the GPU boards' part of power_kw (what capping reduces)
  JobKind kind = JobKind::kInflexible;
  bool power_cappable = false;
};

enum class WorkloadSource { kTrace, kSynthetic };

struct WorkloadParams {
  WorkloadSource source = WorkloadSource::kTrace;
  std::vector<PodRecord> pods;  // kTrace: the trace (read by io)
  NodeInventory nodes;          // the trace cluster, before scaling
  // Replay window within the trace, seconds from its start; end 0 = the last
  // arrival. The Alibaba trace's arrivals are dense only in its last ~40 days.
  double window_start_s = 0.0;
  double window_end_s = 0.0;
  // Jobs' mean IT power over the run, as run on arrival, over their capacity
  // (sets the intensity factor). 0..1.
  double mean_utilisation_frac = 0.5;
  // Utilisation of the resources a running job holds (its share of node power).
  double job_utilisation_frac = 1.0;
  // Deadline slack by class, hours after arrival + work.
  double inflexible_slack_h = 1.0;
  double deferrable_slack_h = 12.0;
  double interruptible_slack_h = 24.0;
  // Extra work added at each resume of an interruptible job.
  double restart_cost_min = 5.0;
  // kSynthetic: Poisson arrivals with a diurnal rate, log-normal durations.
  double synthetic_jobs_per_day = 2000.0;
  double synthetic_duration_median_h = 1.0;
  double synthetic_duration_sigma = 1.5;  // of ln(duration)
  double synthetic_flexible_frac = 0.5;   // share of jobs that are not inflexible
  std::uint64_t seed = 1;

  std::vector<FieldIssue> check() const;
  bool operator==(const WorkloadParams&) const = default;
};

// The run's jobs, sorted by arrival (ties by trace order), all arriving in
// [start, end). `capacity_kw` is the IT power available to jobs.
// Requires: params.check() is empty, end > start, capacity_kw > 0.
std::vector<Job> make_jobs(const WorkloadParams& params, Timestamp start, Timestamp end,
                           double capacity_kw);

// Throughput (work per second, 1 = full speed) with the GPUs capped to
// `cap_frac` of board power, cap_frac in [0.6, 1]; docs/models/datacenter.md
// gives the curve and its source. Clamped outside that range.
double capped_speed_frac(double cap_frac);

}  // namespace shapan::load
