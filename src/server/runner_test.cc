#include "shapan/server/runner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <nlohmann/json.hpp>

#include "shapan/metrics/summary.h"
#include "shapan/metrics/writers.h"

namespace shapan::server {
namespace {

// The run facts give the page the nameplates the run was computed with,
// from the results alone: two PV arrays of 1000 and 500 kW AC, two wind
// farms, a [hydro] plant above a cascade plant (only [hydro]'s reservoir is
// drawn), batteries whose discharge limits add up, the grid and the IT.
TEST(RunFactsTest, CapacitiesComeFromTheResults) {
  sim::Results r;
  r.step = Duration::hours(1);
  r.strategy = "rule_based";
  r.battery_capacity_kwh = 6000.0;
  r.capacities = sim::PlantCapacities{
      .pv = {{.dc_kw = 1200.0, .ac_kw = 1000.0}, {.dc_kw = 600.0, .ac_kw = 500.0}},
      .wind_kw = {3000.0, 4500.0},
      .hydro = {{.rated_kw = 80000.0, .storage_min_hm3 = 5.0, .storage_max_hm3 = 90.0},
                {.rated_kw = 20000.0, .storage_min_hm3 = 1.0, .storage_max_hm3 = 9.0}},
      .batteries = {{.charge_kw = 900.0, .discharge_kw = 1000.0, .energy_kwh = 4000.0},
                    {.charge_kw = 500.0, .discharge_kw = 500.0, .energy_kwh = 2000.0}},
      .pumped_storage = {},
      .has_grid = true,
      .grid_import_limit_kw = 7000.0,
      .grid_export_limit_kw = 0.0,
      .datacenter_it_kw = 10000.0};
  const nlohmann::json j = nlohmann::json::parse(run_facts_json("base", r));
  EXPECT_EQ(j["name"], "base");
  EXPECT_DOUBLE_EQ(j["pv_ac_kw"].get<double>(), 1500.0);
  EXPECT_DOUBLE_EQ(j["wind_kw"].get<double>(), 7500.0);
  EXPECT_DOUBLE_EQ(j["hydro_kw"].get<double>(), 80000.0);
  EXPECT_DOUBLE_EQ(j["reservoir_min_hm3"].get<double>(), 5.0);
  EXPECT_DOUBLE_EQ(j["reservoir_max_hm3"].get<double>(), 90.0);
  EXPECT_DOUBLE_EQ(j["battery_capacity_kwh"].get<double>(), 6000.0);
  EXPECT_DOUBLE_EQ(j["battery_power_kw"].get<double>(), 1500.0);
  EXPECT_DOUBLE_EQ(j["grid_import_limit_kw"].get<double>(), 7000.0);
  EXPECT_TRUE(j["has_grid"].get<bool>());
  EXPECT_DOUBLE_EQ(j["it_capacity_kw"].get<double>(), 10000.0);
}

// An unconstrained import limit (infinite) is served as 0, which JSON can
// hold; an islanded base without hydro has no grid and no reservoir.
TEST(RunFactsTest, UnlimitedImportAndIslandedBase) {
  sim::Results r;
  r.step = Duration::hours(1);
  r.capacities.has_grid = true;
  r.capacities.grid_import_limit_kw = std::numeric_limits<double>::infinity();
  nlohmann::json j = nlohmann::json::parse(run_facts_json("x", r));
  EXPECT_DOUBLE_EQ(j["grid_import_limit_kw"].get<double>(), 0.0);
  r.capacities = {};
  j = nlohmann::json::parse(run_facts_json("x", r));
  EXPECT_FALSE(j["has_grid"].get<bool>());
  EXPECT_DOUBLE_EQ(j["hydro_kw"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(j["reservoir_max_hm3"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(j["pv_ac_kw"].get<double>(), 0.0);
}

// What-if reruns share prepared parts: the default scenario at its PV size
// and at 1.7 times it (a slider move) prepare through the queue's one store,
// the second run adding no part (the PV plane, sun, wind, data center and
// jobs are the first's; the AC output is recomputed for the new size), and
// each stored summary is the one a run prepared from scratch gives.
TEST(RunQueueTest, WhatIfRerunsShareThePreparedPartsAndGiveTheSameResults) {
  RunStore store(":memory:");
  RunQueue queue(store, 1, 4);
  const auto run_through_queue = [&](const std::vector<std::string>& overrides) {
    io::Scenario s = io::load_scenario("examples/qinghai_base.toml", overrides);
    metrics::Summary expected =
        metrics::summarize(s.name, sim::run(s.setup), s.costs, s.direct_supply);
    expected.warnings = s.warnings;
    const std::int64_t id = store.create("qinghai_base", overrides);
    EXPECT_TRUE(queue.try_submit(id, std::move(s)));
    queue.wait_for(id, std::chrono::seconds(60));
    const std::optional<RunRecord> r = store.get(id);
    EXPECT_TRUE(r && r->status == RunStatus::kDone) << (r ? r->error : "no run");
    if (r) {
      EXPECT_EQ(r->summary_json, metrics::to_json(expected).dump());
    }
  };
  run_through_queue({});
  const std::size_t parts = queue.prepared().size();
  EXPECT_GE(parts, 4u);  // weather, sun, PV plane, wind farm, data center (, jobs)
  run_through_queue({"pv.0.dc_capacity_kw=340000"});
  EXPECT_EQ(queue.prepared().size(), parts);
}

}  // namespace
}  // namespace shapan::server
