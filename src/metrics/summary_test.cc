#include "shapan/metrics/summary.h"

#include <gtest/gtest.h>

#include "shapan/metrics/writers.h"

namespace shapan::metrics {
namespace {

// Two half-hour steps in one clock hour, then one in the next:
//   step  load  green  import  pv   curtailed
//   0     100   100    0       300  100        (surplus 100 to battery, 100 curtailed)
//   1     100   20     80      20   0
//   2     100   100    0       100  0
// Hourly matching pools steps 0 and 1: min(100, 60) = 60 kWh of the first
// hour's 100 kWh, plus 50 of 50 in the second: cfe = 110 / 150.
sim::Results three_steps() {
  sim::Results r;
  r.strategy = "rule_based";
  r.step = Duration::minutes(30);
  r.battery_capacity_kwh = 400.0;
  sim::StepSeries& s = r.steps;
  for (const auto& c : sim::kStepColumns) (s.*c.values).assign(3, 0.0);
  const Timestamp t0 = Timestamp::from_unix_seconds(1735689600);
  s.start = {t0, t0 + Duration::minutes(30), t0 + Duration::minutes(60)};
  s.datacenter_kw = {100, 100, 100};
  s.it_kw = {80, 80, 80};
  s.green_to_load_kw = {100, 20, 100};
  s.grid_import_kw = {0, 80, 0};
  s.pv_kw = {300, 20, 100};
  s.curtailed_kw = {100, 0, 0};
  s.battery_charge_kw = {100, 0, 0};
  s.battery_discharge_kw = {0, 0, 0};
  s.battery_loss_kw = {10, 0, 0};
  s.grid_carbon_g_per_kwh = {500, 500, 500};
  s.import_price_cny_per_kwh = {0.5, 0.5, 0.5};
  for (auto* v :
       {&s.wind_kw, &s.hydro_kw, &s.grid_export_kw, &s.unserved_kw, &s.balance_error_kwh}) {
    v->assign(3, 0.0);
  }
  return r;
}

TEST(SummaryTest, EnergyTotalsAreStepMeansTimesStepLength) {
  const Summary s = summarize("t", three_steps(), CostBook{});
  EXPECT_DOUBLE_EQ(s.energy_kwh.pv, 210.0);
  EXPECT_DOUBLE_EQ(s.energy_kwh.datacenter, 150.0);
  EXPECT_DOUBLE_EQ(s.energy_kwh.grid_import, 40.0);
  EXPECT_DOUBLE_EQ(s.energy_kwh.curtailed, 50.0);
  EXPECT_DOUBLE_EQ(s.pue_mean, 1.25);
}

// Without IT load the facility draws nothing, and facility / IT energy is
// 0 / 0: the mean PUE is then the PUE model's value averaged over the steps
// (what the cooling would cost per kWh of IT, had there been any).
TEST(SummaryTest, PueMeanWithoutItLoadIsThePueModelsMean) {
  sim::Results r = three_steps();
  r.steps.it_kw = {0, 0, 0};
  r.steps.datacenter_kw = {0, 0, 0};
  r.steps.pue = {1.2, 1.3, 1.4};
  const Summary s = summarize("t", r, CostBook{});
  EXPECT_NEAR(s.pue_mean, 1.3, 1e-12);
}

// Clean energy lost: 50 kWh curtailed plus spilled water worth 20 kW for
// half an hour (10 kWh).
TEST(SummaryTest, CleanEnergyLostCountsCurtailmentAndSpill) {
  sim::Results r = three_steps();
  r.steps.hydro_spilled_kw = {20, 0, 0};
  const Summary s = summarize("t", r, CostBook{});
  EXPECT_DOUBLE_EQ(s.energy_kwh.hydro_spilled, 10.0);
  EXPECT_DOUBLE_EQ(s.clean_energy_lost_kwh, 60.0);
}

TEST(SummaryTest, CfeScoreMatchesHourByHour) {
  const Summary s = summarize("t", three_steps(), CostBook{});
  EXPECT_NEAR(s.cfe_score, 110.0 / 150.0, 1e-12);
}

// Annual matching: (210 − 50 curtailed − 5 battery loss) / 150 > 1, capped at 1.
TEST(SummaryTest, GreenShareIsAnnualMatchingCappedAtOne) {
  const Summary s = summarize("t", three_steps(), CostBook{});
  EXPECT_DOUBLE_EQ(s.green_share, 1.0);
  EXPECT_NEAR(s.curtailment_rate, 50.0 / 210.0, 1e-12);
}

// 40 kWh imported at 500 g/kWh = 0.02 t; at 0.5 CNY/kWh = 20 CNY.
TEST(SummaryTest, EmissionsAndImportCost) {
  const Summary s = summarize("t", three_steps(), CostBook{});
  EXPECT_NEAR(s.emissions_t, 0.02, 1e-12);
  EXPECT_NEAR(s.cost.grid_import_cny, 20.0, 1e-12);
  EXPECT_NEAR(s.cost.lcoe_per_kwh, 20.0 / 150.0, 1e-12);
}

// One PV array of 1000 kW at 3000 CNY/kW over 25 years at 0 %: 120,000 CNY/yr
// of capital and 40,000 of O&M; over one year with 20 CNY of imports and
// 150 kWh served the LCOE is 160,020 / 150.
CostBook pv_costs() {
  CostBook book;
  book.finance.discount_rate_frac = 0.0;
  book.finance.currency = "USD";
  book.pv = {{.capex_cny_per_kw = 3000.0, .om_cny_per_kw_year = 40.0, .lifetime_years = 25.0}};
  return book;
}

TEST(SummaryTest, LcoeAddsAnnualisedCapitalAndOm) {
  sim::Results r = three_steps();
  r.capacities.pv = {{.dc_kw = 1000.0, .ac_kw = 800.0}};
  const Summary s = summarize("t", r, pv_costs());
  EXPECT_NEAR(s.cost.annualised_capex_cny_per_year, 120000.0, 1e-6);
  EXPECT_NEAR(s.cost.om_cny_per_year, 40000.0, 1e-9);
  EXPECT_NEAR(s.cost.lcoe_per_kwh, 160020.0 / 150.0, 1e-9);
  EXPECT_EQ(s.currency, "USD");
}

// The capacities are the run's (Results::capacities): without capacities in
// the results nothing is costed (summarize has no scenario to read them from).
TEST(SummaryTest, CostsUseTheCapacitiesTheRunCarries) {
  sim::Results r = three_steps();
  r.capacities.pv = {{.dc_kw = 1000.0, .ac_kw = 800.0}};
  EXPECT_NEAR(summarize("t", r, pv_costs()).cost.annualised_capex_cny_per_year, 120000.0, 1e-6);
  EXPECT_EQ(summarize("t", three_steps(), pv_costs()).cost.annualised_capex_cny_per_year, 0.0);
}

// The grid's terms and the years are the run's too (Results::grid_accounting,
// Results::years). Three steps as above, exporting 40 kW in the last (20 kWh),
// over a run of 2 years, with export at 0.3 /kWh, a demand charge of 30 /kW
// per month, certificates for half the imports at 50 /MWh:
//   export revenue  20 kWh × 0.3                = 6
//   demand charge   one month, peak 80 kW × 30  = 2400
//   certificates    40 kWh imported × 0.5 = 20 kWh = 0.02 MWh × 50 = 1
//   imports         40 kWh × 0.5                = 20
//   plant           (120000 + 40000) per year × 2 years = 320000
//   total           320000 + 20 − 6 + 2400 + 1  = 322415
// and market-based emissions half the 0.02 t of the imports.
TEST(SummaryTest, GridAccountingAndYearsComeFromTheResults) {
  sim::Results r = three_steps();
  r.steps.grid_export_kw = {0, 0, 40};
  r.capacities.pv = {{.dc_kw = 1000.0, .ac_kw = 800.0}};
  r.years = 2;
  r.grid_accounting = sim::GridAccounting{.export_price_cny_per_kwh = 0.3,
                                          .demand_charge_cny_per_kw_month = 30.0,
                                          .green_certificate_frac = 0.5};
  CostBook costs = pv_costs();
  costs.green_certificate_price_cny_per_mwh = 50.0;
  const Summary s = summarize("t", r, costs);
  EXPECT_EQ(s.years, 2);
  EXPECT_NEAR(s.cost.grid_export_revenue_cny, 6.0, 1e-12);
  EXPECT_NEAR(s.cost.demand_charge_cny, 2400.0, 1e-9);
  EXPECT_NEAR(s.cost.green_certificate_cny, 1.0, 1e-12);
  EXPECT_NEAR(s.cost.grid_import_cny, 20.0, 1e-12);
  EXPECT_NEAR(s.cost.total_cny, 322415.0, 1e-6);
  EXPECT_NEAR(s.emissions_market_based_t, 0.01, 1e-12);
  // Islanded (no grid accounting terms): no export revenue, demand charge or certificates.
  r.grid_accounting.reset();
  const Summary islanded = summarize("t", r, costs);
  EXPECT_EQ(islanded.cost.grid_export_revenue_cny, 0.0);
  EXPECT_EQ(islanded.cost.demand_charge_cny, 0.0);
  EXPECT_EQ(islanded.cost.green_certificate_cny, 0.0);
}

TEST(SummaryTest, BatteryCyclesAreDischargeOverCapacity) {
  sim::Results r = three_steps();
  r.steps.battery_discharge_kw = {0, 0, 1600};
  const Summary s = summarize("t", r, CostBook{});
  EXPECT_DOUBLE_EQ(s.battery_equivalent_cycles, 2.0);
}

// Two batteries of 1000 and 500 kWh at 800 CNY/kWh: the first replaced once
// (800 × 1000 = 800,000 CNY), the second augmented once with 100 kWh
// (80,000 CNY); capacity at the end (1000 × 0.9 + 500 × 0.98) / 1500.
TEST(SummaryTest, ReplacementsAndAugmentationsAreCountedAndCosted) {
  const CostParams battery{.capex_cny_per_kwh = 800.0};
  CostBook costs;
  costs.batteries = {battery, battery};
  sim::Results r = three_steps();
  r.battery_ageing = {sim::BatteryAgeingReport{
                          .nameplate_kwh = 1000.0, .capacity_end_frac = 0.9, .replacements = 1},
                      sim::BatteryAgeingReport{.nameplate_kwh = 500.0,
                                               .capacity_end_frac = 0.98,
                                               .augmentations = 1,
                                               .augmented_kwh = 100.0}};
  const Summary s = summarize("t", r, costs);
  EXPECT_EQ(s.battery_replacements, 1);
  EXPECT_EQ(s.battery_augmentations, 1);
  EXPECT_DOUBLE_EQ(s.battery_augmented_kwh, 100.0);
  EXPECT_NEAR(s.cost.battery_replacement_cny, 880000.0, 1e-6);
  EXPECT_NEAR(s.battery_capacity_end_frac, (900.0 + 490.0) / 1500.0, 1e-12);
}

// Annual matching uncapped: (210 − 50 curtailed − 5 battery loss) / 150.
TEST(SummaryTest, AnnualMatchingCountsExportsAndIsNotCapped) {
  const Summary s = summarize("t", three_steps(), CostBook{});
  EXPECT_NEAR(s.annual_matching_frac, 155.0 / 150.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.green_share, 1.0);
}

// 绿电直连 over three_steps (half-hour steps; PV available 300, 20, 100 kW
// = 210 kWh; consumption 150 kWh). Wind+solar to the load (directly or
// through storage) 100, 20, 100 kW = 110 kWh; exported 60, 0, 0 kW = 30 kWh.
//   self-use          110 / 210 = 0.5238  (>= 0.60: not met)
//   of consumption    110 / 150 = 0.7333  (>= 0.30: met; run starts in 2025)
//   exported           30 / 210 = 0.1429  (<= 0.20: met)
// Not compliant; with the self-use floor at 0.50 it is, and with the export
// cap at 0.10 it is not again.
TEST(SummaryTest, DirectSupplyCountsWindAndSolarAgainstTheThresholds) {
  sim::Results r = three_steps();
  r.steps.wind_solar_to_load_kw = {100, 20, 100};
  r.steps.wind_solar_to_grid_kw = {60, 0, 0};
  const DirectSupplySummary d = summarize("t", r, CostBook{}, DirectSupplyParams{}).direct_supply;
  EXPECT_NEAR(d.self_use_frac, 110.0 / 210.0, 1e-12);
  EXPECT_NEAR(d.consumption_share_frac, 110.0 / 150.0, 1e-12);
  EXPECT_NEAR(d.export_share_frac, 30.0 / 210.0, 1e-12);
  EXPECT_DOUBLE_EQ(d.self_use_min_frac, 0.60);
  EXPECT_DOUBLE_EQ(d.consumption_share_min_frac, 0.30);
  EXPECT_DOUBLE_EQ(d.export_share_max_frac, 0.20);
  EXPECT_FALSE(d.compliant);
  EXPECT_TRUE(summarize("t", r, CostBook{}, DirectSupplyParams{.self_use_min_frac = 0.50})
                  .direct_supply.compliant);
  EXPECT_FALSE(
      summarize("t", r, CostBook{},
                DirectSupplyParams{.self_use_min_frac = 0.50, .export_share_max_frac = 0.10})
          .direct_supply.compliant);
}

// The raised floor applies to runs that start in its year or later. Here
// wind+solar to the load is 40, 20, 36 kW = 48 kWh: 48 / 150 = 0.32 of the
// consumption, above 0.30 but below 0.35. The run starts on 2025-01-01
// (UTC+0): with the raised floor from 2030 it passes, from 2025 it fails.
TEST(SummaryTest, DirectSupplyRaisedConsumptionFloorFollowsTheStartYear) {
  sim::Results r = three_steps();
  r.steps.wind_solar_to_load_kw = {40, 20, 36};
  DirectSupplyParams p{.self_use_min_frac = 0.0};
  const DirectSupplySummary before = summarize("t", r, {}, p).direct_supply;
  EXPECT_NEAR(before.consumption_share_frac, 0.32, 1e-12);
  EXPECT_DOUBLE_EQ(before.consumption_share_min_frac, 0.30);
  EXPECT_TRUE(before.compliant);
  p.consumption_share_raised_from_year = 2025;
  const DirectSupplySummary from = summarize("t", r, {}, p).direct_supply;
  EXPECT_DOUBLE_EQ(from.consumption_share_min_frac, 0.35);
  EXPECT_FALSE(from.compliant);
}

// Without wind or solar nothing can comply (and no fraction divides by 0).
TEST(SummaryTest, DirectSupplyWithoutWindOrSolarIsNotCompliant) {
  sim::Results r = three_steps();
  r.steps.pv_kw = {0, 0, 0};
  const DirectSupplySummary d =
      summarize("t", r, {}, DirectSupplyParams{.self_use_min_frac = 0.0}).direct_supply;
  EXPECT_DOUBLE_EQ(d.self_use_frac, 0.0);
  EXPECT_DOUBLE_EQ(d.export_share_frac, 0.0);
  EXPECT_FALSE(d.compliant);
}

TEST(SummaryTest, DirectSupplyCheckRejectsFractionsOutsideZeroToOne) {
  const std::vector<FieldIssue> issues =
      DirectSupplyParams{.self_use_min_frac = 1.5, .export_share_max_frac = -0.1}.check();
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].field, "self_use_min_frac");
  EXPECT_EQ(issues[1].field, "export_share_max_frac");
}

TEST(SummaryTest, GridCarbonBasisSaysWhatTheIntensityStandsFor) {
  sim::Results r = three_steps();
  EXPECT_EQ(summarize("t", r, {}).grid_carbon_basis, "none (no [grid]: islanded)");
  r.grid_accounting = sim::GridAccounting{};
  EXPECT_EQ(summarize("t", r, {}).grid_carbon_basis, "user-specified");
  r.grid_accounting->carbon_intensity_per_step = true;
  EXPECT_EQ(summarize("t", r, {}).grid_carbon_basis, "user-specified series");
  r.grid_accounting->carbon_basis = "Qinghai provincial average 2022 (MEE/NBS)";
  EXPECT_EQ(summarize("t", r, {}).grid_carbon_basis, "Qinghai provincial average 2022 (MEE/NBS)");
}

TEST(SummaryTest, FinanceCheckRejectsNegativeRate) {
  EXPECT_EQ(FinanceParams{.discount_rate_frac = -0.1}.check().size(), 1u);
}

}  // namespace
}  // namespace shapan::metrics
