// The cost book: what the plant costs to own, kept apart from the physics.
//
// The gen Params describe how a unit behaves; what it costs (capex, fixed
// O&M, lifetime) and the prices that only the accounting uses (green
// certificates) live here, one CostParams per unit in the Setup's order.
// io fills the book from the same scenario keys (capex_per_kw, ... in each
// unit's section; [finance]; [optimize] carbon_price_per_t); metrics (summary: annualised capital,
// O&M, replacements, LCOE) and optimize (sizing: cost per kW-year; the carbon price in the
// objective) read it, with the capacities a run carries (sim::PlantCapacities). The grid's tariff
// (TOU, export price, demand charge) stays in gen::GridParams: the dispatch
// sees it every step. Every money figure is in finance.currency.
#pragma once

#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/cost.h"
#include "shapan/sim/capacities.h"

namespace shapan::metrics {

struct FinanceParams {
  double discount_rate_frac = 0.06;  // real discount rate for annualising capital
  std::string currency = "CNY";      // unit of every money figure: "CNY" or "USD"
  std::vector<FieldIssue> check() const;
};

struct CostBook {
  FinanceParams finance;
  // One per unit, in the Setup's order (sim::Setup::pv, wind, ...). A unit
  // without an entry costs nothing.
  std::vector<CostParams> pv;    // per kW DC
  std::vector<CostParams> wind;  // per kW of the farm's rated power
  // [hydro] first, then its cascade downstream, each on its generator rating.
  std::vector<CostParams> hydro;
  std::vector<CostParams> batteries;       // per kW of max(charge, discharge), per kWh
  std::vector<CostParams> pumped_storage;  // per kW of max(turbine, pump)
  // [grid]'s connection (line, substation) per kW of its import limit: one
  // entry with a [grid] section. Counted when the limit is finite.
  std::vector<CostParams> grid_tie;
  // [grid] green_certificate_price_per_mwh: certificates bought for the
  // share of imports they match ([grid] green_certificate_frac), >= 0.
  double green_certificate_price_cny_per_mwh = 0.0;
  // [optimize] carbon_price_per_t: money per tonne of CO2 from grid imports,
  // in the optimiser's objective (dispatch and sizing), >= 0; 0: energy cost
  // alone. The engine's summary reports emissions, not their price.
  double carbon_price_per_t = 0.0;
};

// Capital annualised with the capital recovery factor plus the capital given
// per year (capex_per_kw_year, capex_per_kwh_year), and fixed O&M, per year
// (money per year): the summary's and the sizing LP's figures agree.
struct AnnualCost {
  double capital_per_year = 0.0;
  double om_per_year = 0.0;
};

// One unit rated `power_kw` holding `energy_kwh` (0 for non-storage units).
AnnualCost unit_annual_cost(const CostParams& cost, double power_kw, double energy_kwh,
                            double discount_rate_frac);

// The whole plant at `capacities` (a run's Results::capacities): PV on its DC
// nameplate, wind on its rating, each hydro plant on its generator, batteries on
// max(charge, discharge) kW and their kWh, pumped storage on max(turbine,
// pump) kW. Capital given per year (capex_per_kw_year) is counted in
// capital_per_year.
AnnualCost plant_annual_cost(const CostBook& book, const sim::PlantCapacities& capacities);

// Cost per kW-year and per kWh-year of a unit the optimiser may size: the
// capital annualised, plus O&M (per kW) and the capital given per year.
double cost_per_kw_year(const CostParams& cost, double discount_rate_frac);
double cost_per_kwh_year(const CostParams& cost, double discount_rate_frac);

}  // namespace shapan::metrics
