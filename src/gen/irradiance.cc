#include "shapan/gen/irradiance.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "spa_detail.h"

namespace shapan::gen {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

}  // namespace

double extraterrestrial_dni_spencer_w_per_m2(double day_of_year) {
  // Spencer (1971), Search 2(5): (R0/R)² as a Fourier series in the day angle.
  // cos 2B and sin 2B by the double-angle formulas: one sine/cosine pair.
  const double b = 2.0 * std::numbers::pi * (day_of_year - 1.0) / 365.0;
  const double c = std::cos(b);
  const double s = std::sin(b);
  const double factor = 1.00011 + 0.034221 * c + 0.00128 * s + 0.000719 * (2.0 * c * c - 1.0) +
                        0.000077 * (2.0 * s * c);
  return kSolarConstantWPerM2 * factor;
}

double extraterrestrial_dni_w_per_m2(Timestamp t) {
  // ΔT only moves R by ~1e-9 AU; the SPA's default of 69 s is used.
  const double jme = spa_detail::julian_times(t.julian_day(), 69.0).jme;
  const double r = spa_detail::earth_radius_vector_au(jme);
  return kSolarConstantWPerM2 / (r * r);
}

double extraterrestrial_dni_w_per_m2(const SunPosition& sun) {
  return kSolarConstantWPerM2 / (sun.earth_radius_au * sun.earth_radius_au);
}

double cos_aoi(double surface_tilt_deg, double surface_azimuth_deg, double sun_zenith_deg,
               double sun_azimuth_deg) {
  // Unit vectors of the surface normal and the sun, dotted.
  const double st = surface_tilt_deg * kDegToRad;
  const double sz = sun_zenith_deg * kDegToRad;
  return cos_aoi_from_cosines(std::cos(st), std::sin(st), std::cos(sz), std::sin(sz),
                              std::cos((sun_azimuth_deg - surface_azimuth_deg) * kDegToRad));
}

double aoi_deg(double surface_tilt_deg, double surface_azimuth_deg, double sun_zenith_deg,
               double sun_azimuth_deg) {
  return std::acos(
             cos_aoi(surface_tilt_deg, surface_azimuth_deg, sun_zenith_deg, sun_azimuth_deg)) /
         kDegToRad;
}

double relative_airmass_kasten_young(double apparent_zenith_deg) {
  return relative_airmass_kasten_young_cos(apparent_zenith_deg,
                                           std::cos(apparent_zenith_deg * kDegToRad));
}

double relative_airmass_kasten_young_cos(double apparent_zenith_deg, double cos_zenith) {
  if (!(apparent_zenith_deg <= 90.0)) return std::numeric_limits<double>::quiet_NaN();
  return 1.0 / (cos_zenith + 0.50572 * std::pow(96.07995 - apparent_zenith_deg, -1.6364));
}

double clearness_index(double ghi_w_per_m2, double zenith_deg, double dni_extra_w_per_m2) {
  const double cos_z = std::max(std::cos(zenith_deg * kDegToRad), 0.065);
  const double kt = ghi_w_per_m2 / (dni_extra_w_per_m2 * cos_z);
  return std::clamp(kt, 0.0, 1.0);
}

BeamDiffuse erbs(double ghi_w_per_m2, double zenith_deg, double dni_extra_w_per_m2) {
  BeamDiffuse out;
  out.kt = clearness_index(ghi_w_per_m2, zenith_deg, dni_extra_w_per_m2);
  const double kt = out.kt;
  double df;
  if (kt <= 0.22) {
    df = 1.0 - 0.09 * kt;
  } else if (kt <= 0.8) {
    df = 0.9511 + kt * (-0.1604 + kt * (4.388 + kt * (-16.638 + kt * 12.336)));
  } else {
    df = 0.165;
  }
  out.dhi_w_per_m2 = df * ghi_w_per_m2;
  out.dni_w_per_m2 = (ghi_w_per_m2 - out.dhi_w_per_m2) / std::cos(zenith_deg * kDegToRad);
  if (zenith_deg > 87.0 || ghi_w_per_m2 < 0.0 || out.dni_w_per_m2 < 0.0) {
    out.dni_w_per_m2 = 0.0;
    out.dhi_w_per_m2 = ghi_w_per_m2;
  }
  return out;
}

}  // namespace shapan::gen
