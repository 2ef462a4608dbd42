// The PVWatts Version 5 component models (Dobos 2014, NREL/TP-6A20-62641):
// module cover (incidence angle modifier), DC power with a temperature
// coefficient, system losses, and the inverter efficiency curve.
// Thread-safety: pure functions.
#pragma once

#include <algorithm>

namespace shapan::gen {

// Transmittance of the module cover relative to normal incidence (PVWatts v5
// manual, section "Angle of Incidence"; Duffie & Beckman ch. 5.3). Snell's law
// θr = asin(sin θ / n), Fresnel reflection averaged over both polarisations and
// Bouguer absorption in the glass:
//   τ(θ) = exp(−K·L / cos θr)·[1 − ½(sin²(θr−θ)/sin²(θr+θ) + tan²(θr−θ)/tan²(θr+θ))]
// with glass n = 1.526, K = 4 /m, L = 0.002 m. `ar_glass` (premium modules)
// adds an anti-reflective layer n = 1.3, L = 0.00002 m in front of the glass.
// As in PVWatts (SSC cmod_pvwattsv5), θ is held within 1..89° and the result
// is τ(θ)/τ(1°) (Fresnel's formula is 0/0 at exactly 0°).
double pvwatts_iam(double aoi_deg, bool ar_glass = false);
// The same, from the cosine of the angle of incidence (held within
// cos 89°..cos 1°); no trigonometric call, for the simulation's inner loop.
double pvwatts_iam_cos(double cos_aoi, bool ar_glass = false);

// Irradiance reaching the cells: the cover reflects part of the beam only,
//   E_tr = POA − (1 − IAM(θ))·E_beam,poa, never below 0.
double pvwatts_transmitted_poa_w_per_m2(double poa_w_per_m2, double poa_beam_w_per_m2,
                                        double aoi_deg, bool ar_glass = false);
// The same with the beam's IAM given (any cover model, iam.h).
inline double transmitted_poa_w_per_m2(double poa_w_per_m2, double poa_beam_w_per_m2,
                                       double beam_iam) {
  return std::max(poa_w_per_m2 - (1.0 - beam_iam) * poa_beam_w_per_m2, 0.0);
}

// PVWatts DC: P = P_dc0 · E_tr/1000 · (1 + γ·(T_cell − 25)), γ in 1/°C
// (standard −0.0047, premium −0.0035, thin film −0.0020). Before losses.
double pvwatts_dc_kw(double transmitted_poa_w_per_m2, double cell_temp_c, double pdc0_kw,
                     double gamma_per_c);

// PVWatts inverter: with ζ = P_dc / P_dc0 and P_ac0 = η_nom · P_dc0,
//   η = η_nom/η_ref · (−0.0162 ζ − 0.0059/ζ + 0.9858),  η_ref = 0.9637,
//   P_ac = min(η · P_dc, P_ac0), and never negative (0 when P_dc <= 0).
// `pdc0_kw` is the inverter's DC input rating (PVWatts sets it to the AC
// rating / η_nom). NaN input gives NaN.
double pvwatts_inverter_ac_kw(double pdc_kw, double pdc0_kw, double eta_nominal_frac,
                              double eta_reference_frac = 0.9637);

// SAM's / PVWatts' loss categories, each in percent of the DC energy.
// Defaults are PVWatts' (they combine to 14.075660688264469 %).
struct PvLossesPercent {
  double soiling_percent = 2.0;
  double shading_percent = 3.0;
  double snow_percent = 0.0;
  double mismatch_percent = 2.0;
  double wiring_percent = 2.0;
  double connections_percent = 0.5;
  double light_induced_degradation_percent = 1.5;
  double nameplate_rating_percent = 1.0;
  double age_percent = 0.0;
  double availability_percent = 3.0;
};
// Total = 100·(1 − Π(1 − Lᵢ/100)) percent.
double total_losses_percent(const PvLossesPercent& losses);

}  // namespace shapan::gen
