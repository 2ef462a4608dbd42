// Clear-sky irradiance by the Ineichen–Perez model driven by the Linke
// turbidity, for quality checks of measured irradiance and for synthetic
// weather.
//
// Ineichen, P., Perez, R. (2002). A new airmass independent formulation for
// the Linke turbidity coefficient. Solar Energy 73(3), 151–157; with the
// global-irradiance form of Perez et al. (2002), Solar Energy 73(5), 307–317
// (p. 311), as pvlib's clearsky.ineichen implements them.
// Units: angles degrees, irradiance W/m², altitude metres above sea level.
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/time.h"

namespace shapan::gen {

// Solar constant of the Ineichen–Perez model as pvlib uses it (W/m²).
inline constexpr double kIneichenDniExtraWPerM2 = 1364.0;

struct ClearSky {
  double ghi_w_per_m2 = 0.0;
  double dni_w_per_m2 = 0.0;
  double dhi_w_per_m2 = 0.0;
};

// The model itself, from the absolute (pressure-corrected) air mass:
//   fh1 = e^(−h/8000), fh2 = e^(−h/1250), cg1 = 5.09e-5·h + 0.868,
//   cg2 = 3.92e-5·h + 0.0387,
//   GHI = cg1·E0·cos z·exp(−cg2·AM·(fh1 + fh2·(TL − 1)))   [× e^(0.01·AM^1.8)
//         with perez_enhancement],
//   DNI = min(b·E0·exp(−0.09·AM·(TL − 1)),
//             GHI·(1 − (0.1 − 0.2e^(−TL))/(0.1 + 0.882/fh1))/cos z),
//         b = 0.664 + 0.163/fh1,
//   DHI = GHI − DNI·cos z.
// cos z is clipped at 0 (night gives 0 W/m²). A NaN air mass (sun below the
// horizon) gives zeros; a NaN zenith, turbidity or E0 gives NaN.
ClearSky ineichen_perez(double apparent_zenith_deg, double airmass_absolute, double linke_turbidity,
                        double altitude_m = 0.0,
                        double dni_extra_w_per_m2 = kIneichenDniExtraWPerM2,
                        bool perez_enhancement = false);

// Station pressure from altitude (pvlib atmosphere.alt2pres, the standard
// atmosphere): p = 100·((44331.514 − h)/11880.516)^(1/0.1902632) Pa.
double altitude_to_pressure_pa(double altitude_m);

// The model at a site, as pvlib's Location.get_clearsky(model="ineichen")
// does it: relative air mass by Kasten & Young (1989) on the apparent zenith,
// times p(altitude)/101325. Zero when the apparent zenith is >= 90°.
ClearSky clear_sky_ineichen(double apparent_zenith_deg, double altitude_m, double linke_turbidity,
                            double dni_extra_w_per_m2 = kIneichenDniExtraWPerM2);

// The Linke turbidity a scenario gives: one value for the whole year, or
// twelve monthly values (January first) that are interpolated linearly in
// the day of the year between mid-month days, wrapping December–January
// (pvlib's interpolation of its monthly climatology).
//
// Default: TL = 3, a clean rural mid-latitude sky in summer (Remund et al.
// 2003, "Worldwide Linke turbidity information", ISES Solar World Congress:
// typical values 2–3.5 for rural areas, below 3 on high plateaus, 4–6 in
// cities and hazy air). High, dry Qinghai sites tend to 2–3; give monthly
// values from a climatology (SoDa / Meteonorm) where known.
struct LinkeTurbidity {
  double constant = 3.0;        // used when monthly is empty
  std::vector<double> monthly;  // empty or exactly 12 values

  // monthly has 0 or 12 values; every value within 1..10 (TL = 1 is a clean,
  // dry Rayleigh atmosphere; above 10 the model is meaningless).
  std::vector<FieldIssue> check() const;
  // TL on day of year `day_of_year` (1..366, fraction allowed).
  double on_day(double day_of_year) const;
  bool operator==(const LinkeTurbidity&) const = default;
};

}  // namespace shapan::gen
