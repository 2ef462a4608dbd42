#include "shapan/gen/decomposition.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

#include "dirint_coefficients.h"
#include "shapan/core/assert.h"
#include "shapan/core/standard_conditions.h"
#include "shapan/gen/irradiance.h"

namespace shapan::gen {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;
// DISC's extraterrestrial irradiance uses 1370 W/m² (Maxwell's worksheet).
constexpr double kDiscSolarConstantWPerM2 = 1370.0;

}  // namespace

double relative_airmass_kasten_1966(double zenith_deg) {
  if (!(zenith_deg <= 90.0)) return std::numeric_limits<double>::quiet_NaN();
  return 1.0 / (std::cos(zenith_deg * kDegToRad) + 0.15 * std::pow(93.885 - zenith_deg, -1.253));
}

DiscResult disc(double ghi_w_per_m2, double zenith_deg, double day_of_year, double pressure_pa,
                const DiscOptions& options) {
  // Spencer's series is shared with extraterrestrial_dni_spencer_w_per_m2;
  // only the solar constant differs.
  const double i0 = extraterrestrial_dni_spencer_w_per_m2(day_of_year) / kSolarConstantWPerM2 *
                    kDiscSolarConstantWPerM2;
  DiscResult out;
  const double cos_z = std::max(std::cos(zenith_deg * kDegToRad), options.min_cos_zenith);
  out.kt = std::clamp(ghi_w_per_m2 / (i0 * cos_z), 0.0, 1.0);
  const double kt = out.kt;
  double am = relative_airmass_kasten_1966(zenith_deg);
  if (pressure_pa > 0.0) am *= pressure_pa / kStandardPressurePa;
  am = std::min(am, options.max_airmass);  // NaN (sun down) stays NaN
  out.airmass = am;

  // Maxwell's fit of ΔKn, Horner form; the break at kt = 0.6 separates
  // cloudy from clear skies.
  double a, b, c;
  if (kt <= 0.6) {
    a = 0.512 + kt * (-1.56 + kt * (2.286 - 2.222 * kt));
    b = 0.37 + 0.962 * kt;
    c = -0.28 + kt * (0.932 - 2.048 * kt);
  } else {
    a = -5.743 + kt * (21.77 + kt * (-27.49 + 11.56 * kt));
    b = 41.4 + kt * (-118.5 + kt * (66.05 + 31.9 * kt));
    c = -47.01 + kt * (184.2 + kt * (-222.0 + 73.81 * kt));
  }
  const double delta_kn = a + b * std::exp(c * am);
  // Clear-sky beam transmittance vs air mass.
  const double knc = 0.866 + am * (-0.122 + am * (0.0121 + am * (-0.000653 + 1.4e-05 * am)));
  double dni = (knc - delta_kn) * i0;
  if (zenith_deg > options.max_zenith_deg || ghi_w_per_m2 < 0.0 || dni < 0.0) dni = 0.0;
  out.dni_w_per_m2 = dni;
  out.dhi_w_per_m2 = ghi_w_per_m2 - dni * std::cos(zenith_deg * kDegToRad);
  return out;
}

double clearness_index_zenith_independent(double kt, double airmass) {
  const double factor = 1.031 * std::exp(-1.4 / (0.9 + 9.4 / airmass)) + 0.1;
  const double kt_prime = kt / factor;
  if (std::isnan(kt_prime)) return kt_prime;
  return std::clamp(kt_prime, 0.0, 1.0);
}

namespace {

// Bin of `x` among half-open intervals [edges[k], edges[k+1]); the last
// interval is closed when `close_last`. -1 when outside or NaN. (pvlib's
// _dirint_bins, here counted from 0.)
template <std::size_t N>
int bin_of(double x, const std::array<double, N>& edges, bool close_last) {
  for (std::size_t k = 0; k + 1 < N; ++k) {
    const bool last = k + 2 == N;
    if (x >= edges[k] && (x < edges[k + 1] || (last && close_last && x <= edges[k + 1]))) {
      return static_cast<int>(k);
    }
  }
  return -1;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

std::vector<double> dirint_dni(std::span<const double> ghi_w_per_m2,
                               std::span<const double> zenith_deg,
                               std::span<const double> day_of_year,
                               std::span<const double> pressure_pa,
                               std::span<const double> temp_dew_c, const DirintOptions& options) {
  const std::size_t n = ghi_w_per_m2.size();
  SHAPAN_ASSERT(zenith_deg.size() == n && day_of_year.size() == n,
                "dirint_dni: GHI, zenith and day of year have one value per step");
  SHAPAN_ASSERT(pressure_pa.size() == 1 || pressure_pa.size() == n,
                "dirint_dni: one pressure, or one per step");
  SHAPAN_ASSERT(temp_dew_c.empty() || temp_dew_c.size() == n,
                "dirint_dni: no dew point, or one per step");
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> disc_dni(n), kt_prime(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double p = pressure_pa.size() == 1 ? pressure_pa[0] : pressure_pa[i];
    // A NaN pressure must give NaN (pvlib), not "no correction".
    const DiscResult d = disc(ghi_w_per_m2[i], zenith_deg[i], day_of_year[i],
                              std::isnan(p) ? kStandardPressurePa : p, options.disc);
    disc_dni[i] = std::isnan(p) ? kNaN : d.dni_w_per_m2;
    kt_prime[i] = std::isnan(p) ? kNaN : clearness_index_zenith_independent(d.kt, d.airmass);
  }
  // Bin edges of Perez et al. 1992 (pvlib _dirint_bins).
  static constexpr std::array<double, 7> kKtPrimeEdges = {0, 0.24, 0.4, 0.56, 0.7, 0.8, 1.0};
  static constexpr std::array<double, 7> kZenithEdges = {0, 25, 40, 55, 70, 80, kInf};
  static constexpr std::array<double, 7> kDeltaEdges = {0, 0.015, 0.035, 0.07, 0.15, 0.3, 1.0};
  static constexpr std::array<double, 5> kWEdges = {0, 1, 2, 3, kInf};
  std::vector<double> out(n, kNaN);
  for (std::size_t i = 0; i < n; ++i) {
    int delta_bin = 6;  // "Δkt' not used"
    if (options.use_delta_kt_prime) {
      // Perez eq. 2 and 3; at the ends the one neighbour stands for both.
      const double next = i + 1 < n ? kt_prime[i + 1] : (i > 0 ? kt_prime[i - 1] : kNaN);
      const double prev = i > 0 ? kt_prime[i - 1] : (i + 1 < n ? kt_prime[i + 1] : kNaN);
      const double a = std::abs(kt_prime[i] - next);
      const double b = std::abs(kt_prime[i] - prev);
      // pandas' add(fill_value=0): a NaN term counts 0 unless both are NaN.
      const double delta = std::isnan(a) && std::isnan(b)
                               ? kNaN
                               : 0.5 * ((std::isnan(a) ? 0.0 : a) + (std::isnan(b) ? 0.0 : b));
      delta_bin = bin_of(delta, kDeltaEdges, true);
    }
    int w_bin = 4;  // "no dew point"
    if (!temp_dew_c.empty()) {
      const double w = std::exp(0.07 * temp_dew_c[i] - 0.075);  // Perez eq. 4, cm
      w_bin = bin_of(w, kWEdges, false);
    }
    const int kt_bin = bin_of(kt_prime[i], kKtPrimeEdges, true);
    const int zenith_bin = bin_of(zenith_deg[i], kZenithEdges, false);
    if (kt_bin < 0 || zenith_bin < 0 || delta_bin < 0 || w_bin < 0) continue;  // NaN
    const double coefficient =
        detail::kDirintCoefficients[static_cast<std::size_t>(kt_bin)][static_cast<std::size_t>(
            zenith_bin)][static_cast<std::size_t>(delta_bin)][static_cast<std::size_t>(w_bin)];
    out[i] = disc_dni[i] * coefficient;  // Perez eq. 5
  }
  return out;
}

}  // namespace shapan::gen
