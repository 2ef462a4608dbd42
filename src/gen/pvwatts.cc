#include "shapan/gen/pvwatts.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "shapan/core/standard_conditions.h"

namespace shapan::gen {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

// Cover optics (PVWatts v5 manual; SSC cmod_pvwattsv5 iam_nonorm).
constexpr double kGlassIndex = 1.526;
constexpr double kGlassExtinctionPerM = 4.0;
constexpr double kGlassThicknessM = 0.002;
constexpr double kArIndex = 1.3;
constexpr double kArExtinctionPerM = 4.0;
constexpr double kArThicknessM = kGlassThicknessM * 0.01;

// cos 1° and cos 89°: PVWatts holds the angle within 1..89°.
constexpr double kCos1 = 0.9998476951563913;
constexpr double kCos89 = 0.01745240643728351;

struct Transmission {
  double tau;
  double sin_refracted;
  double cos_refracted;
};

// One interface from a medium of index n_in into a layer of index n_layer,
// then through the layer: Fresnel (unpolarised mean) and Bouguer absorption.
// Works on the sine and cosine of the incidence angle θ1; θ2 from Snell's law.
// The sum and difference formulas give sin(θ2 ± θ1) and cos(θ2 ± θ1), and
// tan²(θ2−θ1)/tan²(θ2+θ1) = r_s·cos²(θ2+θ1)/cos²(θ2−θ1): no trigonometric
// call besides one square root and the exponential.
Transmission transmit(double sin1, double cos1, double n_layer, double n_in, double k_per_m,
                      double thickness_m) {
  const double sin2 = n_in / n_layer * sin1;
  const double cos2 = std::sqrt(1.0 - sin2 * sin2);
  const double sin_diff = sin2 * cos1 - cos2 * sin1;
  const double sin_sum = sin2 * cos1 + cos2 * sin1;
  const double cos_diff = cos2 * cos1 + sin2 * sin1;
  const double cos_sum = cos2 * cos1 - sin2 * sin1;
  const double rs = (sin_diff / sin_sum) * (sin_diff / sin_sum);
  const double rp = rs * (cos_sum / cos_diff) * (cos_sum / cos_diff);
  const double fresnel = 1.0 - 0.5 * (rs + rp);
  return {fresnel * std::exp(-k_per_m * thickness_m / cos2), sin2, cos2};
}

double cover_transmittance(double cos_theta, bool ar_glass) {
  cos_theta = std::clamp(cos_theta, kCos89, kCos1);
  const double sin_theta = std::sqrt(1.0 - cos_theta * cos_theta);
  if (!ar_glass) {
    return transmit(sin_theta, cos_theta, kGlassIndex, 1.0, kGlassExtinctionPerM, kGlassThicknessM)
        .tau;
  }
  const Transmission coat =
      transmit(sin_theta, cos_theta, kArIndex, 1.0, kArExtinctionPerM, kArThicknessM);
  const Transmission glass = transmit(coat.sin_refracted, coat.cos_refracted, kGlassIndex, kArIndex,
                                      kGlassExtinctionPerM, kGlassThicknessM);
  return coat.tau * glass.tau;
}

}  // namespace

double pvwatts_iam_cos(double cos_aoi, bool ar_glass) {
  // τ(1°) is a constant of the cover: computed once (thread-safe static init).
  static const double kNormal = cover_transmittance(kCos1, false);
  static const double kNormalAr = cover_transmittance(kCos1, true);
  return cover_transmittance(cos_aoi, ar_glass) / (ar_glass ? kNormalAr : kNormal);
}

double pvwatts_iam(double aoi_deg, bool ar_glass) {
  return pvwatts_iam_cos(std::cos(std::clamp(aoi_deg, 1.0, 89.0) * kDegToRad), ar_glass);
}

double pvwatts_transmitted_poa_w_per_m2(double poa_w_per_m2, double poa_beam_w_per_m2,
                                        double aoi_deg, bool ar_glass) {
  return transmitted_poa_w_per_m2(poa_w_per_m2, poa_beam_w_per_m2, pvwatts_iam(aoi_deg, ar_glass));
}

double pvwatts_dc_kw(double transmitted_poa_w_per_m2, double cell_temp_c, double pdc0_kw,
                     double gamma_per_c) {
  return pdc0_kw * transmitted_poa_w_per_m2 / 1000.0 *
         (1.0 + gamma_per_c * (cell_temp_c - kStcCellTempC));
}

double pvwatts_inverter_ac_kw(double pdc_kw, double pdc0_kw, double eta_nominal_frac,
                              double eta_reference_frac) {
  if (std::isnan(pdc_kw)) return pdc_kw;
  if (pdc_kw <= 0.0) return 0.0;
  const double pac0 = eta_nominal_frac * pdc0_kw;
  const double zeta = pdc_kw / pdc0_kw;
  const double eta =
      eta_nominal_frac / eta_reference_frac * (-0.0162 * zeta - 0.0059 / zeta + 0.9858);
  return std::clamp(eta * pdc_kw, 0.0, pac0);
}

double total_losses_percent(const PvLossesPercent& l) {
  const double parts[] = {l.soiling_percent,
                          l.shading_percent,
                          l.snow_percent,
                          l.mismatch_percent,
                          l.wiring_percent,
                          l.connections_percent,
                          l.light_induced_degradation_percent,
                          l.nameplate_rating_percent,
                          l.age_percent,
                          l.availability_percent};
  double keep = 1.0;
  for (double p : parts) keep *= 1.0 - p / 100.0;
  return 100.0 * (1.0 - keep);
}

}  // namespace shapan::gen
