// The base's connection to the public grid: limits, tariff and carbon.
//
// Directions: import = grid to site, export = site to grid; both limits and
// both flows are AC powers >= 0 at the point of connection. An infinite
// import limit means an unconstrained connection; export_limit_kw = 0 (the
// default) forbids export. Import prices and carbon intensity are >= 0. The
// export price may be negative: it then charges the site for what it feeds in
// (a curtailment penalty or negative market price), so that a dispatcher
// prefers curtailing to exporting. Thread-safety: Grid is immutable.
//
// Tariff: a 24-hour table of import prices by local hour, optionally one per
// season (a set of calendar months), as Chinese provincial time-of-use
// schedules are published (peak / flat / valley periods, with summer or
// winter tables and critical peaks). A demand charge, if any, is billed on
// each calendar month's highest import (step mean), by metrics. Imports may
// be matched by green certificates (绿证, GECs): a fraction of the imported
// energy is bought with certificates, which count it as renewable in the
// market-based green share and emissions (docs/models/grid.md).
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/time.h"
#include "shapan/core/units.h"

namespace shapan::gen {

struct GridParams {
  double import_limit_kw = std::numeric_limits<double>::infinity();  // >= 0, may be infinite
  double export_limit_kw = 0.0;                                      // >= 0, may be infinite
  // Time-of-use import price: 24 values, one per hour of the local day
  // (hour 0 = 00:00–01:00 site standard time). A single value = flat price.
  std::vector<double> tou_price_cny_per_kwh = {0.4};
  double export_price_cny_per_kwh = 0.0;  // finite, any sign (see above)
  // Carbon intensity of imports (grams CO2 per kWh): a constant, or one value
  // per simulation step (aligned by io/resource) which then takes precedence.
  // The default 570.3 g/kWh is a national figure kept for compatibility; it is
  // not one of the 2022 average factors of MEE and NBS (national 536.6,
  // Northwest grid 585.7, Qinghai 156.7 g/kWh): docs/models/grid.md lists
  // them and says when to use which.
  double carbon_intensity_g_per_kwh = 570.3;
  std::vector<double> carbon_intensity_series_g_per_kwh;
  // What the intensity stands for, reported as summary.json grid_carbon_basis
  // (free text, e.g. "Qinghai provincial average 2022, MEE/NBS"); empty: the
  // report says "user-specified" (docs/models/grid.md lists the published
  // factors and when to use which).
  std::string carbon_basis;
  // Seasonal TOU tables: each names its months (1..12, no month in two
  // seasons) and 24 prices (or 1, flat); months in no season use
  // tou_price_cny_per_kwh.
  struct Season {
    std::vector<int> months;
    std::vector<double> price_cny_per_kwh;
  };
  std::vector<Season> tou_seasons;
  double demand_charge_cny_per_kw_month = 0.0;  // >= 0, on the month's peak import
  // Share of imported energy matched by green certificates, [0, 1] (their
  // price is the cost book's, metrics::CostBook).
  double green_certificate_frac = 0.0;

  std::vector<FieldIssue> check() const;
};

class Grid {
 public:
  // Throws InputError when params.check() finds problems.
  explicit Grid(GridParams params);

  const GridParams& params() const { return params_; }
  Power import_limit() const { return kw(params_.import_limit_kw); }
  Power export_limit() const { return kw(params_.export_limit_kw); }
  // Import price during the step that starts at `t`; the second form takes
  // the step's start in site standard time.
  Price import_price(Timestamp t, double utc_offset_h) const;
  Price import_price(const CivilTime& local) const;
  Price export_price() const { return cny_per_kwh(params_.export_price_cny_per_kwh); }
  // Carbon intensity of imported energy in step `step_index`: the series
  // value when a series is given, the constant otherwise.
  // Requires: step_index < series size when a series is given (io checks
  // that the series covers the run).
  double carbon_g_per_kwh(std::size_t step_index) const;

 private:
  GridParams params_;
  std::array<int, 12> season_of_month_{};  // index into tou_seasons, -1 = default table
};

}  // namespace shapan::gen
