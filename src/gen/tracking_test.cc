// Tracker geometry, analytic cases. Each case states the sun, the tracker and
// why the answer follows (Marion & Dobos 2013, NREL/TP-6A20-58891).
#include "shapan/gen/tracking.h"

#include <gtest/gtest.h>

#include <cmath>

#include "shapan/gen/irradiance.h"

namespace shapan::gen {
namespace {

constexpr double kTol = 1e-9;

TEST(TrackingTest, FixedUsesTheAngleOfIncidence) {
  const SurfaceOrientation o = fixed_orientation(30, 180, 40, 200);
  EXPECT_EQ(o.tilt_deg, 30);
  EXPECT_EQ(o.azimuth_deg, 180);
  EXPECT_NEAR(o.aoi_deg, aoi_deg(30, 180, 40, 200), kTol);
}

TEST(TrackingTest, HorizontalNorthSouthAxisFacesTheMorningSun) {
  // Sun due east, 30° high (zenith 60°): the ideal rotation lays the panel 60°
  // toward the east (negative), so the sun is on the normal.
  const SingleAxisParams p{.max_rotation_deg = 90.0};
  const SurfaceOrientation o = single_axis_orientation(p, 60, 90);
  EXPECT_NEAR(o.rotation_deg, -60, kTol);
  EXPECT_NEAR(o.tilt_deg, 60, kTol);
  EXPECT_NEAR(o.azimuth_deg, 90, kTol);
  EXPECT_NEAR(o.aoi_deg, 0, 1e-6);
}

TEST(TrackingTest, AfternoonRotationIsPositiveAndLimited) {
  // Sun due west at zenith 60°: +60° wanted, 45° allowed → aoi 15°.
  const SurfaceOrientation o = single_axis_orientation({.max_rotation_deg = 45.0}, 60, 270);
  EXPECT_NEAR(o.rotation_deg, 45, kTol);
  EXPECT_NEAR(o.azimuth_deg, 270, kTol);
  EXPECT_NEAR(o.aoi_deg, 15, 1e-6);
}

TEST(TrackingTest, SunOnTheAxisPlaneKeepsTheTrackerFlat) {
  // Sun due south: it lies in the vertical plane through a N-S axis, so any
  // rotation only increases the incidence angle: R = 0, aoi = zenith.
  const SurfaceOrientation o = single_axis_orientation({}, 30, 180);
  EXPECT_NEAR(o.rotation_deg, 0, kTol);
  EXPECT_NEAR(o.tilt_deg, 0, kTol);
  EXPECT_NEAR(o.aoi_deg, 30, 1e-6);
}

TEST(TrackingTest, BacktrackingAvoidsRowShading) {
  // Sun due east at zenith 80°, gcr 2/7: true tracking wants −80°, and
  // cos 80° = 0.1736 < gcr, so rows would shade. Backtracking turns back by
  // acos(cos 80°/gcr) = acos(0.60777) = 52.572° → R = −27.428°, so that
  // cos(R_true − R) = cos R_true / gcr: the shadow of one row just reaches the
  // foot of the next.
  const double gcr = 2.0 / 7.0;
  const SingleAxisParams p{.max_rotation_deg = 90.0, .backtrack = true, .gcr = gcr};
  const SurfaceOrientation o = single_axis_orientation(p, 80, 90);
  const double expected = -80.0 + std::acos(std::cos(80.0 * M_PI / 180.0) / gcr) * 180.0 / M_PI;
  EXPECT_NEAR(o.rotation_deg, expected, kTol);
  EXPECT_NEAR(o.rotation_deg, -27.428, 1e-3);
  EXPECT_NEAR(o.aoi_deg, 80.0 + o.rotation_deg, 1e-6);
  // High sun: no shading, backtracking changes nothing.
  const SurfaceOrientation high = single_axis_orientation(p, 30, 90);
  EXPECT_NEAR(high.rotation_deg, -30, kTol);
}

TEST(TrackingTest, TiltedAxisAtSolarNoon) {
  // Axis tilted 20° toward south; sun due south at zenith 20°: the unrotated
  // panel (a 20° south-facing plane) already faces the sun.
  const SurfaceOrientation o =
      single_axis_orientation({.axis_tilt_deg = 20, .axis_azimuth_deg = 180}, 20, 180);
  EXPECT_NEAR(o.rotation_deg, 0, kTol);
  EXPECT_NEAR(o.tilt_deg, 20, kTol);
  EXPECT_NEAR(o.azimuth_deg, 180, kTol);
  EXPECT_NEAR(o.aoi_deg, 0, 1e-6);
}

TEST(TrackingTest, TiltedAxisBeatsHorizontalInWinter) {
  // Low winter sun toward the south-east: the tilted axis gets closer.
  const SurfaceOrientation flat = single_axis_orientation({.max_rotation_deg = 60}, 65, 140);
  const SurfaceOrientation tilted =
      single_axis_orientation({.axis_tilt_deg = 30, .max_rotation_deg = 60}, 65, 140);
  EXPECT_LT(tilted.aoi_deg, flat.aoi_deg);
}

TEST(TrackingTest, BacktrackingStaysDefinedWithTheSunBehindTheAxis) {
  // Axis tilted 30° down toward the east, low sun due west (zenith 85°): the
  // sun is behind the unrotated panel, true tracking wants R = 180°, and
  // cos R / gcr = −2.5 has no arccosine. The correction must stay finite and
  // the rotation limit must hold.
  const SingleAxisParams p{.axis_tilt_deg = 30,
                           .axis_azimuth_deg = 90,
                           .max_rotation_deg = 60,
                           .backtrack = true,
                           .gcr = 0.4};
  const SurfaceOrientation o = single_axis_orientation(p, 85, 270);
  EXPECT_TRUE(std::isfinite(o.rotation_deg));
  EXPECT_LE(std::fabs(o.rotation_deg), 60.0);
  EXPECT_TRUE(std::isfinite(o.aoi_deg));
  EXPECT_TRUE(std::isfinite(o.tilt_deg));
}

TEST(TrackingTest, NightIsFlat) {
  EXPECT_NEAR(single_axis_orientation({}, 100, 300).rotation_deg, 0, kTol);
  EXPECT_EQ(two_axis_orientation(100, 300).tilt_deg, 0);
}

TEST(TrackingTest, TwoAxisPointsAtTheSun) {
  const SurfaceOrientation o = two_axis_orientation(35, 123);
  EXPECT_EQ(o.tilt_deg, 35);
  EXPECT_EQ(o.azimuth_deg, 123);
  EXPECT_EQ(o.aoi_deg, 0);
}

}  // namespace
}  // namespace shapan::gen
