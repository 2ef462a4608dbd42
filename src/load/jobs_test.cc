#include "shapan/load/jobs.h"

#include <gtest/gtest.h>

#include <fstream>

#include "shapan/core/error.h"

namespace shapan::load {
namespace {

const Timestamp kStart = Timestamp::from_unix_seconds(1735689600);  // 2025-01-01T00:00Z
const Timestamp kYearEnd = kStart + Duration::days(365);

WorkloadParams alibaba() {
  WorkloadParams p;
  p.pods = read_pod_trace("data/workload/openb_pod_list_default.csv");
  p.nodes = read_node_inventory("data/workload/openb_node_list_gpu_node.csv",
                                read_gpu_models("data/workload/gpu_models.csv"), NodePowerParams{});
  p.window_start_s = 110.0 * 86400.0;
  p.mean_utilisation_frac = 0.25;
  return p;
}

// 8,152 pods, of which 897 were never scheduled (Pending): 7,255 remain.
TEST(JobsTest, TraceSkipsPendingPods) {
  const auto pods = read_pod_trace("data/workload/openb_pod_list_default.csv");
  EXPECT_EQ(pods.size(), 7255u);
  // openb-pod-0001: 6 vCPUs, one GPU shared at 460 milli, LS.
  EXPECT_DOUBLE_EQ(pods[1].vcpus, 6.0);
  EXPECT_DOUBLE_EQ(pods[1].gpus, 0.46);
  EXPECT_EQ(pods[1].qos, Qos::kLatencySensitive);
}

// Replayed over a year the jobs arrive in [start, end), sorted; the kinds
// follow the QoS rule; the mean power, as run on arrival, is the asked
// 25 % of the 12 MW capacity (no job is large enough to be clipped).
TEST(JobsTest, ReplayCoversTheYearAtTheAskedUtilisation) {
  const std::vector<Job> jobs = make_jobs(alibaba(), kStart, kYearEnd, 12000.0);
  ASSERT_FALSE(jobs.empty());
  EXPECT_GE(jobs.front().arrival, kStart);
  EXPECT_LT(jobs.back().arrival, kYearEnd);
  EXPECT_GT(jobs.back().arrival, kYearEnd - Duration::days(3));
  double kwh = 0.0;
  std::size_t kinds[3] = {0, 0, 0};
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (i > 0) {
      EXPECT_LE(jobs[i - 1].arrival, jobs[i].arrival);
    }
    EXPECT_EQ(jobs[i].id, i);
    EXPECT_LE(jobs[i].power_kw, 12000.0);
    EXPECT_LE(jobs[i].gpu_kw, jobs[i].power_kw);
    EXPECT_GE(jobs[i].deadline - jobs[i].arrival,
              Duration::seconds(static_cast<std::int64_t>(jobs[i].work_s)));
    ++kinds[static_cast<int>(jobs[i].kind)];
    kwh += jobs[i].power_kw * jobs[i].work_s / 3600.0;
  }
  EXPECT_NEAR(kwh / (365 * 24.0), 0.25 * 12000.0, 1e-6 * 3000.0);
  EXPECT_GT(kinds[0], 0u);
  EXPECT_GT(kinds[1], 0u);
  EXPECT_GT(kinds[2], 0u);
}

TEST(JobsTest, SyntheticIsSeeded) {
  WorkloadParams p = alibaba();
  p.source = WorkloadSource::kSynthetic;
  p.synthetic_jobs_per_day = 500.0;
  const auto a = make_jobs(p, kStart, kStart + Duration::days(30), 5000.0);
  const auto b = make_jobs(p, kStart, kStart + Duration::days(30), 5000.0);
  p.seed = 2;
  const auto c = make_jobs(p, kStart, kStart + Duration::days(30), 5000.0);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].arrival, b[i].arrival);
    EXPECT_EQ(a[i].work_s, b[i].work_s);
  }
  EXPECT_NE(a.size(), c.size());
  // About 500 a day (Poisson): 15,000 ± a few hundred.
  EXPECT_NEAR(static_cast<double>(a.size()), 15000.0, 500.0);
}

TEST(JobsTest, BadQosNamesTheLine) {
  const auto path = std::filesystem::temp_directory_path() / "shapan_bad_qos.csv";
  {
    std::ofstream out(path);
    out << "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,"
           "deletion_time,scheduled_time\n"
           "p0,1000,1024,1,1000,,XX,Running,0,10,0\n";
  }
  try {
    (void)read_pod_trace(path);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(":2:7: qos = \"XX\": expected LS, Guaranteed, "
                                         "Burstable or BE"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace shapan::load
