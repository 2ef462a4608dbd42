// Transposition: irradiance on a tilted plane from beam and diffuse horizontal
// irradiance. Sky-diffuse models isotropic (Liu & Jordan), Hay–Davies and
// Perez (1990), plus ground-reflected irradiance.
//
// Inputs are plain numbers with units in their names: irradiance W/m², angles
// degrees, azimuth clockwise from north. The sun angles are the *apparent*
// (refraction-corrected) zenith and the azimuth, as pvlib uses them.
// Thread-safety: pure functions.
#pragma once

namespace shapan::gen {

// Sky-diffuse irradiance on the plane, split into its parts. The horizon part
// of Perez may be negative; total() is never negative (models clip it at 0).
struct SkyDiffuse {
  double isotropic_w_per_m2 = 0.0;
  double circumsolar_w_per_m2 = 0.0;
  double horizon_w_per_m2 = 0.0;
  double total_w_per_m2 = 0.0;
};

// Where the plane faces and where the sun is.
struct PlaneAndSun {
  double surface_tilt_deg = 0.0;
  double surface_azimuth_deg = 180.0;
  double sun_zenith_deg = 0.0;  // apparent
  double sun_azimuth_deg = 180.0;
};

// The same geometry as the cosines the models use; built once per step by the
// simulation (and by the overloads below that take PlaneAndSun).
struct PlaneSunCosines {
  double cos_aoi = 1.0;     // may be negative (sun behind the plane)
  double cos_zenith = 1.0;  // apparent zenith
  double zenith_rad = 0.0;
  double cos_tilt = 1.0;
  double sin_tilt = 0.0;
};
PlaneSunCosines plane_sun_cosines(const PlaneAndSun& g);

// Isotropic sky: DHI·(1 + cos β)/2.
double isotropic_sky_w_per_m2(double surface_tilt_deg, double dhi_w_per_m2);
// The same from the plane's cosines (c.cos_tilt only). Inline: simulate_pv's
// inner loop calls it.
inline double isotropic_sky_w_per_m2(const PlaneSunCosines& c, double dhi_w_per_m2) {
  return dhi_w_per_m2 * (1.0 + c.cos_tilt) / 2.0;
}

// Hay & Davies (1980): anisotropy index Ai = DNI/E0n; circumsolar DHI·Ai·Rb,
// isotropic DHI·(1 − Ai)·(1 + cos β)/2, with Rb = max(cos θ, 0)/max(cos z,
// cos 89°).
SkyDiffuse hay_davies_sky(const PlaneAndSun& g, double dhi_w_per_m2, double dni_w_per_m2,
                          double dni_extra_w_per_m2);
SkyDiffuse hay_davies_sky(const PlaneSunCosines& c, double dhi_w_per_m2, double dni_w_per_m2,
                          double dni_extra_w_per_m2);

// Perez, Ineichen, Seals, Michalsky & Stewart (1990), Solar Energy 44(5),
// 271–289, with the coefficient set "allsitescomposite1990" (their Table 6).
// Clearness ε = ((DHI + DNI)/DHI + κz³)/(1 + κz³), κ = 1.041, z in radians;
// brightness Δ = DHI·AM/E0n; F1 = max(0, f11 + f12Δ + f13z), F2 = f21 + f22Δ + f23z;
// sky = DHI·[(1 − F1)(1 + cos β)/2 + F1·a/b + F2·sin β], a = max(cos θ, 0),
// b = max(cos z, cos 85°). `relative_airmass` is Kasten–Young on the apparent
// zenith. DHI <= 0 gives all zeros.
SkyDiffuse perez_sky(const PlaneAndSun& g, double dhi_w_per_m2, double dni_w_per_m2,
                     double dni_extra_w_per_m2, double relative_airmass);
SkyDiffuse perez_sky(const PlaneSunCosines& c, double dhi_w_per_m2, double dni_w_per_m2,
                     double dni_extra_w_per_m2, double relative_airmass);

// Ground-reflected irradiance on the plane: GHI·albedo·(1 − cos β)/2.
double ground_reflected_w_per_m2(double surface_tilt_deg, double ghi_w_per_m2, double albedo_frac);
// The same from the plane's cosines (c.cos_tilt only). Inline: simulate_pv's
// inner loop calls it.
inline double ground_reflected_w_per_m2(const PlaneSunCosines& c, double ghi_w_per_m2,
                                        double albedo_frac) {
  return ghi_w_per_m2 * albedo_frac * (1.0 - c.cos_tilt) / 2.0;
}

}  // namespace shapan::gen
