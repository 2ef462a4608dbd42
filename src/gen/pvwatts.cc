#include "shapan/gen/pvwatts.h"

#include <algorithm>
#include <cmath>
#include <numbers>

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

struct Transmission {
  double tau;
  double refracted_deg;
};

// One interface from a medium of index n_in into a layer of index n_layer,
// then through the layer: Fresnel (unpolarised mean) and Bouguer absorption.
Transmission transmit(double theta_deg, double n_layer, double n_in, double k_per_m,
                      double thickness_m) {
  const double t1 = theta_deg * kDegToRad;
  const double t2 = std::asin(n_in / n_layer * std::sin(t1));
  const double s = std::sin(t2 - t1) / std::sin(t2 + t1);
  const double t = std::tan(t2 - t1) / std::tan(t2 + t1);
  const double fresnel = 1.0 - 0.5 * (s * s + t * t);
  return {fresnel * std::exp(-k_per_m * thickness_m / std::cos(t2)), t2 / kDegToRad};
}

double cover_transmittance(double theta_deg, bool ar_glass) {
  theta_deg = std::clamp(theta_deg, 1.0, 89.0);
  if (!ar_glass) {
    return transmit(theta_deg, kGlassIndex, 1.0, kGlassExtinctionPerM, kGlassThicknessM).tau;
  }
  const Transmission coat = transmit(theta_deg, kArIndex, 1.0, kArExtinctionPerM, kArThicknessM);
  const Transmission glass = transmit(coat.refracted_deg, kGlassIndex, kArIndex,
                                      kGlassExtinctionPerM, kGlassThicknessM);
  return coat.tau * glass.tau;
}

}  // namespace

double pvwatts_iam(double aoi_deg, bool ar_glass) {
  return cover_transmittance(aoi_deg, ar_glass) / cover_transmittance(1.0, ar_glass);
}

double pvwatts_transmitted_poa_w_per_m2(double poa_w_per_m2, double poa_beam_w_per_m2,
                                        double aoi_deg, bool ar_glass) {
  const double v = poa_w_per_m2 - (1.0 - pvwatts_iam(aoi_deg, ar_glass)) * poa_beam_w_per_m2;
  return std::max(v, 0.0);
}

double pvwatts_dc_kw(double transmitted_poa_w_per_m2, double cell_temp_c, double pdc0_kw,
                     double gamma_per_c) {
  return pdc0_kw * transmitted_poa_w_per_m2 / 1000.0 * (1.0 + gamma_per_c * (cell_temp_c - 25.0));
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
  const double parts[] = {l.soiling,  l.shading,     l.snow,
                          l.mismatch, l.wiring,      l.connections,
                          l.light_induced_degradation, l.nameplate_rating,
                          l.age,      l.availability};
  double keep = 1.0;
  for (double p : parts) keep *= 1.0 - p / 100.0;
  return 100.0 * (1.0 - keep);
}

}  // namespace shapan::gen
