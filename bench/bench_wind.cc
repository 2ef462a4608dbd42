// Wind farm simulation speed: a 50-turbine farm over one year, hourly and at
// one-minute steps (log profile, ideal-gas density, IEC density correction).
// Run: build/bench/bench_wind
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "shapan/gen/wind.h"

namespace {

// A deterministic year of weather: diurnal and synoptic wind cycles plus
// pseudo-random gusts (fixed-seed LCG), so runs are comparable.
shapan::resource::WeatherSeries synthetic_year(shapan::Duration step) {
  shapan::resource::WeatherSeries w;
  w.source = "bench synthetic";
  w.step = step;
  w.wind_height_m = 10.0;
  const auto n = static_cast<std::size_t>(std::int64_t{365} * 86400 / step.in_seconds());
  w.wind_speed_m_per_s.resize(n);
  w.temp_air_c.resize(n);
  w.pressure_pa.resize(n);
  std::uint64_t state = 42;
  const double hours_per_step = step.in_hours();
  for (std::size_t i = 0; i < n; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double noise = static_cast<double>(state >> 11) / 9007199254740992.0 - 0.5;
    const double h = static_cast<double>(i) * hours_per_step;
    w.wind_speed_m_per_s[i] =
        std::max(0.0, 5.5 + 1.5 * std::sin(h * 2.0 * std::numbers::pi / 24.0) +
                          2.5 * std::sin(h * 2.0 * std::numbers::pi / 120.0) + 3.0 * noise);
    w.temp_air_c[i] = 5.0 + 10.0 * std::sin(h * 2.0 * std::numbers::pi / 8760.0);
    w.pressure_pa[i] = 75000.0 + 500.0 * std::sin(h * 2.0 * std::numbers::pi / 200.0);
  }
  return w;
}

shapan::gen::WindParams farm_of_50() {
  return shapan::gen::WindParams{.name = "bench",
                                 .turbine = *shapan::gen::find_turbine("NREL-2019COE-2.6MW-121"),
                                 .count = 50,
                                 .wake_loss_percent = 8.0,
                                 .availability_percent = 97.0,
                                 .electrical_loss_percent = 2.0};
}

void run(benchmark::State& state, shapan::Duration step) {
  const auto weather = synthetic_year(step);
  const auto params = farm_of_50();
  const shapan::Site site{.name = "bench", .elevation_m = 2500.0};
  for (auto _ : state) {
    auto out = shapan::gen::simulate_wind(params, site, weather);
    benchmark::DoNotOptimize(out.ac_kw.data());
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<std::int64_t>(weather.wind_speed_m_per_s.size()));
}

void BM_WindFarm50YearHourly(benchmark::State& state) { run(state, shapan::Duration::hours(1)); }
void BM_WindFarm50YearMinute(benchmark::State& state) { run(state, shapan::Duration::minutes(1)); }

BENCHMARK(BM_WindFarm50YearHourly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WindFarm50YearMinute)->Unit(benchmark::kMillisecond);

}  // namespace
