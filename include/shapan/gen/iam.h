// Incidence angle modifiers (IAM): the share of beam irradiance that passes a
// module's front cover at angle of incidence θ, relative to normal incidence.
//
// The PV chain's default cover model is PVWatts' physical (Fresnel + Bouguer)
// one in pvwatts.h; this header adds the ASHRAE model and pvlib's form of the
// physical model, so that PvParams::iam can choose between them.
// Angles in degrees; results are fractions 0..1 (NaN in, NaN out).
// Thread-safety: pure functions.
#pragma once

namespace shapan::gen {

// Default ASHRAE coefficient b0 (pvlib iam.ashrae's default).
inline constexpr double kAshraeB0Default = 0.05;

// ASHRAE model (Souka & Safwat 1966, Solar Energy 10(4); ASHRAE Standard
// 93-77; as pvlib iam.ashrae):
//   IAM = 1 − b0·(1/cos θ − 1),
// clipped at 0, and 0 for |θ| >= 90°. It falls to 0 at
// θ = acos(b0/(1 + b0)), about 87.3° for b0 = 0.05.
// Requires: b0 >= 0 (PvParams::check() holds it to 0..1).
double ashrae_iam(double aoi_deg, double b0 = kAshraeB0Default);
// The same from cos θ (no trigonometric call); cos θ <= 0 gives 0.
double ashrae_iam_cos(double cos_aoi, double b0 = kAshraeB0Default);

// pvlib's physical model (iam.physical; De Soto et al. 2006, Solar Energy
// 80(1); Duffie & Beckman 5.3): Fresnel reflection of unpolarised light at
// one air/glass interface and Bouguer absorption, normalised by the value at
// θ = 0 (computed in the limit), 0 for |θ| >= 90°. Defaults are pvlib's:
// n = 1.526, K = 4 /m, L = 0.002 m. Unlike pvwatts_iam it does not hold θ
// within 1..89° and normalises at 0° rather than 1°; the two differ by
// < 1e-6 below 80°.
double physical_iam(double aoi_deg, double refractive_index = 1.526, double extinction_per_m = 4.0,
                    double thickness_m = 0.002);

}  // namespace shapan::gen
