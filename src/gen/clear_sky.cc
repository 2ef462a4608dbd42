#include "shapan/gen/clear_sky.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "shapan/core/standard_conditions.h"
#include "shapan/gen/irradiance.h"

namespace shapan::gen {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

}  // namespace

ClearSky ineichen_perez(double apparent_zenith_deg, double airmass_absolute, double linke_turbidity,
                        double altitude_m, double dni_extra_w_per_m2, bool perez_enhancement) {
  const double cos_z = std::max(std::cos(apparent_zenith_deg * kDegToRad), 0.0);
  const double tl = linke_turbidity;
  const double h = altitude_m;
  // Altitude corrections (Ineichen & Perez 2002, eq. 11 and appendix).
  const double fh1 = std::exp(-h / 8000.0);
  const double fh2 = std::exp(-h / 1250.0);
  const double cg1 = 5.09e-05 * h + 0.868;
  const double cg2 = 3.92e-05 * h + 0.0387;
  // A NaN air mass means "sun down": like pvlib (np.fmax), read it as 0
  // irradiance; NaN in the other inputs propagates.
  double g = std::exp(-cg2 * airmass_absolute * (fh1 + fh2 * (tl - 1.0)));
  if (perez_enhancement) g *= std::exp(0.01 * std::pow(airmass_absolute, 1.8));
  if (std::isnan(airmass_absolute)) g = 0.0;
  // The GHI form is the one of Perez et al. 2002 p. 311 (fh2·(TL − 1); the
  // 2002a paper prints fh2 − (TL − 1), a known typo).
  const double ghi = cg1 * dni_extra_w_per_m2 * cos_z * (tl / tl) * std::max(g, 0.0);

  // Beam: b = 0.664 + 0.163/fh1 (Ineichen & Perez 2002 eq. 8; pvlib PR 808).
  const double b = 0.664 + 0.163 / fh1;
  double bnci = b * std::exp(-0.09 * airmass_absolute * (tl - 1.0));
  if (std::isnan(airmass_absolute)) bnci = 0.0;
  bnci = dni_extra_w_per_m2 * std::max(bnci, 0.0);
  // Empirical limit on the beam from the global (SE 73, 157 and 312): the
  // diffuse part never falls below what the turbidity implies.
  double ratio = (1.0 - (0.1 - 0.2 * std::exp(-tl)) / (0.1 + 0.882 / fh1)) / cos_z;
  ratio = std::min(std::max(ratio, 0.0), 1e20);  // cos z = 0 gives +inf: held at 1e20
  const double bnci_2 = ghi * ratio;
  const double dni = std::min(bnci, bnci_2);
  ClearSky out;
  out.ghi_w_per_m2 = ghi;
  out.dni_w_per_m2 =
      std::isnan(bnci) || std::isnan(bnci_2) ? std::numeric_limits<double>::quiet_NaN() : dni;
  out.dhi_w_per_m2 = ghi - out.dni_w_per_m2 * cos_z;
  return out;
}

double altitude_to_pressure_pa(double altitude_m) {
  return 100.0 * std::pow((44331.514 - altitude_m) / 11880.516, 1.0 / 0.1902632);
}

ClearSky clear_sky_ineichen(double apparent_zenith_deg, double altitude_m, double linke_turbidity,
                            double dni_extra_w_per_m2) {
  if (!(apparent_zenith_deg < 90.0)) return {};
  const double am = relative_airmass_kasten_young(apparent_zenith_deg) *
                    altitude_to_pressure_pa(altitude_m) / kStandardPressurePa;
  return ineichen_perez(apparent_zenith_deg, am, linke_turbidity, altitude_m, dni_extra_w_per_m2);
}

std::vector<FieldIssue> LinkeTurbidity::check() const {
  FieldChecker c;
  c.in_range("linke_turbidity", constant, 1.0, 10.0);
  c.expect(monthly.empty() || monthly.size() == 12, "linke_turbidity_monthly",
           "has " + std::to_string(monthly.size()) + " values: give 12 (January to December)");
  for (std::size_t i = 0; i < monthly.size(); ++i) {
    c.in_range("linke_turbidity_monthly." + std::to_string(i), monthly[i], 1.0, 10.0);
  }
  return c.issues();
}

double LinkeTurbidity::on_day(double day_of_year) const {
  if (monthly.size() != 12) return constant;
  // Mid-month days of a 365-day year; value k belongs to mid_day[k].
  static constexpr std::array<double, 12> kMidDay = {15.5,  45.0,  74.5,  105.0, 135.5, 166.0,
                                                     196.5, 227.5, 258.0, 288.5, 319.0, 349.5};
  const double d = std::clamp(day_of_year, 1.0, 366.0);
  if (d < kMidDay[0] || d >= kMidDay[11]) {
    // Between mid-December and mid-January, across the year's end.
    const double span = kMidDay[0] + 365.0 - kMidDay[11];
    const double since = d >= kMidDay[11] ? d - kMidDay[11] : d + 365.0 - kMidDay[11];
    return monthly[11] + (monthly[0] - monthly[11]) * since / span;
  }
  std::size_t k = 0;
  while (k + 1 < 12 && d >= kMidDay[k + 1]) ++k;
  return monthly[k] +
         (monthly[k + 1] - monthly[k]) * (d - kMidDay[k]) / (kMidDay[k + 1] - kMidDay[k]);
}

}  // namespace shapan::gen
