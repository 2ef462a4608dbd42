// A custom turbine power curve (gen::read_power_curve_csv, a path reader: the
// input goes through a scratch file), and the turbine library's lookup by
// name (the input's first line).
#include "shapan/gen/power_curve.h"

#include <cmath>

#include "fuzz_common.h"
#include "shapan/core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = shapan::fuzz::as_text(data, size);
  (void)shapan::gen::find_turbine(text.substr(0, text.find('\n')));
  try {
    const shapan::gen::PowerCurve curve =
        shapan::gen::read_power_curve_csv(shapan::fuzz::scratch_file(text));
    FUZZ_CHECK(curve.wind_speed_m_per_s.size() == curve.power_kw.size());
    for (std::size_t i = 0; i < curve.power_kw.size(); ++i) {
      FUZZ_CHECK(std::isfinite(curve.power_kw[i]) && curve.power_kw[i] >= 0.0);
      FUZZ_CHECK(i == 0 || curve.wind_speed_m_per_s[i] > curve.wind_speed_m_per_s[i - 1]);
    }
    FUZZ_CHECK(curve.check().empty());
    // The curve is then used as the simulation uses it.
    const shapan::gen::DensityCorrectedCurve corrected(curve);
    for (const double v : {0.0, 3.5, 12.0, 30.0}) {
      FUZZ_CHECK(std::isfinite(shapan::gen::power_curve_kw(curve, v)));
      FUZZ_CHECK(std::isfinite(corrected.power_kw(v, 1.0)));
    }
  } catch (const shapan::InputError&) {
  }
  return 0;
}
