// Weather reading and resampling benchmarks (resource module). Run from the
// repository root, which holds data/weather/:
//   ./build/bench/bench_weather
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "shapan/resource/weather.h"

namespace {

constexpr const char* kXiningEpw = "data/weather/CHN_Qinghai.Xining.528660_CSWD.epw";

std::string slurp(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Parsing one 8760-row EPW (1.7 MB) already in memory: CSV splitting, field
// checks, calendar checks and missing-value filling.
void BM_ParseEpwYear(benchmark::State& state) {
  const std::string text = slurp(kXiningEpw);
  if (text.empty()) {
    state.SkipWithError("data/weather/ not found: run from the repository root");
    return;
  }
  for (auto _ : state) {
    auto series =
        shapan::resource::parse_weather(text, kXiningEpw, shapan::resource::WeatherFormat::kEpw);
    benchmark::DoNotOptimize(series.ghi_w_per_m2.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ParseEpwYear)->Unit(benchmark::kMillisecond);

// The same including the file read and format detection.
void BM_ReadEpwFileAuto(benchmark::State& state) {
  for (auto _ : state) {
    auto series =
        shapan::resource::read_weather(kXiningEpw, shapan::resource::WeatherFormat::kAuto);
    benchmark::DoNotOptimize(series.ghi_w_per_m2.data());
  }
}
BENCHMARK(BM_ReadEpwFileAuto)->Unit(benchmark::kMillisecond);

// Laying the year onto 20 years at 15-minute steps (700k steps, 10 fields).
void BM_PrepareTwentyYearsQuarterHourly(benchmark::State& state) {
  const auto file =
      shapan::resource::read_weather(kXiningEpw, shapan::resource::WeatherFormat::kEpw);
  const auto start = shapan::to_timestamp({.year = 2026}, 8.0);
  for (auto _ : state) {
    auto out =
        shapan::resource::prepare_for_simulation(file, start, 20, shapan::Duration::minutes(15));
    benchmark::DoNotOptimize(out.ghi_w_per_m2.data());
  }
}
BENCHMARK(BM_PrepareTwentyYearsQuarterHourly)->Unit(benchmark::kMillisecond);

}  // namespace
