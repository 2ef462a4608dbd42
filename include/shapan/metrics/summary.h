// Key performance indicators of a run (docs/results.md defines each one).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shapan/metrics/cost_book.h"
#include "shapan/sim/simulation.h"

namespace shapan::metrics {

// Thresholds of 绿电直连 (direct green-power supply) compliance, as fractions
// (docs/results.md; NDRC/NEA 发改能源〔2025〕650号). Defaults are the notice's
// national figures for grid-connected projects; a province may set its own.
struct DirectSupplyParams {
  // Wind+solar used on site over their available generation: >= this.
  double self_use_min_frac = 0.60;
  // Wind+solar used on site over the base's consumption: >= this, and >= the
  // raised figure for runs that start in consumption_share_raised_from_year or later.
  double consumption_share_min_frac = 0.30;
  double consumption_share_raised_min_frac = 0.35;
  int consumption_share_raised_from_year = 2030;
  // Wind+solar exported over their available generation: <= this.
  double export_share_max_frac = 0.20;
  std::vector<FieldIssue> check() const;
};

// 绿电直连 figures of a run (wind and solar only; energy they stored and the
// load later used counts as used on site). Fractions over the whole run.
struct DirectSupplySummary {
  double self_use_frac = 0.0;           // wind_solar_to_load / (pv + wind)
  double consumption_share_frac = 0.0;  // wind_solar_to_load / datacenter
  double export_share_frac = 0.0;       // wind_solar_to_grid / (pv + wind)
  // The thresholds applied (the consumption share's depends on the start year).
  double self_use_min_frac = 0.0;
  double consumption_share_min_frac = 0.0;
  double export_share_max_frac = 0.0;
  bool compliant = false;  // all three met
};

// Energy over the whole run, kWh: one field per column summed into energy
// (sum Energy in SHAPAN_STEP_COLUMNS, sim/step_schema.h, which says what each
// one is), in the columns' order, and the pumped-storage loss closed over the
// run. Sources are what the components delivered (PV and wind as available
// output, before curtailment).
#define SHAPAN_ENERGY_FIELD_Energy(energy) double energy = 0.0;
#define SHAPAN_ENERGY_FIELD_NoSum(energy)
struct EnergyTotals {
#define SHAPAN_X(name, unit, decimals, flow, sum, energy, origin, served, doc) \
  SHAPAN_ENERGY_FIELD_##sum(energy)
  SHAPAN_STEP_COLUMNS(SHAPAN_X)
#undef SHAPAN_X
  // pumped_charge − pumped_discharge − (stored at the end − at the start).
  double pumped_loss = 0.0;
};

// A summed column and its field in EnergyTotals.
struct EnergyColumn {
  std::string_view name;  // the key in summary.json's energy_kwh
  std::vector<double> sim::StepSeries::*values = nullptr;
  double EnergyTotals::*total = nullptr;
};
#define SHAPAN_ENERGY_COLUMN_Energy(column, energy) \
  EnergyColumn{#energy, &sim::StepSeries::column, &EnergyTotals::energy},
#define SHAPAN_ENERGY_COLUMN_NoSum(column, energy)
// Every summed column, in the columns' order.
inline constexpr std::array kEnergyColumns = {
#define SHAPAN_X(name, unit, decimals, flow, sum, energy, origin, served, doc) \
  SHAPAN_ENERGY_COLUMN_##sum(name, energy)
    SHAPAN_STEP_COLUMNS(SHAPAN_X)
#undef SHAPAN_X
};

struct CostSummary {
  double annualised_capex_cny_per_year = 0.0;
  double om_cny_per_year = 0.0;
  double grid_import_cny = 0.0;  // over the run
  double grid_export_revenue_cny = 0.0;
  // Over the run: capex_cny_per_kwh × (nameplate per replacement + kWh added
  // by augmentations).
  double battery_replacement_cny = 0.0;
  double demand_charge_cny = 0.0;      // over the run: Σ months' peak import × charge
  double green_certificate_cny = 0.0;  // over the run: certificates bought for imports
  double total_cny = 0.0;              // over the run
  double lcoe_per_kwh = 0.0;           // CNY per kWh of data-center energy served
};

// Jobs and their scheduling (with a [workload]); docs/results.md.
struct JobSummary {
  std::string policy;
  std::size_t count = 0;  // jobs that arrived during the run
  std::size_t completed = 0;
  std::size_t deadline_missed = 0;  // finished late, or unfinished past the deadline
  std::size_t unfinished = 0;       // still waiting or running at the end
  std::size_t interruptions = 0;    // pauses of interruptible jobs
  double wait_mean_h = 0.0;         // first start − arrival, over jobs that started
  double wait_p95_h = 0.0;
  double energy_kwh = 0.0;          // jobs' facility energy (IT × PUE)
  double green_kwh = 0.0;           // its clean part
  double energy_kwh_per_job = 0.0;  // over all jobs
  double green_kwh_per_job = 0.0;
  double green_share = 0.0;  // green / energy
  double curtailment_absorbed_kwh = 0.0;
  double capacity_kw = 0.0;  // IT capacity the jobs run in
};

struct Summary {
  std::string scenario;
  std::string strategy;
  int years = 1;
  double step_minutes = 60.0;
  std::size_t steps = 0;
  EnergyTotals energy_kwh;
  double green_share = 0.0;           // annual (volumetric) matching, capped at 1
  double annual_matching_frac = 0.0;  // the same, uncapped (exports counted)
  double cfe_score = 0.0;             // hourly matching, 0..1
  double curtailment_rate = 0.0;      // curtailed / on-site clean output
  // Clean energy lost, kWh: curtailed + the spilled water's energy equivalent.
  double clean_energy_lost_kwh = 0.0;
  double emissions_t = 0.0;  // tCO2 of grid imports (location-based)
  // What the grid's carbon intensity stands for ([grid] carbon_basis; docs/models/grid.md).
  std::string grid_carbon_basis;
  // With green certificates matching a share of imports (docs/models/grid.md):
  double emissions_market_based_t = 0.0;       // imports not matched by certificates
  double green_share_with_certificates = 0.0;  // annual matching, certificates counted
  double battery_equivalent_cycles = 0.0;
  // Ageing (docs/models/battery.md): remaining capacity of all batteries over
  // their nameplate at the end of the run, and replacements at end of life.
  double battery_capacity_end_frac = 1.0;
  int battery_replacements = 0;
  int battery_augmentations = 0;       // end_of_life_action = "augment"
  double battery_augmented_kwh = 0.0;  // nameplate kWh of the modules added
  std::vector<sim::BatteryAgeingReport> batteries;
  std::vector<sim::HydroPlantReport> hydro_plants;  // [hydro], then its cascade
  // Facility energy / IT energy; without IT energy, the mean of the per-step
  // PUE (0 without a data center).
  double pue_mean = 0.0;
  double peak_datacenter_kw = 0.0;
  double peak_grid_import_kw = 0.0;
  double balance_max_abs_error_kwh = 0.0;
  // The unit of every money figure in `cost` (the cost book's
  // finance.currency, "CNY" or "USD"); the _cny_ in the keys is historical.
  std::string currency = "CNY";
  CostSummary cost;
  std::optional<JobSummary> jobs;
  DirectSupplySummary direct_supply;
  // Warnings about the inputs (weather quality, docs/weather.md §10), as the
  // CLI also prints them on stderr; summarize() leaves it empty, the caller
  // that loaded the scenario fills it.
  std::vector<std::string> warnings;
};

// From the run alone, not the scenario read back: its capacities, years and
// grid accounting terms (export price, demand charge, certificate share, carbon basis)
// come from `results` (what the run was computed with), the prices of
// ownership from `costs`.
Summary summarize(const std::string& scenario_name, const sim::Results& results,
                  const CostBook& costs, const DirectSupplyParams& direct_supply = {});

}  // namespace shapan::metrics
