// One-year hourly series CSVs (resource::parse_hourly_series): the IT load
// file (it_load target: column cpu_load, no time column, as
// examples/qinghai_base.toml reads it) and the grid carbon-intensity file
// (carbon target: a value column and an ISO 8601 time column, as
// data/grid/US-CAL-CISO_2023 is read). SHAPAN_FUZZ_HOURLY_CARBON picks.
#include <cmath>

#include "fuzz_common.h"
#include "shapan/core/error.h"
#include "shapan/resource/series.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
#if SHAPAN_FUZZ_HOURLY_CARBON
  const shapan::resource::HourlySeriesOptions options{
      .value_column = "Carbon Intensity gCO₂eq/kWh (direct)",
      .time_column = "Datetime (UTC)",
      .time_utc_offset_h = 0.0,
      .site_utc_offset_h = 8.0};
#else
  const shapan::resource::HourlySeriesOptions options{.value_column = "cpu_load",
                                                      .time_column = "",
                                                      .time_utc_offset_h = 0.0,
                                                      .site_utc_offset_h = 8.0};
#endif
  try {
    const shapan::resource::HourlyYear year = shapan::resource::parse_hourly_series(
        shapan::fuzz::as_text(data, size), "fuzz.csv", options);
    FUZZ_CHECK(year.values.size() == 8760);
    for (const double v : year.values) FUZZ_CHECK(std::isfinite(v));
  } catch (const shapan::InputError&) {
  }
  return 0;
}
