// Hydro that uses its water (issue 13): on the shipped examples, water spills
// only in steps where the turbines are at their limit or their energy has
// nowhere to go (the load is met, storage can take no more and export is at
// its limit); and the Longyangxia-like plant generates what the real one
// does.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "shapan/gen/hydro.h"
#include "shapan/io/scenario.h"
#include "shapan/metrics/summary.h"
#include "shapan/sim/simulation.h"

namespace shapan {
namespace {

// The turbines' most power in step i, from the reservoir as the step found
// it (the storage at the end of the step before; the examples have no ramp
// limit, so the previous turbine flow does not matter).
double hydro_max_kw(const sim::Setup& setup, const sim::Results& r, std::size_t i) {
  const gen::HydroPlant plant(setup.hydro->params);
  const double storage_hm3 =
      i == 0 ? r.reservoir_storage_start_hm3 : r.steps.reservoir_storage_hm3[i - 1];
  return plant
      .max_power(gen::HydroState{.storage_m3 = storage_hm3 * 1e6},
                 m3_per_s(setup.hydro->inflow_m3_per_s[i]), r.step)
      .in_kw();
}

// Whether the batteries could take no more in step i: charging at their
// power limit, or at the top of their SOC window.
bool storage_full(const sim::Setup& setup, const sim::Results& r, std::size_t i) {
  if (setup.batteries.empty()) return true;
  double max_charge_kw = 0.0;
  double soc_max = 1.0;
  for (const auto& b : setup.batteries) {
    max_charge_kw += b.max_charge_kw;
    soc_max = std::min(soc_max, b.soc_max_frac);
  }
  return r.steps.battery_charge_kw[i] >= max_charge_kw - 1e-6 ||
         r.steps.battery_soc_frac[i] >= soc_max - 1e-6;
}

// Steps that spill beside idle turbines: spill > 0 while the turbines have
// headroom and the energy had somewhere to go.
std::vector<std::size_t> spill_beside_idle_turbines(const sim::Setup& setup,
                                                    const sim::Results& r) {
  std::vector<std::size_t> bad;
  const double export_limit_kw = setup.grid ? setup.grid->export_limit_kw : 0.0;
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    if (r.steps.hydro_spill_m3_per_s[i] <= 1e-6) continue;
    const bool turbines_at_limit = r.steps.hydro_kw[i] >= hydro_max_kw(setup, r, i) - 1e-3;
    const bool nowhere_to_go = r.steps.grid_import_kw[i] <= 1e-6 &&
                               r.steps.grid_export_kw[i] >= export_limit_kw - 1e-3 &&
                               storage_full(setup, r, i);
    if (!turbines_at_limit && !nowhere_to_go) bad.push_back(i);
  }
  return bad;
}

std::string first_few(const std::vector<std::size_t>& steps) {
  std::string out;
  for (std::size_t k = 0; k < steps.size() && k < 5; ++k) out += std::to_string(steps[k]) + " ";
  return out;
}

// The whole Longyangxia plant (4 × 320 MW) beside ~850 MW of PV on the
// Tangnaihai inflow: published generation 5.4–7.3 TWh a year (2009–2015).
TEST(HydroSpillTest, LongyangxiaLikeYearUsesItsWater) {
  const io::Scenario s = io::load_scenario("examples/longyangxia_hydro_pv.toml");
  const sim::Results r = sim::run(s.setup);
  const metrics::Summary m = metrics::summarize(s.name, r, s.costs);
  const std::vector<std::size_t> bad = spill_beside_idle_turbines(s.setup, r);
  EXPECT_TRUE(bad.empty()) << bad.size() << " steps spill beside idle turbines, e.g. "
                           << first_few(bad);
  EXPECT_GE(m.energy_kwh.hydro, 5.4e9);
  EXPECT_LE(m.energy_kwh.hydro, 7.3e9);
  EXPECT_LT(m.balance_max_abs_error_kwh, 1e-6);
}

// The default base run for three years fills its reservoir: what it cannot
// hold goes through the turbines wherever their energy can go.
TEST(HydroSpillTest, DefaultBaseOverThreeYearsSpillsOnlyWhenItMust) {
  const io::Scenario s = io::load_scenario("examples/qinghai_base.toml", {"simulation.years=3"});
  const sim::Results r = sim::run(s.setup);
  const std::vector<std::size_t> bad = spill_beside_idle_turbines(s.setup, r);
  EXPECT_TRUE(bad.empty()) << bad.size() << " steps spill beside idle turbines, e.g. "
                           << first_few(bad);
}

}  // namespace
}  // namespace shapan
