// The one list of per-step columns (include/shapan/sim/step_schema.h): its
// order and names are the files' contract, its bus sides close the ledger,
// and the run fills every column.
#include "shapan/sim/step_schema.h"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "shapan/sim/simulation.h"
#include "test_setups.h"

namespace shapan::sim {
namespace {

// timeseries.csv's columns after time_local, as the golden cases
// (tests/scenarios/*/expected/) and docs/results.md have them: a change of
// name or order here changes every user's files.
TEST(StepSchemaTest, ColumnsKeepTheTimeseriesNamesAndOrder) {
  const std::vector<std::string> expected = {"pv_kw",
                                             "wind_kw",
                                             "hydro_kw",
                                             "battery_charge_kw",
                                             "battery_discharge_kw",
                                             "battery_soc_frac",
                                             "battery_loss_kw",
                                             "battery_aux_kw",
                                             "battery_capacity_frac",
                                             "pumped_charge_kw",
                                             "pumped_discharge_kw",
                                             "grid_import_kw",
                                             "grid_export_kw",
                                             "curtailed_kw",
                                             "datacenter_kw",
                                             "it_kw",
                                             "jobs_it_kw",
                                             "jobs_running",
                                             "pue",
                                             "unserved_kw",
                                             "green_to_load_kw",
                                             "wind_solar_to_load_kw",
                                             "wind_solar_to_grid_kw",
                                             "reservoir_storage_hm3",
                                             "reservoir_level_m",
                                             "hydro_inflow_m3_per_s",
                                             "hydro_spill_m3_per_s",
                                             "hydro_spilled_kw",
                                             "import_price_cny_per_kwh",
                                             "grid_carbon_g_per_kwh",
                                             "balance_error_kwh",
                                             "jobs_waiting",
                                             "jobs_capped"};
  std::vector<std::string> names;
  names.reserve(kStepColumns.size());
  for (const StepColumn& c : kStepColumns) names.emplace_back(c.name);
  EXPECT_EQ(names, expected);
}

// The columns the server sends the web page (web/src/*.ts reads them by
// name): the page's contract, in the columns' order.
TEST(StepSchemaTest, ServedColumnsAreThePagesSeries) {
  const std::vector<std::string> expected = {"pv_kw",
                                             "wind_kw",
                                             "hydro_kw",
                                             "battery_charge_kw",
                                             "battery_discharge_kw",
                                             "battery_soc_frac",
                                             "grid_import_kw",
                                             "grid_export_kw",
                                             "curtailed_kw",
                                             "datacenter_kw",
                                             "it_kw",
                                             "jobs_it_kw",
                                             "jobs_running",
                                             "unserved_kw",
                                             "green_to_load_kw",
                                             "wind_solar_to_load_kw",
                                             "wind_solar_to_grid_kw",
                                             "reservoir_storage_hm3",
                                             "reservoir_level_m",
                                             "import_price_cny_per_kwh",
                                             "grid_carbon_g_per_kwh",
                                             "jobs_waiting",
                                             "jobs_capped"};
  std::vector<std::string> served;
  served.reserve(kStepColumns.size());
  for (const StepColumn& c : kStepColumns) {
    if (c.served) served.emplace_back(c.name);
  }
  EXPECT_EQ(served, expected);
}

// Every column's name ends in its unit (STYLE.md §4), and every power column
// summed into energy is in kW.
TEST(StepSchemaTest, NamesCarryTheirUnits) {
  std::set<std::string_view> seen;
  for (const StepColumn& c : kStepColumns) {
    SCOPED_TRACE(std::string(c.name));
    EXPECT_TRUE(seen.insert(c.name).second) << "names are unique";
    if (c.unit == "kW") {
      EXPECT_TRUE(c.name.ends_with("_kw"));
    }
    if (c.unit == "kWh") {
      EXPECT_TRUE(c.name.ends_with("_kwh"));
    }
    if (c.unit == "m3/s") {
      EXPECT_TRUE(c.name.ends_with("_m3_per_s"));
    }
    if (c.unit == "hm3") {
      EXPECT_TRUE(c.name.ends_with("_hm3"));
    }
    if (!c.energy.empty()) {
      EXPECT_EQ(c.unit, "kW");
    }
    if (c.flow == StepFlow::kBusIn || c.flow == StepFlow::kBusOut) {
      EXPECT_EQ(c.unit, "kW");
    }
  }
}

// The golden comparer's resolution per column (tests/scenarios/tolerances.toml)
// agrees with the schema: every column has either decimals (at most what
// timeseries.csv prints, since a hash at finer resolution would hinge on
// digits the file does not have) or a bound (the ledger's round-off), and
// the file names no column the schema lacks.
TEST(StepSchemaTest, GoldenTolerancesCoverEveryColumnAtMostAtItsPrintedDecimals) {
  const toml::table t = toml::parse_file("tests/scenarios/tolerances.toml");
  const toml::table* decimals = t["timeseries"]["decimals"].as_table();
  const toml::table* bound = t["timeseries"]["bound"].as_table();
  ASSERT_NE(decimals, nullptr);
  ASSERT_NE(bound, nullptr);
  std::set<std::string> names;
  for (const StepColumn& c : kStepColumns) {
    const std::string name(c.name);
    names.insert(name);
    SCOPED_TRACE(name);
    const std::optional<std::int64_t> d = (*decimals)[name].value<std::int64_t>();
    if (c.decimals < 0) {
      EXPECT_TRUE((*bound)[name].is_number()) << "printed with significant digits: needs a bound";
      continue;
    }
    ASSERT_TRUE(d.has_value()) << "no decimals in tolerances.toml";
    EXPECT_LE(*d, c.decimals);
  }
  for (const auto& [key, value] : *decimals) {
    EXPECT_TRUE(names.contains(std::string(key.str()))) << key.str();
  }
}

// StepSeries::append adds one value to `start` and to every column the loop
// fills, and leaves the weather-driven columns (moved in after the loop) alone.
TEST(StepSchemaTest, AppendAddsOneValueToEveryLoopColumn) {
  StepSeries s;
  s.reserve(2);
  s.append(Timestamp::from_unix_seconds(0), StepRow{.hydro_kw = 2.5, .jobs_running = 3.0});
  EXPECT_EQ(s.size(), 1u);
  for (const StepColumn& c : kStepColumns) {
    SCOPED_TRACE(std::string(c.name));
    EXPECT_EQ((s.*c.values).size(), c.weather ? 0u : 1u);
  }
  EXPECT_EQ(s.hydro_kw.front(), 2.5);
  EXPECT_EQ(s.jobs_running.front(), 3.0);
}

// A 1000 kW wind farm, a 1500 kW load, a 1000 kWh battery that starts half
// full and a grid that imports up to 1000 kW: over 6 hours of wind off, on,
// off, the battery charges from the surplus and discharges into the deficit,
// and the grid covers the rest. At every step the columns marked kBusIn must
// sum to those marked kBusOut (ledger.h's bus balance, read from the files'
// columns), and every column has one value per step.
TEST(StepSchemaTest, BusColumnsBalanceAtEveryStep) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({0.0, 10.0, 10.0, 0.0, 0.0, 10.0}));
  s.wind = {testing::flat_1000_kw_farm()};
  s.datacenter = testing::constant_datacenter(600.0);
  s.batteries = {gen::BatteryParams{.name = "b",
                                    .energy_kwh = 1000.0,
                                    .max_charge_kw = 300.0,
                                    .max_discharge_kw = 300.0,
                                    .soc_min_frac = 0.0,
                                    .soc_max_frac = 1.0,
                                    .soc_initial_frac = 0.5,
                                    .charge_efficiency_frac = 0.9,
                                    .discharge_efficiency_frac = 0.95}};
  s.grid = gen::GridParams{.import_limit_kw = 1000.0, .export_limit_kw = 50.0};
  const Results r = run(s);
  const StepSeries& x = r.steps;
  ASSERT_EQ(x.size(), 6u);
  for (const StepColumn& c : kStepColumns) EXPECT_EQ((x.*c.values).size(), 6u) << c.name;
  for (std::size_t i = 0; i < x.size(); ++i) {
    double in_kw = 0.0;
    double out_kw = 0.0;
    for (const StepColumn& c : kStepColumns) {
      if (c.flow == StepFlow::kBusIn) in_kw += (x.*c.values)[i];
      if (c.flow == StepFlow::kBusOut) out_kw += (x.*c.values)[i];
    }
    EXPECT_NEAR(in_kw, out_kw, 1e-6) << "step " << i;
    EXPECT_GT(out_kw, 0.0);
  }
  // The case is not trivial: the battery both charged and discharged.
  EXPECT_GT(x.battery_charge_kw[1], 0.0);
  EXPECT_GT(x.battery_discharge_kw[3], 0.0);
}

}  // namespace
}  // namespace shapan::sim
