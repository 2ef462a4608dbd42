#include "shapan/metrics/cost_book.h"

#include <algorithm>
#include <cmath>

namespace shapan::metrics {

std::vector<FieldIssue> FinanceParams::check() const {
  return FieldChecker().in_range("discount_rate_frac", discount_rate_frac, 0.0, 0.5).issues();
}

AnnualCost unit_annual_cost(const CostParams& cost, double power_kw, double energy_kwh,
                            double discount_rate_frac) {
  const double capex = cost.capex_cny_per_kw * power_kw + cost.capex_cny_per_kwh * energy_kwh;
  // Capital given per year (PyPSA's capital_cost) is added as it is, as the
  // sizing LP counts it (cost_per_kw_year); when it is 0 the sum keeps every
  // bit of the annualised capex alone.
  const double given_per_year =
      cost.capex_cny_per_kw_year * power_kw + cost.capex_cny_per_kwh_year * energy_kwh;
  return {
      .capital_per_year =
          capex * capital_recovery_factor(discount_rate_frac, cost.lifetime_years) + given_per_year,
      .om_per_year = cost.om_cny_per_kw_year * power_kw};
}

namespace {

// Adds unit i's annual cost, when the book has an entry for it. Sums in the
// units' order, so that the totals keep every bit of the summary's earlier sums.
void add_unit(const std::vector<CostParams>& costs, std::size_t i, double power_kw,
              double energy_kwh, double rate, AnnualCost& sum) {
  if (i >= costs.size()) return;
  const AnnualCost unit = unit_annual_cost(costs[i], power_kw, energy_kwh, rate);
  sum.capital_per_year += unit.capital_per_year;
  sum.om_per_year += unit.om_per_year;
}

}  // namespace

AnnualCost plant_annual_cost(const CostBook& book, const sim::PlantCapacities& capacities) {
  const double r = book.finance.discount_rate_frac;
  AnnualCost sum;
  for (std::size_t i = 0; i < capacities.pv.size(); ++i) {
    add_unit(book.pv, i, capacities.pv[i].dc_kw, 0.0, r, sum);
  }
  for (std::size_t i = 0; i < capacities.wind_kw.size(); ++i) {
    add_unit(book.wind, i, capacities.wind_kw[i], 0.0, r, sum);
  }
  for (std::size_t i = 0; i < capacities.hydro.size(); ++i) {
    add_unit(book.hydro, i, capacities.hydro[i].rated_kw, 0.0, r, sum);
  }
  for (std::size_t i = 0; i < capacities.batteries.size(); ++i) {
    const sim::StorageCapacity& b = capacities.batteries[i];
    add_unit(book.batteries, i, std::max(b.charge_kw, b.discharge_kw), b.energy_kwh, r, sum);
  }
  for (std::size_t i = 0; i < capacities.pumped_storage.size(); ++i) {
    const sim::StorageCapacity& p = capacities.pumped_storage[i];
    add_unit(book.pumped_storage, i, std::max(p.charge_kw, p.discharge_kw), 0.0, r, sum);
  }
  if (capacities.has_grid && std::isfinite(capacities.grid_import_limit_kw)) {
    add_unit(book.grid_tie, 0, capacities.grid_import_limit_kw, 0.0, r, sum);
  }
  return sum;
}

double cost_per_kw_year(const CostParams& cost, double discount_rate_frac) {
  return cost.capex_cny_per_kw * capital_recovery_factor(discount_rate_frac, cost.lifetime_years) +
         cost.om_cny_per_kw_year + cost.capex_cny_per_kw_year;
}

double cost_per_kwh_year(const CostParams& cost, double discount_rate_frac) {
  return cost.capex_cny_per_kwh * capital_recovery_factor(discount_rate_frac, cost.lifetime_years) +
         cost.capex_cny_per_kwh_year;
}

}  // namespace shapan::metrics
