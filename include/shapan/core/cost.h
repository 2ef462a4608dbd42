// Costs of one component, for the levelised cost of energy. The cost book
// (metrics/cost_book.h) holds one per unit and prices them (unit_annual_cost).
//
// Capital cost is annualised with the capital recovery factor
//   CRF = r (1+r)^n / ((1+r)^n - 1)      (CRF = 1/n when r = 0)
// for discount rate r and lifetime n years (the usual annuity formula, as in
// HOMER's and REopt's documentation). Currency: the scenario's
// ([finance] currency, CNY by default); the _cny_ in the names is historical.
#pragma once

#include <vector>

#include "shapan/core/check.h"

namespace shapan {

struct CostParams {
  // Up-front cost per kW of rated power (PV: per kW DC; wind, hydro: per kW
  // AC; battery: per kW of power conversion). Default 0: no cost counted.
  double capex_cny_per_kw = 0.0;
  // Up-front cost per kWh of storage capacity (batteries only).
  double capex_cny_per_kwh = 0.0;
  // Fixed operation and maintenance per kW of rated power per year.
  double om_cny_per_kw_year = 0.0;
  // Capital cost already annualised, per kW (per kWh of storage) per year,
  // as PyPSA's capital_cost: added as it is, without the recovery factor.
  double capex_cny_per_kw_year = 0.0;
  double capex_cny_per_kwh_year = 0.0;
  // Economic life over which the capital cost is annualised.
  double lifetime_years = 25.0;

  std::vector<FieldIssue> check() const;
  bool operator==(const CostParams&) const = default;
};

// Capital recovery factor for `discount_rate_frac` over `lifetime_years`.
double capital_recovery_factor(double discount_rate_frac, double lifetime_years);

}  // namespace shapan
