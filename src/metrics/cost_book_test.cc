#include "shapan/metrics/cost_book.h"

#include <gtest/gtest.h>

namespace shapan::metrics {
namespace {

// The capital recovery factor (A/P, i, n) = i (1+i)^n / ((1+i)^n − 1), as
// printed (4 decimals) in the compound interest tables of engineering
// economics texts (e.g. Newnan, Eschenbach & Lavelle, Engineering Economic
// Analysis, Oxford UP, appendix of interest tables; the formula is NREL's
// "Simple Levelized Cost of Energy" documentation's and HOMER's):
//   (A/P, 10 %, 10) = 0.1627   (A/P, 5 %, 20) = 0.0802
//   (A/P, 6 %, 25)  = 0.0782   (A/P, 12 %, 5) = 0.2774
// A table's 4 decimals bound the error at 5e-5.
TEST(CostBookTest, CapitalRecoveryFactorMatchesPublishedInterestTables) {
  EXPECT_NEAR(capital_recovery_factor(0.10, 10.0), 0.1627, 5e-5);
  EXPECT_NEAR(capital_recovery_factor(0.05, 20.0), 0.0802, 5e-5);
  EXPECT_NEAR(capital_recovery_factor(0.06, 25.0), 0.0782, 5e-5);
  EXPECT_NEAR(capital_recovery_factor(0.12, 5.0), 0.2774, 5e-5);
}

// A 100 kW unit at 1000 per kW, 10 % over 10 years: 100,000 × 0.162745 =
// 16,274.54 per year of capital; 15 per kW-year of O&M is 1,500.
TEST(CostBookTest, UnitAnnualCostIsCapitalTimesCrfPlusOm) {
  const CostParams c{
      .capex_cny_per_kw = 1000.0, .om_cny_per_kw_year = 15.0, .lifetime_years = 10.0};
  const AnnualCost a = unit_annual_cost(c, 100.0, 0.0, 0.10);
  EXPECT_NEAR(a.capital_per_year, 16274.54, 0.01);
  EXPECT_DOUBLE_EQ(a.om_per_year, 1500.0);
}

// At a 0 % rate the CRF is 1/n, so the sums can be done by hand:
//   PV 1000 kW DC (800 AC) at 3000/kW over 25 y: 120,000/yr; O&M 45/kW: 45,000.
//   Battery 400 kW charge, 500 kW discharge, 2000 kWh at 300/kW (on the
//   larger, 500 kW) and 800/kWh over 15 y: (150,000 + 1,600,000) / 15 =
//   116,666.67/yr; O&M 20/kW on 500 kW: 10,000.
//   Wind 2000 kW with no entry in the book: nothing.
TEST(CostBookTest, PlantAnnualCostUsesTheRunsCapacities) {
  CostBook book;
  book.finance.discount_rate_frac = 0.0;
  book.pv = {{.capex_cny_per_kw = 3000.0, .om_cny_per_kw_year = 45.0, .lifetime_years = 25.0}};
  book.batteries = {{.capex_cny_per_kw = 300.0,
                     .capex_cny_per_kwh = 800.0,
                     .om_cny_per_kw_year = 20.0,
                     .lifetime_years = 15.0}};
  sim::PlantCapacities caps;
  caps.pv = {{.dc_kw = 1000.0, .ac_kw = 800.0}};
  caps.wind_kw = {2000.0};
  caps.batteries = {{.charge_kw = 400.0, .discharge_kw = 500.0, .energy_kwh = 2000.0}};
  const AnnualCost a = plant_annual_cost(book, caps);
  EXPECT_NEAR(a.capital_per_year, 120000.0 + 1750000.0 / 15.0, 1e-6);
  EXPECT_NEAR(a.om_per_year, 45000.0 + 10000.0, 1e-9);
}

// Every hydro plant, [hydro] and its cascade, is costed on its generator (the
// summary counted [hydro] alone before, though docs/scenario.md gives the
// cascade's plants the same cost keys); pumped storage on the larger of its
// pump and turbine.
TEST(CostBookTest, HydroAndPumpedStorage) {
  const CostParams per_kw{.capex_cny_per_kw = 1000.0, .lifetime_years = 10.0};
  CostBook book;
  book.finance.discount_rate_frac = 0.0;
  book.hydro = {per_kw, per_kw};
  book.pumped_storage = {per_kw};
  sim::PlantCapacities caps;
  caps.hydro = {{.rated_kw = 500.0}, {.rated_kw = 300.0}};
  caps.pumped_storage = {{.charge_kw = 200.0, .discharge_kw = 250.0}};
  EXPECT_NEAR(plant_annual_cost(book, caps).capital_per_year, (500.0 + 300.0 + 250.0) * 100.0,
              1e-9);
}

// What the optimiser prices per kW-year and per kWh-year: the capital
// annualised, O&M, and the capital given per year added as it is
// (PyPSA's capital_cost). 3000/kW at 8 % over 20 years: 3000 × 0.1018522.
TEST(CostBookTest, SizingCostsPerKwYearAndPerKwhYear) {
  const CostParams c{.capex_cny_per_kw = 3000.0,
                     .capex_cny_per_kwh = 500.0,
                     .om_cny_per_kw_year = 45.0,
                     .capex_cny_per_kw_year = 10.0,
                     .capex_cny_per_kwh_year = 2.0,
                     .lifetime_years = 20.0};
  EXPECT_NEAR(cost_per_kw_year(c, 0.08), 3000.0 * 0.1018522 + 45.0 + 10.0, 1e-3);
  EXPECT_NEAR(cost_per_kwh_year(c, 0.08), 500.0 * 0.1018522 + 2.0, 1e-3);
  EXPECT_DOUBLE_EQ(cost_per_kw_year(CostParams{.capex_cny_per_kw_year = 40.0}, 0.06), 40.0);
}

// Capital given per year is counted as it is, beside the annualised capex,
// as the sizing LP counts it: examples/lp_reference.toml's PV at 40 per
// kW-year on 100,000 kW is 4,000,000 per year; a battery at 60 per kW-year
// on 100,000 kW and 2 per kWh-year on 400,000 kWh adds 6,800,000. The
// summary's capital for a plant and the LP's for the same capacities agree.
TEST(CostBookTest, CapitalGivenPerYearIsCountedAsTheSizingLpCountsIt) {
  const CostParams pv{.capex_cny_per_kw_year = 40.0};
  const CostParams battery{.capex_cny_per_kw_year = 60.0, .capex_cny_per_kwh_year = 2.0};
  EXPECT_DOUBLE_EQ(unit_annual_cost(pv, 100000.0, 0.0, 0.06).capital_per_year, 4.0e6);
  EXPECT_DOUBLE_EQ(unit_annual_cost(battery, 100000.0, 400000.0, 0.06).capital_per_year, 6.8e6);
  CostBook book;
  book.pv = {pv};
  book.batteries = {battery};
  sim::PlantCapacities caps;
  caps.pv = {{.dc_kw = 100000.0, .ac_kw = 100000.0}};
  caps.batteries = {{.charge_kw = 100000.0, .discharge_kw = 100000.0, .energy_kwh = 400000.0}};
  const double lp = cost_per_kw_year(pv, 0.06) * 100000.0 +
                    cost_per_kw_year(battery, 0.06) * 100000.0 +
                    cost_per_kwh_year(battery, 0.06) * 400000.0;
  EXPECT_DOUBLE_EQ(plant_annual_cost(book, caps).capital_per_year, lp);
}

TEST(CostBookTest, FinanceCheckRejectsADiscountRateOutOfRange) {
  FinanceParams f;
  f.discount_rate_frac = 0.6;
  EXPECT_EQ(f.check().size(), 1u);
  EXPECT_TRUE(FinanceParams{}.check().empty());
}

}  // namespace
}  // namespace shapan::metrics
