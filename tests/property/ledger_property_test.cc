// Property test: on 1000 random valid setups, the energy ledger closes within
// 1e-6 kWh at every step, battery state of charge and reservoir storage stay
// within their bounds, and no step both imports and exports. Setups include
// batteries with efficiency curves, auxiliary loads and accelerated ageing
// (fade and replacement), reservoirs with guide curves, and pumped storage.
// Setups are drawn from a seeded generator (random_setup.h), so a failure
// names the seed that reproduces it.
#include <gtest/gtest.h>

#include "random_setup.h"

namespace shapan {
namespace {

using property::Draw;
using property::random_setup;

TEST(LedgerPropertyTest, ClosesEveryStepAndStatesStayInBounds) {
  constexpr std::uint64_t kCases = 1000;
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    Draw draw(seed);
    const sim::Setup setup = random_setup(draw);
    const sim::Results r = sim::run(setup);
    ASSERT_EQ(r.steps.size(), sim::step_count(setup)) << "seed " << seed;
    // Self-discharge and fading capacity may take a battery below its floor
    // (docs/models/battery.md); the ceiling always holds.
    double soc_min = 0.0;
    double soc_max = 0.0;
    bool may_sink = false;
    for (const auto& b : setup.batteries) {
      soc_min += b.soc_min_frac * b.energy_kwh;
      soc_max += b.soc_max_frac * b.energy_kwh;
      may_sink = may_sink || b.degradation.enabled || b.self_discharge_frac_per_day > 0.0;
    }
    if (may_sink) soc_min = 0.0;
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
      ASSERT_LE(r.steps.balance_error_kwh[i], 1e-6) << "seed " << seed << " step " << i;
      if (r.battery_capacity_kwh > 0.0) {
        // SOC is of the capacity after fade.
        const double stored_kwh =
            r.steps.battery_soc_frac[i] * r.steps.battery_capacity_frac[i] * r.battery_capacity_kwh;
        ASSERT_GE(stored_kwh, soc_min - 1e-6) << "seed " << seed << " step " << i;
        ASSERT_LE(stored_kwh, soc_max + 1e-6) << "seed " << seed << " step " << i;
      }
      if (setup.hydro) {
        ASSERT_GE(r.steps.reservoir_storage_hm3[i], setup.hydro->params.storage_min_hm3 - 1e-9)
            << "seed " << seed << " step " << i;
        ASSERT_LE(r.steps.reservoir_storage_hm3[i], setup.hydro->params.storage_max_hm3 + 1e-9)
            << "seed " << seed << " step " << i;
      }
      for (const double flow :
           {r.steps.curtailed_kw[i], r.steps.grid_import_kw[i], r.steps.grid_export_kw[i],
            r.steps.unserved_kw[i], r.steps.battery_charge_kw[i], r.steps.battery_discharge_kw[i],
            r.steps.pumped_charge_kw[i], r.steps.pumped_discharge_kw[i]}) {
        ASSERT_GE(flow, -1e-9) << "seed " << seed << " step " << i;
      }
      if (setup.grid) {
        ASSERT_LE(r.steps.grid_import_kw[i], setup.grid->import_limit_kw + 1e-6);
        ASSERT_LE(r.steps.grid_export_kw[i], setup.grid->export_limit_kw + 1e-6);
      }
    }
  }
}

// On the same 1000 random setups, no step both imports and exports: what the
// base needs beyond its own supply (auxiliary loads, shortfalls against the
// dispatch) comes out of its own surplus before anything is bought.
TEST(LedgerPropertyTest, NoStepImportsAndExportsAtOnce) {
  constexpr std::uint64_t kCases = 1000;
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    Draw draw(seed);
    const sim::Setup setup = random_setup(draw);
    const sim::Results r = sim::run(setup);
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
      ASSERT_FALSE(r.steps.grid_import_kw[i] > 0.0 && r.steps.grid_export_kw[i] > 0.0)
          << "seed " << seed << " step " << i << ": import " << r.steps.grid_import_kw[i]
          << " kW, export " << r.steps.grid_export_kw[i] << " kW";
    }
  }
}

}  // namespace
}  // namespace shapan
