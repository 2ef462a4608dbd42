// The flexible jobs in the dispatch LP (jobs_lp.cc) on cases worked out by
// hand, matched to 1e-9 (issue 15, "hand-derived cases: a deferrable job").
#include <gtest/gtest.h>

#include "shapan/optimize/dispatch.h"

namespace shapan::optimize {
namespace {

// Online load 1 MW every one-hour step, no storage, PV of `pv_kw` with the
// availability given, grid prices given, no carbon.
DispatchProblem base(const std::vector<double>& availability, double pv_kw,
                     const std::vector<double>& price_per_kwh) {
  DispatchProblem d;
  SizingProblem& p = d.lp;
  p.step_h = 1.0;
  p.load_kw.assign(availability.size(), 1000.0);
  p.grid_price_per_kwh = price_per_kwh;
  p.grid_carbon_kg_per_kwh.assign(availability.size(), 0.5);
  p.allow_unserved = true;
  p.sources.push_back(SizedSource{.name = "pv",
                                  .kind = "pv",
                                  .availability_per_kw = availability,
                                  .capacity_min_kw = pv_kw,
                                  .capacity_max_kw = pv_kw});
  return d;
}

// One job of `power_kw` for `work_h` hours arriving at 0 h, its envelopes by
// hand: at most power × min(end of step, work) done by the end of each step;
// at least what finishing by `deadline_h` at full speed needs.
FlexibleJobs one_job(std::size_t steps, double power_kw, double work_h, double deadline_h,
                     double pue) {
  FlexibleJobs j;
  j.pue.assign(steps, pue);
  j.free_it_kw.assign(steps, 3000.0);
  j.window_it_kw.assign(steps, power_kw);
  j.must_run_it_kw.assign(steps, 0.0);
  j.cappable_arrived_kwh.assign(steps, 0.0);
  for (std::size_t t = 0; t < steps; ++t) {
    const auto end_h = static_cast<double>(t + 1);
    j.arrived_kwh.push_back(power_kw * std::min(end_h, work_h));
    j.due_kwh.push_back(power_kw * std::clamp(end_h - (deadline_h - work_h), 0.0, work_h));
  }
  return j;
}

// A deferrable job of 2 MW for 1 h (IT), PUE 1.2, arriving at 0 h with its
// deadline at 3 h (latest start 2 h). Online load 1 MW; PV 4 MW in step 1
// only; grid 0.5 per kWh flat. Run in step 1, the job's 2.4 MW of facility
// power and the 1 MW online load fit in the 4 MW of PV (0.6 MW curtailed);
// anywhere else each of its kWh costs 1.2 × 0.5. So the optimum is the job
// in step 1, imports 1 MW in steps 0 and 2: cost 2 × 1000 × 0.5 = 1000,
// against 1000 + 2000 × 1.2 × 0.5 = 2200 with the job run on arrival.
TEST(JobsLpTest, DeferrableJobMovesToTheSunnyStep) {
  DispatchProblem d = base({0.0, 1.0, 0.0}, 4000.0, {0.5, 0.5, 0.5});
  d.lp.flexible_jobs = one_job(3, 2000.0, 1.0, 3.0, 1.2);
  EXPECT_EQ(d.lp.flexible_jobs.due_kwh, (std::vector<double>{0.0, 0.0, 2000.0}));
  const SizingResult r = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  const FlexiblePlan& f = r.flexible_jobs;
  ASSERT_EQ(f.work_it_kw.size(), 3u);
  EXPECT_NEAR(f.work_it_kw[0], 0.0, 1e-9);
  EXPECT_NEAR(f.work_it_kw[1], 2000.0, 1e-9 * 2000.0);
  EXPECT_NEAR(f.work_it_kw[2], 0.0, 1e-9);
  EXPECT_NEAR(f.facility_kwh, 2400.0, 1e-9 * 2400.0);
  EXPECT_NEAR(f.unfinished_kwh, 0.0, 1e-9);
  EXPECT_NEAR(r.grid_import_kw[0], 1000.0, 1e-9 * 1000.0);
  EXPECT_NEAR(r.grid_import_kw[1], 0.0, 1e-9);
  EXPECT_NEAR(r.grid_import_kw[2], 1000.0, 1e-9 * 1000.0);
  EXPECT_NEAR(r.curtailed_kwh, 600.0, 1e-9 * 600.0);
  const DispatchOutcome o = evaluate(d.lp, r.grid_import_kw, r.grid_export_kw, r.unserved_kw);
  EXPECT_NEAR(o.cost, 1000.0, 1e-9 * 1000.0);
  // The load counts the job's facility energy: 3 × 1000 + 2400.
  EXPECT_NEAR(r.load_kwh, 5400.0, 1e-9 * 5400.0);
}

// An interruptible job of 1 MW for 2 h (PUE 1), arriving at 0 h, deadline
// 4 h. Online load 1 MW; PV 2 MW in steps 1 and 3 (1 MW beyond the online
// load), none in steps 0 and 2; prices 1.0, 1.0, 0.8, 1.0 per kWh. The job
// runs in step 1, pauses in step 2 and runs again in step 3, all on PV: cost
// the online load's imports, 1000 × 1.0 + 1000 × 0.8 = 1800.
TEST(JobsLpTest, InterruptibleJobRunsInTheTwoSunnySteps) {
  DispatchProblem d = base({0.0, 1.0, 0.0, 1.0}, 2000.0, {1.0, 1.0, 0.8, 1.0});
  d.lp.flexible_jobs = one_job(4, 1000.0, 2.0, 4.0, 1.0);
  const SizingResult r = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  const std::vector<double> want = {0.0, 1000.0, 0.0, 1000.0};
  for (std::size_t t = 0; t < 4; ++t) {
    EXPECT_NEAR(r.flexible_jobs.work_it_kw[t], want[t], 1e-9 * 1000.0) << "step " << t;
  }
  const DispatchOutcome o = evaluate(d.lp, r.grid_import_kw, r.grid_export_kw, r.unserved_kw);
  EXPECT_NEAR(o.cost, 1800.0, 1e-9 * 1800.0);
}

// The same job, power-cappable, with the engine's capping at 60 % of board
// power (all of the job's power is GPU): speed s = 0.85
// (load::capped_speed_frac), so a kW of work rate capped draws ρ = 0.6 / 0.85
// = 0.70588 kW and reserves 1 / 0.85 kW of the 1 MW capacity. PV 1.6 MW in
// steps 1 and 3 leaves 600 kW beyond the online load. There the most work is
// h = 850 kW capped (capacity: h / 0.85 = 1000; energy: 0.70588 × 850 = 600,
// exactly the surplus; uncapped work would give only 600). The 300 kWh of
// work left run capped at the cheapest other step, 2 (0.8 per kWh): cost
// 1000 × 1.0 + (1000 + 300 × 0.70588) × 0.8 = 1969.4118 (uncapped in step 2:
// 2040; a kW more of work in a sunny step trades 0.85 capped for 1 uncapped,
// +0.15 work for +0.4 kW bought, 2.67 per kWh of work).
TEST(JobsLpTest, PowerCappingStretchesTheSurplus) {
  DispatchProblem d = base({0.0, 1.0, 0.0, 1.0}, 1600.0, {1.0, 1.0, 0.8, 1.0});
  FlexibleJobs j = one_job(4, 1000.0, 2.0, 4.0, 1.0);
  j.free_it_kw.assign(4, 1000.0);
  j.cappable_arrived_kwh = j.arrived_kwh;
  j.capped_speed_frac = 0.85;
  j.capped_power_frac = 0.6 / 0.85;
  d.lp.flexible_jobs = j;
  const SizingResult r = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  const std::vector<double> want = {0.0, 850.0, 300.0, 850.0};
  for (std::size_t t = 0; t < 4; ++t) {
    EXPECT_NEAR(r.flexible_jobs.work_it_kw[t], want[t], 1e-9 * 1000.0) << "step " << t;
    EXPECT_NEAR(r.flexible_jobs.capped_work_it_kw[t], want[t], 1e-9 * 1000.0) << "step " << t;
  }
  const DispatchOutcome o = evaluate(d.lp, r.grid_import_kw, r.grid_export_kw, r.unserved_kw);
  const double cost = 1000.0 + (1000.0 + 300.0 * 0.6 / 0.85) * 0.8;
  EXPECT_NEAR(o.cost, cost, 1e-9 * cost);
  EXPECT_NEAR(o.cost, 1969.4117647058824, 1e-9 * cost);
}

// Work that cannot be done by the end of the run (a job of 1 MW for 2 h,
// deadline 5 h, in a run of two steps whose second has only 400 kW free) is
// priced like unserved load and reported, not dropped: 1000 + 400 kWh run,
// 600 kWh of full-speed work left; imports 2000 + 1400 kWh at 1 per kWh.
TEST(JobsLpTest, WorkLeftUndoneAtTheEndIsReported) {
  DispatchProblem d = base({0.0, 0.0}, 1000.0, {1.0, 1.0});
  FlexibleJobs j = one_job(2, 1000.0, 2.0, 5.0, 1.0);
  j.free_it_kw = {1000.0, 400.0};
  d.lp.flexible_jobs = j;
  const SizingResult r = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.flexible_jobs.unfinished_kwh, 600.0, 1e-9 * 600.0);
  EXPECT_NEAR(r.flexible_jobs.work_it_kw[0], 1000.0, 1e-9 * 1000.0);
  EXPECT_NEAR(r.flexible_jobs.work_it_kw[1], 400.0, 1e-9 * 1000.0);
  EXPECT_NEAR(r.grid_import_kwh, 3400.0, 1e-9 * 3400.0);
}

}  // namespace
}  // namespace shapan::optimize
