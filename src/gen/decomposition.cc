#include "shapan/gen/decomposition.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "shapan/gen/irradiance.h"

namespace shapan::gen {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;
// DISC's extraterrestrial irradiance uses 1370 W/m² (Maxwell's worksheet).
constexpr double kDiscSolarConstantWPerM2 = 1370.0;

}  // namespace

double relative_airmass_kasten_1966(double zenith_deg) {
  if (!(zenith_deg <= 90.0)) return std::numeric_limits<double>::quiet_NaN();
  return 1.0 / (std::cos(zenith_deg * kDegToRad) + 0.15 * std::pow(93.885 - zenith_deg, -1.253));
}

DiscResult disc(double ghi_w_per_m2, double zenith_deg, double day_of_year, double pressure_pa,
                const DiscOptions& options) {
  // Spencer's series is shared with extraterrestrial_dni_spencer_w_per_m2;
  // only the solar constant differs.
  const double i0 = extraterrestrial_dni_spencer_w_per_m2(day_of_year) / kSolarConstantWPerM2 *
                    kDiscSolarConstantWPerM2;
  DiscResult out;
  const double cos_z = std::max(std::cos(zenith_deg * kDegToRad), options.min_cos_zenith);
  out.kt = std::clamp(ghi_w_per_m2 / (i0 * cos_z), 0.0, 1.0);
  const double kt = out.kt;
  double am = relative_airmass_kasten_1966(zenith_deg);
  if (pressure_pa > 0.0) am *= pressure_pa / 101325.0;
  am = std::min(am, options.max_airmass);  // NaN (sun down) stays NaN
  out.airmass = am;

  // Maxwell's fit of ΔKn, Horner form; the break at kt = 0.6 separates
  // cloudy from clear skies.
  double a, b, c;
  if (kt <= 0.6) {
    a = 0.512 + kt * (-1.56 + kt * (2.286 - 2.222 * kt));
    b = 0.37 + 0.962 * kt;
    c = -0.28 + kt * (0.932 - 2.048 * kt);
  } else {
    a = -5.743 + kt * (21.77 + kt * (-27.49 + 11.56 * kt));
    b = 41.4 + kt * (-118.5 + kt * (66.05 + 31.9 * kt));
    c = -47.01 + kt * (184.2 + kt * (-222.0 + 73.81 * kt));
  }
  const double delta_kn = a + b * std::exp(c * am);
  // Clear-sky beam transmittance vs air mass.
  const double knc = 0.866 + am * (-0.122 + am * (0.0121 + am * (-0.000653 + 1.4e-05 * am)));
  double dni = (knc - delta_kn) * i0;
  if (zenith_deg > options.max_zenith_deg || ghi_w_per_m2 < 0.0 || dni < 0.0) dni = 0.0;
  out.dni_w_per_m2 = dni;
  out.dhi_w_per_m2 = ghi_w_per_m2 - dni * std::cos(zenith_deg * kDegToRad);
  return out;
}

}  // namespace shapan::gen
