// The default scenario's wind+solar (绿电直连) accounting checked step by step
// against the ledger's flows (the golden case example_qinghai_base holds the
// figures; this holds the relations between them).
#include <gtest/gtest.h>

#include "shapan/io/scenario.h"
#include "shapan/metrics/summary.h"
#include "shapan/sim/simulation.h"

namespace shapan {
namespace {

// The wind+solar (绿电直连) accounting of the default year stays inside the
// ledger's flows: each step, wind and solar reach the load only as part of
// the clean energy delivered to it, and the grid only as part of the export;
// over the year, what they delivered and exported is at most what they could
// give plus the storage's content at the start (counted as theirs).
TEST(DirectSupplyLedgerTest, WindSolarAccountingStaysWithinTheLedger) {
  const io::Scenario s = io::load_scenario("examples/qinghai_base.toml");
  const sim::Results r = sim::run(s.setup);
  const sim::StepSeries& x = r.steps;
  for (std::size_t i = 0; i < x.size(); ++i) {
    ASSERT_GE(x.wind_solar_to_load_kw[i], 0.0) << i;
    ASSERT_LE(x.wind_solar_to_load_kw[i], x.green_to_load_kw[i] + 1e-9) << i;
    ASSERT_GE(x.wind_solar_to_grid_kw[i], 0.0) << i;
    ASSERT_LE(x.wind_solar_to_grid_kw[i], x.grid_export_kw[i] + 1e-9) << i;
  }
  const metrics::Summary m = metrics::summarize(s.name, r, s.costs, s.direct_supply);
  const metrics::EnergyTotals& e = m.energy_kwh;
  EXPECT_LE(e.wind_solar_to_load + e.wind_solar_to_grid,
            e.pv + e.wind + r.battery_stored_start_kwh + r.pumped_stored_start_kwh);
  EXPECT_GT(m.direct_supply.self_use_frac, 0.0);
  EXPECT_LE(m.direct_supply.self_use_frac + m.direct_supply.export_share_frac, 1.0 + 1e-9);
  EXPECT_GE(m.annual_matching_frac, m.green_share);
  EXPECT_LT(m.balance_max_abs_error_kwh, 1e-6);
}

}  // namespace
}  // namespace shapan
