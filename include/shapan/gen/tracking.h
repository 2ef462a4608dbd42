// Where a PV surface faces: fixed, single-axis tracker (with optional
// backtracking), two-axis tracker. Angles in degrees; azimuths clockwise from
// north. Thread-safety: pure functions.
#pragma once

namespace shapan::gen {

struct SurfaceOrientation {
  double tilt_deg = 0.0;       // 0 = horizontal, 0..180
  double azimuth_deg = 180.0;  // direction the surface faces, 0..360
  double aoi_deg = 0.0;        // angle between sun and surface normal, 0..180
  double cos_aoi = 1.0;        // its cosine (negative: sun behind the surface)
  double rotation_deg = 0.0;   // tracker rotation, positive = toward the west
                               // for a south-pointing axis; 0 for fixed / 2-axis
};

// A fixed surface.
SurfaceOrientation fixed_orientation(double tilt_deg, double azimuth_deg, double sun_zenith_deg,
                                     double sun_azimuth_deg);

struct SingleAxisParams {
  double axis_tilt_deg = 0.0;       // 0 = horizontal axis
  double axis_azimuth_deg = 180.0;  // direction the axis points down-slope; 180 = N-S axis
  double max_rotation_deg = 45.0;   // rotation limit either side of flat
  bool backtrack = false;           // rotate back to avoid row-to-row shading
  double gcr = 0.4;                 // ground coverage ratio: collector width / row pitch
};

// Single-axis tracker. True tracking rotation (Marion & Dobos 2013,
// NREL/TP-6A20-58891, eq. 7, generalised with the axis vector a and the flat
// panel normal n0): R = atan2((a × n0)·s, n0·s), s the sun vector; with a
// horizontal N-S axis this is Lorenzo's R = atan(tan z · sin(γs − γa)).
// Backtracking (Marion & Dobos eq. 14–15 for flat ground): when
// cos R < gcr, R is reduced by acos(cos R / gcr) toward flat. Then R is
// limited to ±max_rotation_deg. With the sun below the horizon the tracker
// lies flat (R = 0).
SurfaceOrientation single_axis_orientation(const SingleAxisParams& p, double sun_zenith_deg,
                                           double sun_azimuth_deg);

// Two-axis tracker: the normal points at the sun (aoi = 0) while the sun is
// up; flat (tilt 0) at night.
SurfaceOrientation two_axis_orientation(double sun_zenith_deg, double sun_azimuth_deg);

}  // namespace shapan::gen
