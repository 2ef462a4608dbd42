// Daily river inflow, CAMELS-US layout (resource::parse_camels_daily).
#include <cmath>

#include "fuzz_common.h"
#include "shapan/core/error.h"
#include "shapan/resource/daily_inflow.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const shapan::resource::DailyInflowSeries s =
        shapan::resource::parse_camels_daily(shapan::fuzz::as_text(data, size), "fuzz.txt");
    for (const auto& d : s.days) {
      FUZZ_CHECK(d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31);
      FUZZ_CHECK(std::isfinite(d.flow_m3_per_s) && d.flow_m3_per_s >= 0.0);
    }
  } catch (const shapan::InputError&) {
  }
  return 0;
}
