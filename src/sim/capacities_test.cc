#include "shapan/sim/capacities.h"

#include <gtest/gtest.h>

#include <cmath>

#include "shapan/sim/simulation.h"
#include "test_setups.h"

namespace shapan::sim {
namespace {

// A base with one unit of each kind, run for two hours: the results carry
// the nameplates it ran with, so that costs and reports need not read the
// setup back. PV: 1200 kW DC at a DC/AC ratio of 1.2 is a 1000 kW AC
// inverter. The flat test farm is one 1000 kW turbine.
sim::Setup one_of_each() {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({10.0, 0.0}));
  s.pv = {gen::PvParams{.name = "pv", .dc_capacity_kw = 1200.0, .dc_ac_ratio = 1.2}};
  s.wind = {testing::flat_1000_kw_farm()};
  s.batteries = {gen::BatteryParams{
      .name = "b", .energy_kwh = 4000.0, .max_charge_kw = 800.0, .max_discharge_kw = 1000.0}};
  s.grid = gen::GridParams{.import_limit_kw = 2500.0, .export_limit_kw = 300.0};
  s.datacenter = testing::constant_datacenter(700.0);
  return s;
}

TEST(CapacitiesTest, ResultsCarryTheNameplatesTheRunUsed) {
  const Results r = run(one_of_each());
  const PlantCapacities& c = r.capacities;
  ASSERT_EQ(c.pv.size(), 1u);
  EXPECT_DOUBLE_EQ(c.pv[0].dc_kw, 1200.0);
  EXPECT_DOUBLE_EQ(c.pv[0].ac_kw, 1000.0);
  ASSERT_EQ(c.wind_kw.size(), 1u);
  EXPECT_DOUBLE_EQ(c.wind_kw[0], 1000.0);
  ASSERT_EQ(c.batteries.size(), 1u);
  EXPECT_DOUBLE_EQ(c.batteries[0].charge_kw, 800.0);
  EXPECT_DOUBLE_EQ(c.batteries[0].discharge_kw, 1000.0);
  EXPECT_DOUBLE_EQ(c.batteries[0].energy_kwh, 4000.0);
  EXPECT_TRUE(c.hydro.empty());
  EXPECT_TRUE(c.pumped_storage.empty());
  EXPECT_TRUE(c.has_grid);
  EXPECT_DOUBLE_EQ(c.grid_import_limit_kw, 2500.0);
  EXPECT_DOUBLE_EQ(c.grid_export_limit_kw, 300.0);
  EXPECT_DOUBLE_EQ(c.datacenter_it_kw, 700.0);
  EXPECT_DOUBLE_EQ(c.pv_dc_kw_total(), 1200.0);
  EXPECT_DOUBLE_EQ(c.pv_ac_kw_total(), 1000.0);
  EXPECT_DOUBLE_EQ(c.wind_kw_total(), 1000.0);
}

// The run's copy does not follow later edits of the setup: a setup changed
// after the run (a what-if, the next sweep point) cannot change what the
// run's results say it was computed with.
TEST(CapacitiesTest, ResultsKeepTheirNameplatesWhenTheSetupChangesAfterwards) {
  sim::Setup s = one_of_each();
  const Results r = run(s);
  s.pv[0].dc_capacity_kw = 5000.0;
  s.batteries.clear();
  s.grid.reset();
  EXPECT_DOUBLE_EQ(r.capacities.pv[0].dc_kw, 1200.0);
  EXPECT_EQ(r.capacities.batteries.size(), 1u);
  EXPECT_TRUE(r.capacities.has_grid);
  EXPECT_DOUBLE_EQ(capacities_of(s).pv[0].dc_kw, 5000.0);
  EXPECT_FALSE(capacities_of(s).has_grid);
}

// The grid's accounting terms and the years travel with the results too;
// without a [grid] there are none.
TEST(CapacitiesTest, ResultsCarryTheGridAccountingAndYearsTheRunUsed) {
  sim::Setup s = one_of_each();
  s.grid->export_price_cny_per_kwh = 0.25;
  s.grid->demand_charge_cny_per_kw_month = 30.0;
  s.grid->green_certificate_frac = 0.4;
  s.grid->carbon_basis = "Qinghai 2022";
  s.grid->carbon_intensity_series_g_per_kwh = {100.0, 200.0};
  const Results r = run(s);
  ASSERT_TRUE(r.grid_accounting.has_value());
  EXPECT_EQ(r.years, 1);
  EXPECT_DOUBLE_EQ(r.grid_accounting->export_price_cny_per_kwh, 0.25);
  EXPECT_DOUBLE_EQ(r.grid_accounting->demand_charge_cny_per_kw_month, 30.0);
  EXPECT_DOUBLE_EQ(r.grid_accounting->green_certificate_frac, 0.4);
  EXPECT_EQ(r.grid_accounting->carbon_basis, "Qinghai 2022");
  EXPECT_TRUE(r.grid_accounting->carbon_intensity_per_step);
  s.grid.reset();
  EXPECT_FALSE(grid_accounting_of(s).has_value());
}

// Hydro: [hydro] first, then its cascade downstream; pumped storage reports
// its pump limit as charge and its turbine limit as discharge. Islanded: no
// grid, limits 0; an unconstrained import limit stays infinite.
TEST(CapacitiesTest, HydroCascadePumpedStorageAndGridLimits) {
  sim::Setup s;
  gen::HydroParams upper;
  upper.rated_power_kw = 300000.0;
  upper.storage_min_hm3 = 10.0;
  upper.storage_max_hm3 = 200.0;
  gen::HydroParams lower;
  lower.rated_power_kw = 50000.0;
  s.hydro = HydroSetup{.params = upper};
  s.hydro_cascade = {HydroSetup{.params = lower}};
  s.pumped_storage = {gen::PumpedStorageParams{.turbine_max_kw = 250.0, .pump_max_kw = 200.0}};
  PlantCapacities c = capacities_of(s);
  ASSERT_EQ(c.hydro.size(), 2u);
  EXPECT_DOUBLE_EQ(c.hydro[0].rated_kw, 300000.0);
  EXPECT_DOUBLE_EQ(c.hydro[0].storage_min_hm3, 10.0);
  EXPECT_DOUBLE_EQ(c.hydro[0].storage_max_hm3, 200.0);
  EXPECT_DOUBLE_EQ(c.hydro[1].rated_kw, 50000.0);
  ASSERT_EQ(c.pumped_storage.size(), 1u);
  EXPECT_DOUBLE_EQ(c.pumped_storage[0].charge_kw, 200.0);
  EXPECT_DOUBLE_EQ(c.pumped_storage[0].discharge_kw, 250.0);
  EXPECT_FALSE(c.has_grid);
  EXPECT_DOUBLE_EQ(c.grid_import_limit_kw, 0.0);
  s.grid = gen::GridParams{};
  c = capacities_of(s);
  EXPECT_TRUE(std::isinf(c.grid_import_limit_kw));
}

}  // namespace
}  // namespace shapan::sim
