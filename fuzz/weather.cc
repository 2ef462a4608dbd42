// Weather readers (EPW, TMY3, SAM CSV / PSM3, SRW): one target per format,
// chosen at build time with SHAPAN_FUZZ_WEATHER_FORMAT (fuzz/CMakeLists.txt).
// The format is forced, so the fuzzer explores that reader rather than the
// detection; the weather_auto target fuzzes the detection.
#include "shapan/resource/weather.h"

#include <cmath>

#include "fuzz_common.h"
#include "shapan/core/error.h"

namespace {

using shapan::resource::WeatherFormat;

void check_series(const shapan::resource::WeatherSeries& w) {
  const std::size_t n = w.size();
  FUZZ_CHECK(n > 0);
  for (const auto* v : {&w.dni_w_per_m2, &w.dhi_w_per_m2, &w.temp_air_c, &w.temp_dew_c,
                        &w.relative_humidity_percent, &w.pressure_pa, &w.wind_speed_m_per_s,
                        &w.wind_direction_deg, &w.albedo_frac}) {
    FUZZ_CHECK(v->size() == n);
    for (const double x : *v) FUZZ_CHECK(std::isfinite(x));
  }
  for (const double x : w.ghi_w_per_m2) FUZZ_CHECK(std::isfinite(x));
  for (const auto& level : w.wind_levels) {
    FUZZ_CHECK(level.wind_speed_m_per_s.size() == n);
    FUZZ_CHECK(level.wind_direction_deg.size() == n);
    FUZZ_CHECK(level.temp_air_c.empty() || level.temp_air_c.size() == n);
    FUZZ_CHECK(level.pressure_pa.empty() || level.pressure_pa.size() == n);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const WeatherFormat format = WeatherFormat::SHAPAN_FUZZ_WEATHER_FORMAT;
  // SRW detection also looks at the extension; the others ignore it.
  const std::string source = format == WeatherFormat::kSrw ? "fuzz.srw" : "fuzz.csv";
  try {
    check_series(
        shapan::resource::parse_weather(shapan::fuzz::as_text(data, size), source, format));
  } catch (const shapan::InputError&) {
    // The correct answer to bad input.
  }
  return 0;
}
