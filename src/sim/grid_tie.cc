#include "grid_tie.h"

namespace shapan::sim {
namespace {

// The import price of every step. It changes by local hour and month, so it
// is looked up again only when a step enters a new local hour.
std::vector<double> tariff_by_step(const gen::Grid& grid, const resource::WeatherSeries& weather,
                                   double utc_offset_h) {
  std::vector<double> out;
  out.reserve(weather.size());
  CivilClock clock(utc_offset_h);
  double price_cny_per_kwh = 0.0;
  for (std::size_t i = 0; i < weather.size(); ++i) {
    if (clock.enter_local_hour(weather.interval_start(i))) {
      price_cny_per_kwh = grid.import_price(clock.local_hour()).in_cny_per_kwh();
    }
    out.push_back(price_cny_per_kwh);
  }
  return out;
}

}  // namespace

GridTie::GridTie(const gen::GridParams& params, const resource::WeatherSeries& weather,
                 double utc_offset_h)
    : grid_(params), import_price_cny_per_kwh_(tariff_by_step(grid_, weather, utc_offset_h)) {}

}  // namespace shapan::sim
