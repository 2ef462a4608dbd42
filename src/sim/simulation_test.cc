#include "shapan/sim/simulation.h"

#include <gtest/gtest.h>

#include "test_setups.h"

namespace shapan::sim {
namespace {

// Four hours: wind gives 1000 kW, 1000 kW, 0, 0; the data center draws a
// constant 500 kW. Battery: 1000 kWh, 500 kW both ways, charge efficiency
// 0.9, discharge efficiency 1.0, SOC window 0..1, starting empty.
//   h0, h1: surplus 500 kW charges the battery: stored 450, then 900 kWh.
//   h2:     deficit 500 kW from the battery: stored 400 kWh.
//   h3:     the battery gives its last 400 kW; the grid gives 100 kW.
// Nothing is curtailed; 100 kWh is imported; 100 kWh lost in charging.
TEST(SimulationTest, BatteryCarriesSurplusIntoDeficitThenGridTopsUp) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({10.0, 10.0, 0.0, 0.0}));
  s.wind = {testing::flat_1000_kw_farm()};
  s.datacenter = testing::constant_datacenter(500.0);
  s.batteries = {gen::BatteryParams{.name = "b",
                                    .energy_kwh = 1000.0,
                                    .max_charge_kw = 500.0,
                                    .max_discharge_kw = 500.0,
                                    .soc_min_frac = 0.0,
                                    .soc_max_frac = 1.0,
                                    .soc_initial_frac = 0.0,
                                    .charge_efficiency_frac = 0.9,
                                    .discharge_efficiency_frac = 1.0}};
  s.grid = gen::GridParams{.import_limit_kw = 1000.0, .export_limit_kw = 0.0};
  const Results r = run(s);
  const StepSeries& x = r.steps;
  ASSERT_EQ(x.size(), 4u);
  EXPECT_NEAR(x.wind_kw[0], 1000.0, 1e-9);
  EXPECT_NEAR(x.battery_charge_kw[0], 500.0, 1e-9);
  EXPECT_NEAR(x.battery_soc_frac[1], 0.9, 1e-9);
  EXPECT_NEAR(x.battery_discharge_kw[2], 500.0, 1e-9);
  EXPECT_NEAR(x.battery_discharge_kw[3], 400.0, 1e-9);
  EXPECT_NEAR(x.grid_import_kw[3], 100.0, 1e-9);
  EXPECT_NEAR(x.battery_loss_kw[0], 50.0, 1e-9);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(x.curtailed_kw[i], 0.0, 1e-9);
    EXPECT_NEAR(x.unserved_kw[i], 0.0, 1e-9);
    EXPECT_LE(x.balance_error_kwh[i], 1e-9);
  }
  // Everything the battery gave came from wind, so only the import is not green.
  EXPECT_NEAR(x.green_to_load_kw[3], 400.0, 1e-9);
}

// Without storage or grid, surplus is curtailed and deficits go unserved.
TEST(SimulationTest, IslandedWithoutStorageCurtailsAndSheds) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({10.0, 0.0}));
  s.wind = {testing::flat_1000_kw_farm()};
  s.datacenter = testing::constant_datacenter(600.0);
  const Results r = run(s);
  EXPECT_NEAR(r.steps.curtailed_kw[0], 400.0, 1e-9);
  EXPECT_NEAR(r.steps.unserved_kw[1], 600.0, 1e-9);
  EXPECT_NEAR(r.steps.green_to_load_kw[0], 600.0, 1e-9);
}

// Export takes surplus up to its limit before curtailment.
TEST(SimulationTest, ExportWithinLimitThenCurtail) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({10.0}));
  s.wind = {testing::flat_1000_kw_farm()};
  s.datacenter = testing::constant_datacenter(200.0);
  s.grid = gen::GridParams{.export_limit_kw = 300.0};
  const Results r = run(s);
  EXPECT_NEAR(r.steps.grid_export_kw[0], 300.0, 1e-9);
  EXPECT_NEAR(r.steps.curtailed_kw[0], 500.0, 1e-9);
}

// Hydro with a constant inflow, ecological release through the turbines and a
// load above it: the deficit raises hydro output; the reservoir falls by
// exactly the water released beyond the inflow.
TEST(SimulationTest, HydroFollowsTheLoadAndTheWaterBalanceCloses) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({0.0, 0.0, 0.0}));
  s.datacenter = testing::constant_datacenter(5000.0);
  const gen::HydroParams h = testing::small_reservoir(5.0);
  s.hydro = HydroSetup{.params = h, .inflow_m3_per_s = {3.0, 3.0, 3.0}};
  const Results r = run(s);
  double released_m3 = 0.0;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.steps.hydro_kw[i], 5000.0, 1e-6) << i;
    EXPECT_NEAR(r.steps.unserved_kw[i], 0.0, 1e-6);
    EXPECT_LE(r.steps.balance_error_kwh[i], 1e-6);
    released_m3 += (r.steps.hydro_spill_m3_per_s[i]) * 3600.0;
  }
  EXPECT_LT(r.steps.reservoir_storage_hm3[2], 5.0);
  EXPECT_EQ(released_m3, 0.0);
}

TEST(SimulationTest, ReportsProgressUpToTheEnd) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather(std::vector<double>(250, 6.0)));
  s.wind = {testing::flat_1000_kw_farm()};
  std::size_t last_done = 0;
  std::size_t calls = 0;
  (void)run(s, [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, 250u);
    EXPECT_GE(done, last_done);
    last_done = done;
    ++calls;
  });
  EXPECT_EQ(last_done, 250u);
  EXPECT_GT(calls, 10u);
}

// A synthetic workload (seeded) on a 1 MW data center whose online load is a
// constant 400 kW: jobs get the 600 kW above it. Two weeks of wind that
// comes and goes, every policy: the ledger closes every step, the jobs'
// IT power stays within their capacity, every completed job did all its work
// and none started before it arrived, and a second run gives the same steps.
TEST(SimulationTest, WorkloadKeepsTheLedgerAndIsRepeatable) {
  constexpr int kHours = 24 * 14;
  std::vector<double> wind;
  wind.reserve(kHours);
  for (int h = 0; h < kHours; ++h) wind.push_back((h / 7) % 3 == 0 ? 10.0 : 0.0);
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather(wind));
  s.wind = {testing::flat_1000_kw_farm()};
  s.datacenter = testing::constant_datacenter(1000.0);
  s.datacenter->it_load_frac = 0.4;
  s.grid = gen::GridParams{.import_limit_kw = 2000.0, .export_limit_kw = 0.0};
  load::WorkloadParams w;
  w.source = load::WorkloadSource::kSynthetic;
  w.synthetic_jobs_per_day = 200.0;
  w.mean_utilisation_frac = 0.4;
  w.nodes.types.push_back(load::NodeType{.model = "gpu",
                                         .count = 10.0,
                                         .vcpus = 64.0,
                                         .gpus = 8.0,
                                         .gpu_board_w = 300.0,
                                         .idle_kw = 0.5,
                                         .peak_kw = 3.0});
  s.workload = w;
  for (const auto policy :
       {load::SchedulerPolicy::kFcfs, load::SchedulerPolicy::kGreenFollowing,
        load::SchedulerPolicy::kForecastThreshold, load::SchedulerPolicy::kPowerCapping}) {
    SCOPED_TRACE(load::policy_name(policy));
    s.scheduler.policy = policy;
    const Results a = run(s);
    ASSERT_TRUE(a.jobs.has_value());
    EXPECT_NEAR(a.jobs_capacity_kw, 600.0, 1e-9);
    for (std::size_t i = 0; i < a.steps.size(); ++i) {
      EXPECT_LE(a.steps.balance_error_kwh[i], 1e-6);
      EXPECT_LE(a.steps.jobs_it_kw[i], 600.0 + 1e-9);
      EXPECT_NEAR(a.steps.it_kw[i], 400.0 + a.steps.jobs_it_kw[i], 1e-9);
    }
    const load::JobReport& r = *a.jobs;
    EXPECT_GT(r.jobs.size(), 1000u);
    for (std::size_t j = 0; j < r.jobs.size(); ++j) {
      const double arrival_s =
          static_cast<double>((r.jobs[j].arrival - a.steps.start.front()).in_seconds());
      if (r.outcomes[j].start_s >= 0.0) {
        EXPECT_GE(r.outcomes[j].start_s, arrival_s);
      }
      if (r.outcomes[j].finish_s >= 0.0) {
        EXPECT_NEAR(r.outcomes[j].work_done_s, r.jobs[j].work_s, 1e-6 * r.jobs[j].work_s);
      }
    }
    const Results b = run(s);
    EXPECT_EQ(a.steps.datacenter_kw, b.steps.datacenter_kw);
    EXPECT_EQ(a.steps.grid_import_kw, b.steps.grid_import_kw);
  }
}

}  // namespace
}  // namespace shapan::sim
