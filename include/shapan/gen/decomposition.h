// Decomposition of global horizontal irradiance (GHI) into its beam (DNI)
// and diffuse (DHI) parts, for weather files that carry GHI only. Erbs is in
// irradiance.h; this header adds Maxwell's DISC model.
// Units: angles degrees, irradiance W/m², pressure Pa. Thread-safety: pure.
#pragma once

#include <span>
#include <vector>

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

// Zenith-independent clearness index of Perez et al. (1992), eq. 1:
//   kt' = kt / (1.031·exp(−1.4/(0.9 + 9.4/AM)) + 0.1), held within 0..1
// (pvlib's clearness_index_zenith_independent with max_clearness_index 1).
double clearness_index_zenith_independent(double kt, double airmass);

// DIRINT (Perez, Ineichen, Maxwell, Seals & Zelenka 1992, "Dynamic
// global-to-direct irradiance conversion models", ASHRAE Transactions
// 98(1), 354–369), as pvlib's irradiance.dirint: DISC's DNI times a
// coefficient looked up in a 6×6×7×5 table by kt' (6 bins), the true zenith
// (6 bins: 0–25–40–55–70–80–90°), the stability index Δkt' (7 bins: 0, 0.015,
// 0.035, 0.07, 0.15, 0.3, 1 and "not used") and the precipitable water
// w = exp(0.07·T_dew − 0.075) cm (5 bins: 0–1–2–3–∞ cm and "no dew point").
// Δkt' = ½(|kt'ᵢ − kt'ᵢ₊₁| + |kt'ᵢ − kt'ᵢ₋₁|) from the neighbouring steps (the
// first and last steps use their one neighbour twice; a NaN neighbour counts
// 0); Perez recommend it only for steps under 1.5 h.
//
// Inputs are series of one length n: GHI, true zenith, day of year (of the
// UTC date) and pressure (Pa; one value for all steps, or n). `temp_dew_c`
// empty means "no dew point"; a NaN dew point, like a NaN in any input or a
// value outside every bin, gives NaN for that step (as pvlib).
struct DirintOptions {
  bool use_delta_kt_prime = true;
  DiscOptions disc;
};
std::vector<double> dirint_dni(std::span<const double> ghi_w_per_m2,
                               std::span<const double> zenith_deg,
                               std::span<const double> day_of_year,
                               std::span<const double> pressure_pa,
                               std::span<const double> temp_dew_c = {},
                               const DirintOptions& options = {});

}  // namespace shapan::gen
