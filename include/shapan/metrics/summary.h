// Key performance indicators of a run (docs/results.md defines each one).
#pragma once

#include <optional>
#include <string>

#include "shapan/sim/simulation.h"

namespace shapan::metrics {

struct FinanceParams {
  double discount_rate_frac = 0.06;  // real discount rate for annualising capital
  std::string currency = "CNY";      // unit of every money figure: "CNY" or "USD"
  std::vector<FieldIssue> check() const;
};

// Energy over the whole run, kWh. Sources are what the components delivered
// (PV and wind as available output, before curtailment).
struct EnergyTotals {
  double pv = 0.0;
  double wind = 0.0;
  double hydro = 0.0;
  double battery_charge = 0.0;
  double battery_discharge = 0.0;
  double battery_loss = 0.0;
  double grid_import = 0.0;
  double grid_export = 0.0;
  double curtailed = 0.0;
  double datacenter = 0.0;  // facility demand
  double it = 0.0;
  double unserved = 0.0;
  double green_to_load = 0.0;
  double pumped_charge = 0.0;     // into pumped storage (pumping)
  double pumped_discharge = 0.0;  // out of pumped storage (generating)
  double pumped_loss = 0.0;
  double battery_aux = 0.0;  // batteries' auxiliary load
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
  double green_share = 0.0;       // annual (volumetric) matching, 0..1
  double cfe_score = 0.0;         // hourly matching, 0..1
  double curtailment_rate = 0.0;  // curtailed / on-site clean output
  double emissions_t = 0.0;       // tCO2 of grid imports (location-based)
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
  double pue_mean = 0.0;                            // facility energy / IT energy
  double peak_datacenter_kw = 0.0;
  double peak_grid_import_kw = 0.0;
  double balance_max_abs_error_kwh = 0.0;
  CostSummary cost;
  std::optional<JobSummary> jobs;
};

Summary summarize(const std::string& scenario_name, const sim::Setup& setup,
                  const sim::Results& results, const FinanceParams& finance);

}  // namespace shapan::metrics
