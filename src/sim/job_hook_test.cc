// The job scheduler's hook (job_hook.cc): the clean power offered to the jobs
// before the dispatch, and the stranded clean energy they take up after it.
// Each case writes down the offer, the expected figure and why.
#include "job_hook.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

namespace shapan::sim {
namespace {

// A plant's offer for a 30-minute step (the jobs' load not yet in it).
dispatch::StepOffer half_hour_offer() {
  dispatch::StepOffer o;
  o.step_index = 7;
  o.start = Timestamp::from_unix_seconds(1735689600);
  o.dt = Duration::minutes(30);
  o.load = kw(300.0);
  o.renewables = kw(500.0);
  o.hydro_min = kw(100.0);
  o.hydro_max = kw(200.0);
  o.battery_max_charge = kw(150.0);
  o.battery_max_discharge = kw(100.0);
  o.grid_export_limit = kw(50.0);
  return o;
}

// 500 kW renewables + 200 kW most hydro + 0.5 × 100 kW of the storage
// pool's discharge limit − 300 kW online load = 450 kW of facility power,
// 450 / 1.25 = 360 kW on the IT side.
TEST(JobHookTest, OffersCleanPowerBeyondTheOnlineLoadOnTheItSide) {
  EXPECT_DOUBLE_EQ(clean_it_for_jobs_kw(half_hour_offer(), 0.5, 1.25), 360.0);
  // Without a storage budget: (500 + 200 − 300) / 1.25 = 320 kW.
  EXPECT_DOUBLE_EQ(clean_it_for_jobs_kw(half_hour_offer(), 0.0, 1.25), 320.0);
}

// An online load of 1000 kW leaves nothing: 500 + 200 + 50 − 1000 < 0 → 0.
TEST(JobHookTest, OffersNothingWhenTheOnlineLoadTakesItAll) {
  dispatch::StepOffer o = half_hour_offer();
  o.load = kw(1000.0);
  EXPECT_EQ(clean_it_for_jobs_kw(o, 0.5, 1.25), 0.0);
}

// Stranded: 500 renewables + 100 must-run hydro − 300 online − 150 charge
// limit − 50 export limit = 100 kW the plant could not place. Jobs drawing
// 250 kW take up all 100 kW: 100 kW × 0.5 h = 50 kWh. Jobs drawing 40 kW
// take up only their 40 kW: 20 kWh.
TEST(JobHookTest, AbsorbsTheStrandedSurplusUpToTheJobsLoad) {
  dispatch::StepOffer o = half_hour_offer();
  o.load = kw(300.0 + 250.0);
  EXPECT_DOUBLE_EQ(stranded_absorbed_kwh(o, kw(300.0)), 50.0);
  o.load = kw(300.0 + 40.0);
  EXPECT_DOUBLE_EQ(stranded_absorbed_kwh(o, kw(300.0)), 20.0);
}

// With a 200 kW export limit nothing is stranded (100 − 150 < 0): 0 kWh.
TEST(JobHookTest, AbsorbsNothingWithoutAStrandedSurplus) {
  dispatch::StepOffer o = half_hour_offer();
  o.grid_export_limit = kw(200.0);
  o.load = kw(550.0);
  EXPECT_EQ(stranded_absorbed_kwh(o, kw(300.0)), 0.0);
}

// A scheduler that records what the hook tells it and runs 80 kW of jobs.
class RecordingScheduler : public load::Scheduler {
 public:
  std::string name() const override { return "recording"; }
  double step(const load::StepContext& ctx) override {
    last_ = ctx;
    return 80.0;
  }
  void account(double pue, double clean_frac) override {
    pue_ = pue;
    clean_frac_ = clean_frac;
  }
  std::size_t jobs_running() const override { return 2; }
  std::size_t jobs_waiting() const override { return 5; }
  std::size_t jobs_capped() const override { return 1; }
  load::JobReport report(Timestamp /*end*/) && override { return {.policy = "recording"}; }

  load::StepContext last_;
  double pue_ = 0.0;
  double clean_frac_ = 0.0;
};

// The hook passes the step, its capacity and the clean IT power (360 kW as
// above), adds the jobs' facility power 80 × 1.25 = 100 kW to the offer's
// load, and after the dispatch tells the scheduler the clean share of the
// 400 kW load (300 kW clean: 0.75) and adds the stranded energy the 100 kW
// of jobs took up (100 kW × 0.5 h = 50 kWh).
TEST(JobHookTest, StepsAndAccountsTheScheduler) {
  auto owned = std::make_unique<RecordingScheduler>();
  RecordingScheduler* scheduler = owned.get();
  JobHook hook(std::move(owned), 900.0, 0.5);
  ASSERT_TRUE(hook.active());
  dispatch::StepOffer o = half_hour_offer();
  EXPECT_EQ(hook.step(o, 1.25), 80.0);
  EXPECT_EQ(scheduler->last_.index, 7u);
  EXPECT_EQ(scheduler->last_.dt, Duration::minutes(30));
  EXPECT_EQ(scheduler->last_.capacity_kw, 900.0);
  EXPECT_DOUBLE_EQ(scheduler->last_.clean_it_kw, 360.0);
  EXPECT_DOUBLE_EQ(o.load.in_kw(), 400.0);
  hook.account(o, kw(300.0), kw(300.0), 1.25);
  EXPECT_EQ(scheduler->pue_, 1.25);
  EXPECT_DOUBLE_EQ(scheduler->clean_frac_, 0.75);
  EXPECT_DOUBLE_EQ(hook.absorbed_kwh(), 50.0);
  EXPECT_EQ(hook.jobs_running(), 2.0);
  EXPECT_EQ(hook.jobs_waiting(), 5.0);
  EXPECT_EQ(hook.jobs_capped(), 1.0);
  EXPECT_EQ(std::move(hook).report(o.start).policy, "recording");
}

// Without a workload the hook leaves the offer alone and counts nothing.
TEST(JobHookTest, WithoutASchedulerItDoesNothing) {
  JobHook hook;
  dispatch::StepOffer o = half_hour_offer();
  EXPECT_FALSE(hook.active());
  EXPECT_EQ(hook.step(o, 1.25), 0.0);
  EXPECT_EQ(o.load.in_kw(), 300.0);
  hook.account(o, kw(300.0), kw(300.0), 1.25);
  EXPECT_EQ(hook.absorbed_kwh(), 0.0);
  EXPECT_EQ(hook.jobs_running(), 0.0);
  EXPECT_EQ(hook.jobs_waiting(), 0.0);
  EXPECT_EQ(hook.jobs_capped(), 0.0);
}

}  // namespace
}  // namespace shapan::sim
