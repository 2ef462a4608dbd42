#include "shapan/gen/tracking.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "shapan/gen/irradiance.h"

namespace shapan::gen {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

struct Vec3 {
  double x, y, z;  // east, north, up
};

double dot(const Vec3& a, const Vec3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

Vec3 sun_vector(double zenith_deg, double azimuth_deg) {
  const double z = zenith_deg * kDegToRad;
  const double a = azimuth_deg * kDegToRad;
  return {std::sin(z) * std::sin(a), std::sin(z) * std::cos(a), std::cos(z)};
}

SurfaceOrientation from_normal(const Vec3& n, const Vec3& s, double rotation_deg) {
  SurfaceOrientation o;
  o.tilt_deg = std::acos(std::clamp(n.z, -1.0, 1.0)) / kDegToRad;
  double az = std::atan2(n.x, n.y) / kDegToRad;
  if (az < 0.0) az += 360.0;
  // A flat surface has no azimuth of its own; report south, as PVWatts does.
  o.azimuth_deg = o.tilt_deg < 1e-9 ? 180.0 : az;
  o.cos_aoi = std::clamp(dot(n, s), -1.0, 1.0);
  o.aoi_deg = std::acos(o.cos_aoi) / kDegToRad;
  o.rotation_deg = rotation_deg;
  return o;
}

}  // namespace

SurfaceOrientation fixed_orientation(double tilt_deg, double azimuth_deg, double sun_zenith_deg,
                                     double sun_azimuth_deg) {
  const double c = cos_aoi(tilt_deg, azimuth_deg, sun_zenith_deg, sun_azimuth_deg);
  return {.tilt_deg = tilt_deg,
          .azimuth_deg = azimuth_deg,
          .aoi_deg = std::acos(std::clamp(c, -1.0, 1.0)) / kDegToRad,
          .cos_aoi = c,
          .rotation_deg = 0.0};
}

SurfaceOrientation single_axis_orientation(const SingleAxisParams& p, double sun_zenith_deg,
                                           double sun_azimuth_deg) {
  const double bt = p.axis_tilt_deg * kDegToRad;
  const double ga = p.axis_azimuth_deg * kDegToRad;
  // Axis pointing toward its azimuth, descending by its tilt; the normal of the
  // unrotated panel tilts the same way, so that a rotation of 0 is a fixed
  // array at the axis tilt facing the axis azimuth.
  const Vec3 axis{std::cos(bt) * std::sin(ga), std::cos(bt) * std::cos(ga), -std::sin(bt)};
  const Vec3 n0{std::sin(bt) * std::sin(ga), std::sin(bt) * std::cos(ga), std::cos(bt)};
  const Vec3 side = cross(axis, n0);  // where the normal goes for positive rotation
  const Vec3 s = sun_vector(sun_zenith_deg, sun_azimuth_deg);
  double r = 0.0;
  if (sun_zenith_deg < 90.0) {
    r = std::atan2(dot(side, s), dot(n0, s));
    if (p.backtrack) {
      // Rows 1/gcr apart (in collector widths) shade each other when
      // cos R < gcr; rotate back until the shadow edge meets the next row.
      // With the sun behind the axis (|R| > 90°, east-west axes) cos R < 0:
      // clamp so the correction stays defined; the rotation limit applies next.
      const double c = std::max(std::cos(r), 0.0) / p.gcr;
      if (c < 1.0) r -= std::copysign(std::acos(c), r);
    }
    const double lim = p.max_rotation_deg * kDegToRad;
    r = std::clamp(r, -lim, lim);
  }
  const Vec3 n{n0.x * std::cos(r) + side.x * std::sin(r), n0.y * std::cos(r) + side.y * std::sin(r),
               n0.z * std::cos(r) + side.z * std::sin(r)};
  return from_normal(n, s, r / kDegToRad);
}

SurfaceOrientation two_axis_orientation(double sun_zenith_deg, double sun_azimuth_deg) {
  if (!(sun_zenith_deg < 90.0)) {
    return fixed_orientation(0.0, 180.0, sun_zenith_deg, sun_azimuth_deg);
  }
  return {.tilt_deg = sun_zenith_deg,
          .azimuth_deg = sun_azimuth_deg,
          .aoi_deg = 0.0,
          .cos_aoi = 1.0,
          .rotation_deg = 0.0};
}

}  // namespace shapan::gen
