// Irradiance geometry and decomposition: extraterrestrial irradiance, angle of
// incidence, air mass, and the Erbs split of GHI into beam and diffuse.
//
// These are per-instant functions of plain numbers (they run inside the PV
// chain's inner loop); every name carries its unit. Angles in degrees,
// azimuths clockwise from north (south = 180), irradiance in W/m².
// Thread-safety: pure functions.
#pragma once

#include <algorithm>

#include "shapan/core/time.h"
#include "shapan/gen/solar_position.h"

namespace shapan::gen {

// Solar constant used with the Spencer and SPA distance factors (W/m²), as in
// pvlib's get_extra_radiation.
inline constexpr double kSolarConstantWPerM2 = 1366.1;

// Extraterrestrial normal irradiance on day `day_of_year` (1..366) by Spencer's
// (1971) Fourier series for (R0/R)², times kSolarConstantWPerM2.
double extraterrestrial_dni_spencer_w_per_m2(double day_of_year);

// Extraterrestrial normal irradiance at instant `t`: kSolarConstantWPerM2 / R²
// with R the SPA Earth–sun distance (AU).
double extraterrestrial_dni_w_per_m2(Timestamp t);
// The same from a computed sun position's Earth–sun distance (no new SPA
// series evaluation): kSolarConstantWPerM2 / sun.earth_radius_au².
double extraterrestrial_dni_w_per_m2(const SunPosition& sun);

// Cosine of the angle between the sun and the normal of a surface tilted
// `surface_tilt_deg` from horizontal and facing `surface_azimuth_deg`. May be
// negative (sun behind the surface).
double cos_aoi(double surface_tilt_deg, double surface_azimuth_deg, double sun_zenith_deg,
               double sun_azimuth_deg);
// The same from the cosines and sines of the plane's tilt and the sun's zenith
// and the cosine of their azimuths' difference (sun − surface), for callers
// that hold them already: what cos_aoi() computes from the angles.
inline double cos_aoi_from_cosines(double cos_tilt, double sin_tilt, double cos_zenith,
                                   double sin_zenith, double cos_azimuth_difference) {
  const double v = cos_tilt * cos_zenith + sin_tilt * sin_zenith * cos_azimuth_difference;
  return std::clamp(v, -1.0, 1.0);
}
// The angle itself, 0..180 degrees.
double aoi_deg(double surface_tilt_deg, double surface_azimuth_deg, double sun_zenith_deg,
               double sun_azimuth_deg);

// Relative optical air mass by Kasten & Young (1989), Applied Optics 28(22):
//   AM = 1 / (cos z + 0.50572·(96.07995 − z)^−1.6364), z = apparent zenith.
// NaN when the sun is below the horizon (z > 90).
double relative_airmass_kasten_young(double apparent_zenith_deg);
// The same, for a caller that has cos z at hand (the same value when
// cos_zenith = cos(apparent_zenith_deg·π/180)).
double relative_airmass_kasten_young_cos(double apparent_zenith_deg, double cos_zenith);

// Clearness index kt = GHI / (E0n·max(cos z, 0.065)), clipped to 0..1 (pvlib's
// clearness_index defaults).
double clearness_index(double ghi_w_per_m2, double zenith_deg, double dni_extra_w_per_m2);

struct BeamDiffuse {
  double dni_w_per_m2 = 0.0;
  double dhi_w_per_m2 = 0.0;
  double kt = 0.0;  // clearness index used
};

// Erbs, Klein & Duffie (1982), Solar Energy 28(4): diffuse fraction from kt,
//   kt <= 0.22: 1 − 0.09 kt;  0.22 < kt <= 0.8: 0.9511 − 0.1604 kt + 4.388 kt²
//   − 16.638 kt³ + 12.336 kt⁴;  kt > 0.8: 0.165.
// DNI = (GHI − DHI)/cos z; for z > 87°, or a negative result, DNI = 0 and
// DHI = GHI (as pvlib does, so that GHI = DNI·cos z + DHI still holds).
BeamDiffuse erbs(double ghi_w_per_m2, double zenith_deg, double dni_extra_w_per_m2);

}  // namespace shapan::gen
