// The default scenario (examples/qinghai_base.toml) with its Alibaba GPU
// workload over a year at 5-minute steps, plant included, once per
// scheduling policy; and the same without the scheduler, for the overhead.
// The scenario and its files are read once, outside the timed loop; what is
// timed is sim::run: PV, wind, data center, job generation (replay and
// scaling of the trace: about 66,000 jobs), the scheduler, dispatch and the
// ledger.
//
// JobRecordsFloor*: the least a run with the workload must do per job, with
// no scheduling decision at all: read each of the scenario's jobs once and
// write its outcome (as if it started on arrival and ran to its end). sim::run
// also copies the job list to scale it, which this leaves out. Over one year hourly and
// ten years hourly, the job counts of BM_DefaultScenarioYearHourly (bench_sim)
// and BM_DefaultTenYearsHourlyWithAgeing (bench_storage): what the workload
// adds to a run can not be less than this, whatever the policy.
//
// Run from the repository root: build/release/bench/bench_jobs
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "shapan/io/scenario.h"
#include "shapan/load/scheduler.h"
#include "shapan/sim/prepared.h"
#include "shapan/sim/simulation.h"

namespace {

void run_policy(benchmark::State& state, const std::string& policy, bool with_jobs) {
  shapan::io::Scenario scenario = shapan::io::load_scenario(
      "examples/qinghai_base.toml", {"simulation.step_minutes=5", "scheduler.policy=" + policy});
  if (!with_jobs) scenario.setup.workload.reset();
  std::size_t jobs = 0;
  for (auto _ : state) {
    const shapan::sim::Results r = shapan::sim::run(scenario.setup);
    jobs = r.jobs ? r.jobs->jobs.size() : 0;
    benchmark::DoNotOptimize(r.steps.datacenter_kw.data());
  }
  state.counters["steps"] = static_cast<double>(shapan::sim::step_count(scenario.setup));
  state.counters["jobs"] = static_cast<double>(jobs);
}

void BM_YearFiveMinuteNoJobs(benchmark::State& s) { run_policy(s, "fcfs", false); }
void BM_YearFiveMinuteFcfs(benchmark::State& s) { run_policy(s, "fcfs", true); }
void BM_YearFiveMinuteGreenFollowing(benchmark::State& s) {
  run_policy(s, "green_following", true);
}
void BM_YearFiveMinuteForecastThreshold(benchmark::State& s) {
  run_policy(s, "forecast_threshold", true);
}
void BM_YearFiveMinutePowerCapping(benchmark::State& s) { run_policy(s, "power_capping", true); }

void job_records_floor(benchmark::State& state, int years) {
  const shapan::io::Scenario scenario = shapan::io::load_scenario(
      "examples/qinghai_base.toml", {"simulation.years=" + std::to_string(years)});
  const std::vector<shapan::load::Job> unit_jobs = *shapan::sim::prepare(scenario.setup).unit_jobs;
  const shapan::Timestamp start = shapan::sim::start_of(scenario.setup);
  const double capacity_kw = 1000.0;  // any factor: the cost does not depend on it
  for (auto _ : state) {
    std::vector<shapan::load::JobOutcome> outcomes(unit_jobs.size());
    for (std::size_t j = 0; j < unit_jobs.size(); ++j) {
      const shapan::load::Job& job = unit_jobs[j];
      shapan::load::JobOutcome& o = outcomes[j];
      o.start_s = static_cast<double>((job.arrival - start).in_seconds());
      o.finish_s = o.start_s + job.work_s;
      o.work_done_s = job.work_s;
      o.energy_kwh = job.power_kw * capacity_kw * job.work_s / 3600.0;
      o.deadline_missed = o.finish_s > static_cast<double>((job.deadline - start).in_seconds());
    }
    benchmark::DoNotOptimize(outcomes.data());
  }
  state.counters["jobs"] = static_cast<double>(unit_jobs.size());
}

void BM_JobRecordsFloorYearHourly(benchmark::State& s) { job_records_floor(s, 1); }
void BM_JobRecordsFloorTenYearsHourly(benchmark::State& s) { job_records_floor(s, 10); }

BENCHMARK(BM_JobRecordsFloorYearHourly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JobRecordsFloorTenYearsHourly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YearFiveMinuteNoJobs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YearFiveMinuteFcfs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YearFiveMinuteGreenFollowing)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YearFiveMinuteForecastThreshold)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_YearFiveMinutePowerCapping)->Unit(benchmark::kMillisecond);

}  // namespace
