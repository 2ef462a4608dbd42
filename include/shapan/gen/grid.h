// The base's connection to the public grid: limits, tariff and carbon.
#pragma once

#include <limits>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/time.h"
#include "shapan/core/units.h"

namespace shapan::gen {

struct GridParams {
  double import_limit_kw = std::numeric_limits<double>::infinity();
  double export_limit_kw = 0.0;
  // Time-of-use import price: 24 values, one per hour of the local day
  // (hour 0 = 00:00–01:00 site standard time). A single value = flat price.
  std::vector<double> tou_price_cny_per_kwh = {0.4};
  double export_price_cny_per_kwh = 0.0;
  // Carbon intensity of imports: a constant, or one value per simulation step
  // (aligned by io/resource) which then takes precedence.
  double carbon_intensity_g_per_kwh = 570.3;
  std::vector<double> carbon_intensity_series_g_per_kwh;

  std::vector<FieldIssue> check() const;
};

class Grid {
 public:
  // Throws InputError when params.check() finds problems.
  explicit Grid(GridParams params);

  const GridParams& params() const { return params_; }
  Power import_limit() const { return kw(params_.import_limit_kw); }
  Power export_limit() const { return kw(params_.export_limit_kw); }
  // Import price during the step that starts at `t`.
  Price import_price(Timestamp t, double utc_offset_h) const;
  Price export_price() const { return cny_per_kwh(params_.export_price_cny_per_kwh); }
  // Carbon intensity of imported energy in step `step_index`.
  double carbon_g_per_kwh(std::size_t step_index) const;

 private:
  GridParams params_;
};

}  // namespace shapan::gen
