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
