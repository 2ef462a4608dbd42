// Monthly river inflow CSV (resource::parse_monthly_inflow), then the
// climatology the simulation takes from it.
#include <cmath>

#include "fuzz_common.h"
#include "shapan/core/error.h"
#include "shapan/resource/inflow.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const shapan::resource::MonthlyInflowSeries s =
        shapan::resource::parse_monthly_inflow(shapan::fuzz::as_text(data, size), "fuzz.csv");
    for (std::size_t i = 0; i < s.months.size(); ++i) {
      const auto& m = s.months[i];
      FUZZ_CHECK(m.month >= 1 && m.month <= 12);
      FUZZ_CHECK(std::isfinite(m.flow_m3_per_s) && m.flow_m3_per_s >= 0.0);
      if (i > 0) {
        const auto& p = s.months[i - 1];
        FUZZ_CHECK(p.year * 12 + p.month + 1 == m.year * 12 + m.month);
      }
    }
    for (const double q : shapan::resource::typical_monthly_flow_m3_per_s(s)) {
      FUZZ_CHECK(std::isfinite(q) && q >= 0.0);
    }
    if (!s.months.empty()) {
      (void)shapan::resource::monthly_flow_of_year_m3_per_s(s, s.months.front().year);
    }
  } catch (const shapan::InputError&) {
  }
  return 0;
}
