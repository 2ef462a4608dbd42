// The grid tie of a run (private to sim): its limits, the import price of
// every step (the tariff by local hour and month, looked up once per local
// hour) and the grid's carbon intensity.
#pragma once

#include <vector>

#include "shapan/gen/grid.h"
#include "shapan/resource/weather.h"

namespace shapan::sim {

// What the grid offers in a step.
struct GridTerms {
  Power import_limit;
  Power export_limit;
  Price import_price;
  double carbon_g_per_kwh = 0.0;
};

class GridTie {
 public:
  // `weather`: the run's steps; `utc_offset_h`: the site's standard time,
  // which the tariff's hours and months are in. Throws InputError when the
  // grid's parameters are invalid.
  GridTie(const gen::GridParams& params, const resource::WeatherSeries& weather,
          double utc_offset_h);

  // Requires: i < the run's steps.
  GridTerms terms(std::size_t i) const {
    return GridTerms{.import_limit = grid_.import_limit(),
                     .export_limit = grid_.export_limit(),
                     .import_price = cny_per_kwh(import_price_cny_per_kwh_[i]),
                     .carbon_g_per_kwh = grid_.carbon_g_per_kwh(i)};
  }

 private:
  gen::Grid grid_;
  std::vector<double> import_price_cny_per_kwh_;  // per step
};

}  // namespace shapan::sim
