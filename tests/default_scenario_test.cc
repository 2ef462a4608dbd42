// The shipped default scenario end to end (io -> sim -> metrics): every source
// of the wind-solar-hydro-storage base delivers energy, the ledger closes, and
// the data center's demand is met.
#include <gtest/gtest.h>

#include "shapan/io/scenario.h"
#include "shapan/metrics/summary.h"
#include "shapan/sim/simulation.h"

namespace shapan {
namespace {

TEST(DefaultScenarioTest, EverySourceDeliversAndTheLedgerCloses) {
  const io::Scenario s = io::load_scenario("examples/qinghai_base.toml");
  const sim::Results r = sim::run(s.setup);
  const metrics::Summary m = metrics::summarize(s.name, s.setup, r, s.finance);
  EXPECT_GT(m.energy_kwh.pv, 0.0);
  EXPECT_GT(m.energy_kwh.wind, 0.0);
  EXPECT_GT(m.energy_kwh.hydro, 0.0);
  EXPECT_GT(m.energy_kwh.battery_discharge, 0.0);
  EXPECT_GT(m.energy_kwh.datacenter, 0.0);
  EXPECT_LT(m.balance_max_abs_error_kwh, 1e-6);
  EXPECT_EQ(m.energy_kwh.unserved, 0.0);
  EXPECT_GT(m.cfe_score, 0.0);
  EXPECT_LE(m.cfe_score, 1.0);
  EXPECT_LE(m.cfe_score, m.green_share + 1e-12);
}

// The wind+solar (绿电直连) accounting of the default year stays inside the
// ledger's flows: each step, wind and solar reach the load only as part of
// the clean energy delivered to it, and the grid only as part of the export;
// over the year, what they delivered and exported is at most what they could
// give plus the storage's content at the start (counted as theirs).
TEST(DefaultScenarioTest, WindSolarAccountingStaysWithinTheLedger) {
  const io::Scenario s = io::load_scenario("examples/qinghai_base.toml");
  const sim::Results r = sim::run(s.setup);
  const sim::StepSeries& x = r.steps;
  for (std::size_t i = 0; i < x.size(); ++i) {
    ASSERT_GE(x.wind_solar_to_load_kw[i], 0.0) << i;
    ASSERT_LE(x.wind_solar_to_load_kw[i], x.green_to_load_kw[i] + 1e-9) << i;
    ASSERT_GE(x.wind_solar_to_grid_kw[i], 0.0) << i;
    ASSERT_LE(x.wind_solar_to_grid_kw[i], x.grid_export_kw[i] + 1e-9) << i;
  }
  const metrics::Summary m = metrics::summarize(s.name, s.setup, r, s.finance, s.direct_supply);
  const metrics::EnergyTotals& e = m.energy_kwh;
  EXPECT_LE(e.wind_solar_to_load + e.wind_solar_to_grid,
            e.pv + e.wind + r.battery_stored_start_kwh + r.pumped_stored_start_kwh);
  EXPECT_GT(m.direct_supply.self_use_frac, 0.0);
  EXPECT_LE(m.direct_supply.self_use_frac + m.direct_supply.export_share_frac, 1.0 + 1e-9);
  EXPECT_GE(m.annual_matching_frac, m.green_share);
  EXPECT_LT(m.balance_max_abs_error_kwh, 1e-6);
}

// The example without hydro (Golmud) runs as well.
TEST(DefaultScenarioTest, GolmudExampleRuns) {
  const io::Scenario s = io::load_scenario("examples/golmud_solar_wind_storage.toml");
  const sim::Results r = sim::run(s.setup);
  const metrics::Summary m = metrics::summarize(s.name, s.setup, r, s.finance);
  EXPECT_GT(m.energy_kwh.pv, 0.0);
  EXPECT_EQ(m.energy_kwh.hydro, 0.0);
  EXPECT_LT(m.balance_max_abs_error_kwh, 1e-6);
}

}  // namespace
}  // namespace shapan
