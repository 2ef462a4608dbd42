#include "shapan/core/cost.h"

#include <cmath>

namespace shapan {

std::vector<FieldIssue> CostParams::check() const {
  return FieldChecker()
      .at_least("capex_cny_per_kw", capex_cny_per_kw, 0.0)
      .at_least("capex_cny_per_kwh", capex_cny_per_kwh, 0.0)
      .at_least("om_cny_per_kw_year", om_cny_per_kw_year, 0.0)
      .at_least("capex_cny_per_kw_year", capex_cny_per_kw_year, 0.0)
      .at_least("capex_cny_per_kwh_year", capex_cny_per_kwh_year, 0.0)
      .in_range("lifetime_years", lifetime_years, 1.0, 100.0)
      .issues();
}

double capital_recovery_factor(double discount_rate_frac, double lifetime_years) {
  if (discount_rate_frac == 0.0) return 1.0 / lifetime_years;
  const double growth = std::pow(1.0 + discount_rate_frac, lifetime_years);
  return discount_rate_frac * growth / (growth - 1.0);
}

}  // namespace shapan
