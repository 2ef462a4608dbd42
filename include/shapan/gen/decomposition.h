// Decomposition of global horizontal irradiance (GHI) into its beam (DNI)
// and diffuse (DHI) parts, for weather files that carry GHI only. Erbs is in
// irradiance.h; this header adds Maxwell's DISC model.
// Units: angles degrees, irradiance W/m², pressure Pa. Thread-safety: pure.
#pragma once

namespace shapan::gen {

// Relative air mass by Kasten (1966), the formula DISC was fitted with:
//   AM = 1/(cos z + 0.15·(93.885 − z)^−1.253). NaN for z > 90°.
double relative_airmass_kasten_1966(double zenith_deg);

struct DiscResult {
  double dni_w_per_m2 = 0.0;
  double dhi_w_per_m2 = 0.0;  // GHI − DNI·cos z
  double kt = 0.0;            // clearness index used
  double airmass = 0.0;       // absolute air mass used, <= max_airmass
};

// Limits of DISC, pvlib's defaults.
struct DiscOptions {
  double min_cos_zenith = 0.065;  // cos z floor in the clearness index
  double max_zenith_deg = 87.0;   // above it DNI = 0
  double max_airmass = 12.0;      // air mass ceiling (the range Kn was fitted on)
};

// DISC (Maxwell 1987, "A quasi-physical model for converting hourly global
// horizontal to direct normal insolation", SERI/TR-215-3087), as pvlib's
// irradiance.disc:
//   I0 = Spencer (R0/R)²·1370 W/m² on `day_of_year`;
//   kt = GHI/(I0·max(cos z, min_cos_zenith)), clipped to 0..1;
//   AM = Kasten 1966 on the true zenith × pressure/101325, at most max_airmass;
//   Knc = 0.866 − 0.122·AM + 0.0121·AM² − 0.000653·AM³ + 1.4e-5·AM⁴;
//   ΔKn = a + b·exp(c·AM), with a, b, c cubic polynomials in kt, one set for
//   kt <= 0.6 and one above;
//   DNI = (Knc − ΔKn)·I0, and 0 where z > max_zenith, GHI < 0 or DNI < 0.
// `zenith_deg` is the true (unrefracted) zenith; `day_of_year` is that of
// the UTC date (as pvlib takes it from a DatetimeIndex). `pressure_pa` <= 0 or NaN
// means "no pressure correction" (pvlib's pressure=None).
DiscResult disc(double ghi_w_per_m2, double zenith_deg, double day_of_year,
                double pressure_pa = 101325.0, const DiscOptions& options = {});

}  // namespace shapan::gen
