// PV benchmarks: sun positions for a year at 1-minute steps, and the whole
// PVWatts chain (orientation, Perez, IAM, Fuentes, DC, inverter) for a year at
// hourly and 1-minute steps once the positions are known. Weather is synthetic
// (a clear-sky-like day shape from the sun's zenith, daily temperature cycle).
// Counters: steps/s ("items_per_second").
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "shapan/gen/pv.h"
#include "shapan/gen/solar_position.h"

namespace {

using shapan::Duration;
using shapan::Site;
using shapan::Timestamp;
using shapan::gen::SunPosition;

const Site kSite{.name = "Golmud",
                 .latitude_deg = 36.4,
                 .longitude_deg = 94.9,
                 .elevation_m = 2800.0,
                 .utc_offset_h = 8.0};

shapan::resource::WeatherSeries synthetic_year(Duration step) {
  shapan::resource::WeatherSeries w;
  w.start = shapan::to_timestamp({.year = 2025, .month = 1, .day = 1}, 8.0);
  w.step = step;
  w.location.utc_offset_h = 8.0;
  const auto n = static_cast<std::size_t>(Duration::days(365).in_seconds() / step.in_seconds());
  const std::vector<SunPosition> sun = shapan::gen::sun_at_interval_midpoints(kSite, [&] {
    shapan::resource::WeatherSeries shape = w;
    shape.ghi_w_per_m2.assign(n, 0.0);
    return shape;
  }());
  for (std::size_t i = 0; i < n; ++i) {
    const double cz = std::cos(sun[i].zenith_deg * M_PI / 180.0);
    const double dni = cz > 0.0 ? 950.0 * std::pow(cz, 0.25) : 0.0;
    const double dhi = cz > 0.0 ? 60.0 + 60.0 * cz : 0.0;
    const double hour = static_cast<double>(i) * step.in_hours();
    w.dni_w_per_m2.push_back(dni);
    w.dhi_w_per_m2.push_back(dhi);
    w.ghi_w_per_m2.push_back(dni * std::max(cz, 0.0) + dhi);
    w.temp_air_c.push_back(5.0 + 10.0 * std::sin(2.0 * M_PI * (hour / 24.0 - 0.375)));
    w.wind_speed_m_per_s.push_back(3.0 + std::sin(hour / 7.0));
  }
  const std::size_t m = w.ghi_w_per_m2.size();
  w.temp_dew_c.assign(m, -5.0);
  w.relative_humidity_percent.assign(m, 40.0);
  w.pressure_pa.assign(m, 72000.0);
  w.wind_direction_deg.assign(m, 270.0);
  return w;
}

void BM_SolarPositionsYearMinute(benchmark::State& state) {
  std::vector<Timestamp> times;
  const Timestamp start = shapan::to_timestamp({.year = 2025, .month = 1, .day = 1}, 8.0);
  for (std::int64_t i = 0; i < std::int64_t{365} * 1440; ++i)
    times.push_back(start + Duration::minutes(i));
  for (auto _ : state) {
    std::vector<SunPosition> sun = shapan::gen::solar_positions(kSite, times);
    benchmark::DoNotOptimize(sun.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(times.size()));
}
BENCHMARK(BM_SolarPositionsYearMinute)->Unit(benchmark::kMillisecond);

void BM_SolarPositionExact(benchmark::State& state) {
  Timestamp t = shapan::to_timestamp({.year = 2025, .month = 6, .day = 1}, 8.0);
  for (auto _ : state) {
    benchmark::DoNotOptimize(shapan::gen::solar_position(kSite, t));
    t = t + Duration::minutes(1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SolarPositionExact);

void run_chain(benchmark::State& state, Duration step, shapan::gen::ArrayType type) {
  const shapan::resource::WeatherSeries w = synthetic_year(step);
  const std::vector<SunPosition> sun = shapan::gen::sun_at_interval_midpoints(kSite, w);
  shapan::gen::PvParams p;
  p.dc_capacity_kw = 100000.0;
  p.tilt_deg = 30.0;
  p.array_type = type;
  for (auto _ : state) {
    shapan::gen::PvSeries s = shapan::gen::simulate_pv(p, w, sun);
    benchmark::DoNotOptimize(s.ac_kw.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(w.size()));
}

void BM_PvChainYearHourly(benchmark::State& state) {
  run_chain(state, Duration::hours(1), shapan::gen::ArrayType::kFixedOpenRack);
}
BENCHMARK(BM_PvChainYearHourly)->Unit(benchmark::kMillisecond);

void BM_PvChainYearMinute(benchmark::State& state) {
  run_chain(state, Duration::minutes(1), shapan::gen::ArrayType::kFixedOpenRack);
}
BENCHMARK(BM_PvChainYearMinute)->Unit(benchmark::kMillisecond);

void BM_PvChainYearMinuteBacktracking(benchmark::State& state) {
  run_chain(state, Duration::minutes(1), shapan::gen::ArrayType::kSingleAxisBacktracking);
}
BENCHMARK(BM_PvChainYearMinuteBacktracking)->Unit(benchmark::kMillisecond);

}  // namespace
