// Receding-horizon dispatch through the engine on a case worked out by hand.
#include "shapan/optimize/mpc.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "../sim/test_setups.h"
#include "hydro_test_plant.h"
#include "shapan/core/error.h"

namespace shapan::optimize {
namespace {

// Battery arbitrage over 5 one-hour steps (local hours 0..4), no plant: a
// constant 500 kW data center (PUE 1) on the grid at 0.1, 0.2, 0.3, 0.5, 0.4
// per kWh; a lossless battery (η = 1, no self-discharge, SOC 0..1) of
// 1,000 kWh and 500 kW either way, empty at the start. Without it the run
// costs 500 × (0.1 + 0.2 + 0.3 + 0.5 + 0.4) = 750.
sim::Setup arbitrage_setup() {
  sim::Setup s;
  s.weather = sim::testing::per_step(sim::testing::windy_weather({0.0, 0.0, 0.0, 0.0, 0.0}));
  s.datacenter = sim::testing::constant_datacenter(500.0);
  std::vector<double> tou(24, 0.4);
  tou[0] = 0.1;
  tou[1] = 0.2;
  tou[2] = 0.3;
  tou[3] = 0.5;
  s.grid = gen::GridParams{.import_limit_kw = 10000.0, .tou_price_cny_per_kwh = tou};
  s.batteries = {gen::BatteryParams{.name = "b",
                                    .energy_kwh = 1000.0,
                                    .max_charge_kw = 500.0,
                                    .max_discharge_kw = 500.0,
                                    .soc_min_frac = 0.0,
                                    .soc_max_frac = 1.0,
                                    .soc_initial_frac = 0.0,
                                    .charge_efficiency_frac = 1.0,
                                    .discharge_efficiency_frac = 1.0}};
  return s;
}

// Net battery power the engine applied per step (> 0: discharge), kW.
std::vector<double> net_discharge_kw(const sim::Results& r) {
  std::vector<double> out;
  for (std::size_t t = 0; t < r.steps.size(); ++t) {
    out.push_back(r.steps.battery_discharge_kw[t] - r.steps.battery_charge_kw[t]);
  }
  return out;
}

void expect_series_near(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t t = 0; t < want.size(); ++t) EXPECT_NEAR(got[t], want[t], 1e-6) << "step " << t;
}

// Horizon 2 h, re-plan every hour, perfect forecast; every window must end
// with at least the run's initial 0 kWh. Window by window (s = stored kWh
// the engine reports at the re-plan step):
//   t=0 (0.1, 0.2), s=0:    charge 500 at 0.1 to discharge at 0.2 saves 50;
//                           applied: charge 500 -> s = 500
//   t=1 (0.2, 0.3), s=500:  the stored 500 is worth most at 0.3 (150 against
//                           100 now); buying more at 0.2 has nowhere to go
//                           (the 500 kW discharge limit is used at step 2);
//                           applied: idle -> s = 500
//   t=2 (0.3, 0.5), s=500:  likewise held for 0.5 (250 against 150);
//                           applied: idle -> s = 500
//   t=3 (0.5, 0.4), s=500:  discharge 500 at 0.5 -> s = 0
//   t=4 (0.4), s=0:         nothing stored: idle
// Cost: 1000 × 0.1 + 500 × 0.2 + 500 × 0.3 + 0 + 500 × 0.4 = 550.
// Perfect foresight over the run sees both dear hours: charge 500 at 0.1 and
// 0.2, discharge 500 at 0.5 and 0.4: 1000 × 0.1 + 1000 × 0.2 + 500 × 0.3 =
// 450. The 2-hour horizon costs 100 (its t = 0 window cannot see hours 3
// and 4, so it spends the cheapest hour's charge on hour 1).
TEST(MpcTest, TwoHourHorizonHourlyReplanByHand) {
  const sim::Setup setup = arbitrage_setup();
  const DispatchProblem run = dispatch_problem(setup, {}, {});
  const MpcOptions o{.horizon_h = 2.0, .replan_every_h = 1.0, .forecast = Forecast::kPerfect};
  const MpcRun mpc = run_mpc(setup, run, o, {});
  EXPECT_EQ(mpc.results.strategy, "receding_plan");
  EXPECT_EQ(mpc.stats.lp_solves, 5U);
  EXPECT_EQ(mpc.stats.failed_windows, 0U);
  expect_series_near(net_discharge_kw(mpc.results), {-500, 0, 0, 500, 0});
  expect_series_near(mpc.results.steps.grid_import_kw, {1000, 500, 500, 0, 500});
  EXPECT_NEAR(evaluate(run.lp, mpc.results).cost, 550.0, 1e-9 * 550);

  // A horizon covering the run is perfect foresight: 450, the same as the
  // (cyclic) perfect-foresight plan replayed, whether it re-plans every hour
  // or once.
  for (const double every_h : {1.0, 5.0}) {
    const MpcRun whole =
        run_mpc(setup, run, MpcOptions{.horizon_h = 5.0, .replan_every_h = every_h}, {});
    expect_series_near(net_discharge_kw(whole.results), {-500, -500, 0, 500, 500});
    EXPECT_NEAR(evaluate(run.lp, whole.results).cost, 450.0, 1e-9 * 450);
  }
  const SizingResult pf = solve_dispatch(run, {});
  const sim::Results pf_replay = replay(setup, plan_of(pf).value());
  EXPECT_NEAR(evaluate(run.lp, pf_replay).cost, 450.0, 1e-9 * 450);
}

// Each window starts from the engine's stored energy, not from the plan's:
// with the battery half full at the start (500 kWh) and every window told to
// end with at least those 500 kWh, a 1-hour horizon can never discharge (it
// would end below 500) and the run costs the 750 of no battery. With 2 hours:
//   t=0 (0.1, 0.2), s=500:   charge 500 to discharge at 0.2; applied: s = 1000
//   t=1 (0.2, 0.3), s=1000:  only 500 may leave (end >= 500): at 0.3; idle
//   t=2 (0.3, 0.5), s=1000:  likewise at 0.5; idle
//   t=3 (0.5, 0.4), s=1000:  discharge 500 -> s = 500
//   t=4 (0.4), s=500:        at the floor: idle
// 1000 × 0.1 + 500 × 0.2 + 500 × 0.3 + 0 + 500 × 0.4 = 550, ending with the
// 500 kWh it started with.
TEST(MpcTest, WindowsStartFromTheEnginesStateAndKeepTheInitialEnergy) {
  sim::Setup setup = arbitrage_setup();
  setup.batteries[0].soc_initial_frac = 0.5;
  const DispatchProblem run = dispatch_problem(setup, {}, {});
  const MpcRun one = run_mpc(setup, run, MpcOptions{.horizon_h = 1.0, .replan_every_h = 1.0}, {});
  EXPECT_NEAR(evaluate(run.lp, one.results).cost, 750.0, 1e-9 * 750);
  const MpcRun two = run_mpc(setup, run, MpcOptions{.horizon_h = 2.0, .replan_every_h = 1.0}, {});
  expect_series_near(net_discharge_kw(two.results), {-500, 0, 0, 500, 0});
  EXPECT_NEAR(evaluate(run.lp, two.results).cost, 550.0, 1e-9 * 550);
  EXPECT_NEAR(two.results.battery_stored_end_kwh, 500.0, 1e-6);
}

// When the engine does not do what the plan expected, the next window starts
// from what the engine has. Here the engine charges at 80 % (an efficiency
// curve, flat at 0.8) while the LP takes the scenario's constant 100 %.
// Horizon 2 h, hourly re-plan, starting empty (end >= 0):
//   t=0, s=0:    charge 500 (the LP expects 500 stored; the engine stores 400)
//   t=1, s=400:  discharging 500 at 0.3 beats 400 at 0.2: top up 100 at 0.2
//                (the engine stores 80) -> s = 480
//   t=2, s=480:  top up 20 at 0.3 to discharge 500 at 0.5 -> s = 496
//   t=3, s=496:  discharge the 496 at 0.5 -> s = 0
//   t=4, s=0:    idle
// Imports 1000, 600, 520, 4, 500: cost 100 + 120 + 156 + 2 + 200 = 578.
TEST(MpcTest, EachWindowStartsFromWhatTheEngineStored) {
  sim::Setup setup = arbitrage_setup();
  setup.batteries[0].charge_curve_power_frac = {0.0, 1.0};
  setup.batteries[0].charge_curve_efficiency_frac = {0.8, 0.8};
  const DispatchProblem run = dispatch_problem(setup, {}, {});
  const MpcRun mpc = run_mpc(setup, run, MpcOptions{.horizon_h = 2.0, .replan_every_h = 1.0}, {});
  expect_series_near(net_discharge_kw(mpc.results), {-500, -100, -20, 496, 0});
  expect_series_near(mpc.results.steps.grid_import_kw, {1000, 600, 520, 4, 500});
  EXPECT_NEAR(evaluate(run.lp, mpc.results).cost, 578.0, 1e-9 * 578);
}

// A hydro plant of constant head (1,000 kW per m³/s at efficiency 1: the
// level table rises 2e-9 m over 1,000 hm³) with 20 m³/s of inflow, an
// ecological minimum of 10 m³/s and 500 hm³ stored, beside a constant
// 100 MW data center on the grid at 0.2, 0.6, 0.3 per kWh (local hours 0..2).
sim::Setup hydro_setup() {
  sim::Setup s;
  s.weather = sim::testing::per_step(sim::testing::windy_weather({0.0, 0.0, 0.0}));
  s.datacenter = sim::testing::constant_datacenter(100000.0);
  std::vector<double> tou(24, 0.5);
  tou[0] = 0.2;
  tou[1] = 0.6;
  tou[2] = 0.3;
  s.grid = gen::GridParams{.import_limit_kw = 1e6, .tou_price_cny_per_kwh = tou};
  const gen::HydroParams p = testing::constant_head_plant();
  s.hydro = sim::HydroSetup{.params = p, .inflow_m3_per_s = {20.0, 20.0, 20.0}};
  return s;
}

// Hydro in MPC, by hand (1 MW per m³/s; a = 0.0036 hm³ per m³/s·h). Perfect
// foresight over the 3 h must end with the 500 hm³ it starts with: the 60
// m³/s·h of inflow less the ecological 10 + 10 go to the dearest hour,
// q = (10, 40, 10), imports 90, 60, 90 MW: 18,000 + 36,000 + 27,000 = 81,000.
// Without a guide each window ends with at least the run's 500 hm³, so a
// horizon covering the run (re-planned hourly or once) and a 2 h horizon
// re-planned hourly find the same: the t = 0 window (0.2, 0.6) releases 10
// now and 30 at 0.6; the t = 1 window starts from the engine's 500.036 hm³
// and may use the 0.036 kept: 40 at 0.6, 10 at 0.3.
// With a guide of 500.036 hm³ at every step's end (as mpc_problem() takes
// it from a rules run), each window must end there:
//   t=0 (0.2, 0.6), v=500:      30 m³/s·h to release: 10 now, 20 at 0.6
//   t=1 (0.6, 0.3), v=500.036:  40: 30 now, 10 then; applied q = 30
//   t=2 (0.3), v=500:           only the must-run 10 reaches 500.036
// imports 90, 70, 90: 18,000 + 42,000 + 27,000 = 87,000, ending on the guide.
TEST(MpcTest, HydroWindowsStartFromTheReservoirAndEndOnTheGuide) {
  const sim::Setup setup = hydro_setup();
  const DispatchProblem run = dispatch_problem(setup, {}, {});
  const sim::Results pf = replay(setup, plan_of(solve_dispatch(run, {})).value());
  EXPECT_NEAR(evaluate(run.lp, pf).cost, 81000.0, 1e-6 * 81000);
  for (const auto& [horizon_h, every_h] : {std::pair{3.0, 1.0}, {3.0, 3.0}, {2.0, 1.0}}) {
    const MpcRun r =
        run_mpc(setup, run, MpcOptions{.horizon_h = horizon_h, .replan_every_h = every_h}, {});
    EXPECT_EQ(r.stats.failed_windows, 0U);
    EXPECT_GE(r.stats.solver_calls, r.stats.lp_solves);
    expect_series_near(r.results.steps.hydro_kw, {10000, 40000, 10000});
    EXPECT_NEAR(evaluate(run.lp, r.results).cost, 81000.0, 1e-6 * 81000);
    EXPECT_NEAR(r.results.reservoir_storage_end_hm3, 500.0, 1e-9 * 500);
  }
  DispatchProblem guided = run;
  guided.reservoir_guide_hm3.assign(3, 500.036);
  const MpcRun on_guide =
      run_mpc(setup, guided, MpcOptions{.horizon_h = 2.0, .replan_every_h = 1.0}, {});
  expect_series_near(on_guide.results.steps.hydro_kw, {10000, 30000, 10000});
  EXPECT_NEAR(evaluate(run.lp, on_guide.results).cost, 87000.0, 1e-6 * 87000);
  EXPECT_NEAR(on_guide.results.reservoir_storage_end_hm3, 500.036, 1e-9 * 500);
  for (const double e : on_guide.results.steps.balance_error_kwh) EXPECT_LE(std::abs(e), 1e-6);
}

// mpc_problem() takes the guide from a rules run's reservoir, and the jobs
// out of the LP with their load; a cascade is refused.
TEST(MpcTest, MpcProblemTakesTheGuideFromTheRulesRun) {
  const sim::Setup setup = hydro_setup();
  const DispatchProblem run = dispatch_problem(setup, {}, {});
  const sim::Results rules = sim::run(setup);
  const DispatchProblem p = mpc_problem(run, rules);
  ASSERT_EQ(p.reservoir_guide_hm3.size(), 3U);
  for (std::size_t t = 0; t < 3; ++t) {
    EXPECT_EQ(p.reservoir_guide_hm3[t], rules.steps.reservoir_storage_hm3[t]);
  }
  EXPECT_EQ(p.lp.load_kw, run.lp.load_kw);  // no jobs: the load stays
  EXPECT_TRUE(mpc_problem(run, rules, ReservoirEnd::kRunStart).reservoir_guide_hm3.empty());
  sim::Setup cascade = setup;
  cascade.hydro_cascade.push_back(sim::HydroSetup{
      .params = setup.hydro->params, .inflow_m3_per_s = {0.0, 0.0, 0.0}, .travel_delay_h = 1.0});
  cascade.hydro_cascade.back().params.name = "below";
  try {
    (void)mpc_steps(dispatch_problem(cascade, {}, {}), MpcOptions{});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("water in transit"), std::string::npos) << e.what();
  }
}

TEST(MpcTest, RefusesIntervalsThatAreNotWholeStepsOrExceedTheHorizon) {
  const sim::Setup setup = arbitrage_setup();
  const DispatchProblem run = dispatch_problem(setup, {}, {});
  try {
    (void)mpc_steps(run, MpcOptions{.horizon_h = 2.5, .replan_every_h = 1.0});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("optimize.horizon_h = 2.5 h: must be a whole number"),
              std::string::npos)
        << e.what();
  }
  try {
    (void)mpc_steps(run, MpcOptions{.horizon_h = 2.0, .replan_every_h = 3.0});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("optimize.replan_every_h = 3 h: must be <= horizon_h"),
              std::string::npos)
        << e.what();
  }
  DispatchProblem capped = run;
  capped.lp.targets.co2_cap_t = 1.0;
  EXPECT_THROW((void)mpc_steps(capped, MpcOptions{}), InputError);
}

}  // namespace
}  // namespace shapan::optimize
