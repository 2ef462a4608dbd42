#include "shapan/gen/transposition.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "shapan/gen/irradiance.h"

namespace shapan::gen {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

// Perez et al. (1990), Solar Energy 44(5), Table 6, "allsitescomposite1990":
// per clearness bin, f11 f12 f13 f21 f22 f23. Bin upper edges of ε:
// 1.065, 1.23, 1.5, 1.95, 2.8, 4.5, 6.2, ∞.
constexpr double kAllSitesComposite1990[8][6] = {
    {-0.0080, 0.5880, -0.0620, -0.0600, 0.0720, -0.0220},
    {0.1300, 0.6830, -0.1510, -0.0190, 0.0660, -0.0290},
    {0.3300, 0.4870, -0.2210, 0.0550, -0.0640, -0.0260},
    {0.5680, 0.1870, -0.2950, 0.1090, -0.1520, -0.0140},
    {0.8730, -0.3920, -0.3620, 0.2260, -0.4620, 0.0010},
    {1.1320, -1.2370, -0.4120, 0.2880, -0.8230, 0.0560},
    {1.0600, -1.6000, -0.3590, 0.2640, -1.1270, 0.1310},
    {0.6780, -0.3270, -0.2500, 0.1560, -1.3770, 0.2510},
};
constexpr double kEpsilonBinEdges[7] = {1.065, 1.23, 1.5, 1.95, 2.8, 4.5, 6.2};

}  // namespace

double isotropic_sky_w_per_m2(double surface_tilt_deg, double dhi_w_per_m2) {
  return isotropic_sky_w_per_m2(PlaneSunCosines{.cos_tilt = std::cos(surface_tilt_deg * kDegToRad)},
                                dhi_w_per_m2);
}

PlaneSunCosines plane_sun_cosines(const PlaneAndSun& g) {
  const double tilt = g.surface_tilt_deg * kDegToRad;
  const double z = g.sun_zenith_deg * kDegToRad;
  return {.cos_aoi = cos_aoi(g.surface_tilt_deg, g.surface_azimuth_deg, g.sun_zenith_deg,
                             g.sun_azimuth_deg),
          .cos_zenith = std::cos(z),
          .zenith_rad = z,
          .cos_tilt = std::cos(tilt),
          .sin_tilt = std::sin(tilt)};
}

SkyDiffuse hay_davies_sky(const PlaneAndSun& g, double dhi_w_per_m2, double dni_w_per_m2,
                          double dni_extra_w_per_m2) {
  return hay_davies_sky(plane_sun_cosines(g), dhi_w_per_m2, dni_w_per_m2, dni_extra_w_per_m2);
}

SkyDiffuse hay_davies_sky(const PlaneSunCosines& c, double dhi_w_per_m2, double dni_w_per_m2,
                          double dni_extra_w_per_m2) {
  SkyDiffuse out;
  // cos 89° keeps Rb finite near the horizon.
  const double rb = std::max(c.cos_aoi, 0.0) / std::max(c.cos_zenith, 0.01745240643728351);
  const double ai = dni_w_per_m2 / dni_extra_w_per_m2;
  out.isotropic_w_per_m2 = std::max(dhi_w_per_m2 * (1.0 - ai) * (1.0 + c.cos_tilt) / 2.0, 0.0);
  out.circumsolar_w_per_m2 = std::max(dhi_w_per_m2 * ai * rb, 0.0);
  out.total_w_per_m2 = out.isotropic_w_per_m2 + out.circumsolar_w_per_m2;
  return out;
}

SkyDiffuse perez_sky(const PlaneAndSun& g, double dhi_w_per_m2, double dni_w_per_m2,
                     double dni_extra_w_per_m2, double relative_airmass) {
  if (!(g.sun_zenith_deg <= 90.0)) return {};
  return perez_sky(plane_sun_cosines(g), dhi_w_per_m2, dni_w_per_m2, dni_extra_w_per_m2,
                   relative_airmass);
}

SkyDiffuse perez_sky(const PlaneSunCosines& c, double dhi_w_per_m2, double dni_w_per_m2,
                     double dni_extra_w_per_m2, double relative_airmass) {
  SkyDiffuse out;
  if (!(dhi_w_per_m2 > 0.0) || !(c.cos_zenith >= 0.0)) return out;
  const double z = c.zenith_rad;
  const double kz3 = 1.041 * z * z * z;
  const double eps = ((dhi_w_per_m2 + dni_w_per_m2) / dhi_w_per_m2 + kz3) / (1.0 + kz3);
  const double delta = dhi_w_per_m2 * relative_airmass / dni_extra_w_per_m2;
  if (std::isnan(eps) || std::isnan(delta)) {  // missing input: say so, don't guess a bin
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan, nan, nan};
  }
  // upper_bound puts ε equal to an edge in the higher bin, as numpy.digitize.
  const auto bin = std::upper_bound(std::begin(kEpsilonBinEdges), std::end(kEpsilonBinEdges), eps) -
                   std::begin(kEpsilonBinEdges);
  const double* f = kAllSitesComposite1990[bin];
  const double f1 = std::max(f[0] + f[1] * delta + f[2] * z, 0.0);
  const double f2 = f[3] + f[4] * delta + f[5] * z;
  const double a = std::max(c.cos_aoi, 0.0);
  const double b = std::max(c.cos_zenith, 0.08715574274765817);  // cos 85°
  out.isotropic_w_per_m2 = dhi_w_per_m2 * 0.5 * (1.0 - f1) * (1.0 + c.cos_tilt);
  out.circumsolar_w_per_m2 = dhi_w_per_m2 * f1 * a / b;
  out.horizon_w_per_m2 = dhi_w_per_m2 * f2 * c.sin_tilt;
  out.total_w_per_m2 =
      std::max(out.isotropic_w_per_m2 + out.circumsolar_w_per_m2 + out.horizon_w_per_m2, 0.0);
  return out;
}

double ground_reflected_w_per_m2(double surface_tilt_deg, double ghi_w_per_m2, double albedo_frac) {
  return ground_reflected_w_per_m2(
      PlaneSunCosines{.cos_tilt = std::cos(surface_tilt_deg * kDegToRad)}, ghi_w_per_m2,
      albedo_frac);
}

}  // namespace shapan::gen
