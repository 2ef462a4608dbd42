// The sizing result written back into a scenario for the engine.
#include "shapan/optimize/sized_plant.h"

#include <gtest/gtest.h>

namespace shapan::optimize {
namespace {

sim::Setup plant() {
  sim::Setup s;
  s.pv = {gen::PvParams{.name = "pv a", .dc_capacity_kw = 1000.0},
          gen::PvParams{.name = "pv b", .dc_capacity_kw = 1000.0}};
  s.pv_weather_source = {-1, 0};
  gen::WindParams farm;
  farm.name = "farm";
  farm.turbine.rated_power_kw = 3000.0;
  farm.count = 2;
  s.wind = {farm};
  s.batteries = {gen::BatteryParams{.name = "bess"}};
  return s;
}

SizingProblem problem_of(const sim::Setup& s) {
  SizingProblem p;
  for (const auto& a : s.pv) p.sources.push_back(SizedSource{.name = a.name, .kind = "pv"});
  for (const auto& f : s.wind) p.sources.push_back(SizedSource{.name = f.name, .kind = "wind"});
  for (const auto& b : s.batteries) p.storages.push_back(SizedStorage{.name = b.name});
  return p;
}

metrics::CostBook book() {
  metrics::CostBook c;
  c.pv = {CostParams{.capex_cny_per_kw = 1.0}, CostParams{.capex_cny_per_kw = 2.0}};
  c.wind = {CostParams{.capex_cny_per_kw = 3.0}};
  c.batteries = {CostParams{.capex_cny_per_kwh = 4.0}};
  return c;
}

TEST(SizedPlantTest, CapacitiesGoIntoTheUnitsAndZerosAreRemoved) {
  const sim::Setup setup = plant();
  SizingResult r;
  r.source_capacity_kw = {0.0, 2500.0, 9000.0};  // pv a not built; wind: 3 turbines
  r.storage_power_kw = {400.0};
  r.storage_energy_kwh = {1600.0};
  const SizedPlant s = sized_plant(setup, book(), problem_of(setup), r);
  ASSERT_EQ(s.setup.pv.size(), 1U);
  EXPECT_EQ(s.setup.pv[0].name, "pv b");
  EXPECT_DOUBLE_EQ(s.setup.pv[0].dc_capacity_kw, 2500.0);
  // pv b's weather source and costs moved with it.
  ASSERT_EQ(s.setup.pv_weather_source.size(), 1U);
  EXPECT_EQ(s.setup.pv_weather_source[0], 0);
  ASSERT_EQ(s.costs.pv.size(), 1U);
  EXPECT_DOUBLE_EQ(s.costs.pv[0].capex_cny_per_kw, 2.0);
  EXPECT_EQ(s.setup.wind[0].count, 3);
  EXPECT_DOUBLE_EQ(s.setup.batteries[0].energy_kwh, 1600.0);
  EXPECT_DOUBLE_EQ(s.setup.batteries[0].max_charge_kw, 400.0);
  EXPECT_DOUBLE_EQ(s.setup.batteries[0].max_discharge_kw, 400.0);
  ASSERT_EQ(s.notes.size(), 1U);
  EXPECT_NE(s.notes[0].find("\"pv a\" sized to 0"), std::string::npos);
}

TEST(SizedPlantTest, AFractionOfATurbineIsRoundedWithANote) {
  const sim::Setup setup = plant();
  SizingResult r;
  r.source_capacity_kw = {1000.0, 1000.0, 10000.0};  // 3.333 turbines
  r.storage_power_kw = {0.0};
  r.storage_energy_kwh = {0.0};
  const SizedPlant s = sized_plant(setup, book(), problem_of(setup), r);
  EXPECT_EQ(s.setup.wind[0].count, 3);
  EXPECT_TRUE(s.setup.batteries.empty());
  EXPECT_TRUE(s.costs.batteries.empty());
  ASSERT_EQ(s.notes.size(), 2U);
  EXPECT_NE(s.notes[0].find("3.333 turbines"), std::string::npos) << s.notes[0];
  EXPECT_NE(s.notes[1].find("\"bess\" sized to 0"), std::string::npos) << s.notes[1];
}

// A farm on its own availability series is one unit of its capacity.
TEST(SizedPlantTest, AnAvailabilityFarmTakesTheCapacityAsItsRating) {
  sim::Setup setup = plant();
  setup.wind[0].availability_per_kw = {0.5};
  setup.wind[0].count = 1;
  SizingResult r;
  r.source_capacity_kw = {1000.0, 1000.0, 12345.0};
  r.storage_power_kw = {1.0};
  r.storage_energy_kwh = {4.0};
  const SizedPlant s = sized_plant(setup, book(), problem_of(setup), r);
  EXPECT_EQ(s.setup.wind[0].count, 1);
  EXPECT_DOUBLE_EQ(s.setup.wind[0].rated_power_kw(), 12345.0);
  EXPECT_TRUE(s.notes.empty());
}

}  // namespace
}  // namespace shapan::optimize
