#include "shapan/gen/iam.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace shapan::gen {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

}  // namespace

double ashrae_iam_cos(double cos_aoi, double b0) {
  if (std::isnan(cos_aoi)) return std::numeric_limits<double>::quiet_NaN();
  // At or beyond 90° no beam reaches the cells (pvlib sets these to 0).
  if (!(cos_aoi > 0.0)) return 0.0;
  const double iam = 1.0 - b0 * (1.0 / cos_aoi - 1.0);
  return iam > 0.0 ? iam : 0.0;
}

double ashrae_iam(double aoi_deg, double b0) {
  if (std::isnan(aoi_deg)) return std::numeric_limits<double>::quiet_NaN();
  if (std::abs(aoi_deg) >= 90.0) return 0.0;
  return ashrae_iam_cos(std::cos(aoi_deg * kDegToRad), b0);
}

double physical_iam(double aoi_deg, double refractive_index, double extinction_per_m,
                    double thickness_m) {
  if (std::isnan(aoi_deg)) return std::numeric_limits<double>::quiet_NaN();
  const double theta = std::abs(aoi_deg);
  if (theta >= 90.0) return 0.0;
  const double n = refractive_index;
  const double kl = extinction_per_m * thickness_m;
  // Normal incidence: both polarisations reflect ((n − 1)/(n + 1))², and the
  // path through the glass is L.
  const double r0 = ((n - 1.0) / (n + 1.0)) * ((n - 1.0) / (n + 1.0));
  const double tau0 = (1.0 - r0) * std::exp(-kl);
  if (theta == 0.0) return 1.0;
  const double t1 = theta * kDegToRad;
  const double t2 = std::asin(std::sin(t1) / n);  // Snell's law
  // Fresnel reflectance of the s and p polarisations, averaged.
  const double rs = std::pow(std::sin(t2 - t1) / std::sin(t2 + t1), 2);
  const double rp = std::pow(std::tan(t2 - t1) / std::tan(t2 + t1), 2);
  const double tau = (1.0 - 0.5 * (rs + rp)) * std::exp(-kl / std::cos(t2));
  return tau / tau0;
}

}  // namespace shapan::gen
