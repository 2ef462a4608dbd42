// The hydro and pumped-storage data of the LP from a scenario, and the
// successive linearisation of hydro power in the head (hydro_lp.h).
#include <algorithm>
#include <cmath>

#include "shapan/gen/pumped_storage.h"
#include "shapan/optimize/hydro_lp.h"
#include "shapan/sim/simulation.h"

namespace shapan::optimize {
namespace {

constexpr double kM3PerHm3 = 1e6;
constexpr double kSecondsPerDay = 86400.0;

double interpolate(const std::vector<double>& xs, const std::vector<double>& ys, double x) {
  if (x <= xs.front()) return ys.front();
  if (x >= xs.back()) return ys.back();
  const auto hi = static_cast<std::size_t>(std::upper_bound(xs.begin(), xs.end(), x) - xs.begin());
  const std::size_t lo = hi - 1;
  return ys[lo] + (ys[hi] - ys[lo]) * (x - xs[lo]) / (xs[hi] - xs[lo]);
}

// The engine's efficiency for turbine flow q at head h: with a hill chart,
// the best of the unit counts the flow allows (gen::HydroPlant's rule).
double efficiency_at(const gen::HydroPlant& plant, double head_m, double q_m3_per_s) {
  const gen::HydroParams& p = plant.params();
  if (p.efficiency_table_frac.empty() || p.unit_count == 1) {
    return plant.efficiency(head_m, m3_per_s(q_m3_per_s));
  }
  const int n = p.unit_count;
  const double unit_max = p.max_turbine_flow_m3_per_s / n;
  const int k_lo = std::clamp(static_cast<int>(std::ceil(q_m3_per_s / unit_max - 1e-12)), 1, n);
  int k_hi =
      p.unit_min_flow_m3_per_s > 0.0
          ? std::min(n, static_cast<int>(std::floor(q_m3_per_s / p.unit_min_flow_m3_per_s + 1e-12)))
          : n;
  k_hi = std::max(k_hi, k_lo);
  double best = 0.0;
  for (int k = k_lo; k <= k_hi; ++k) {
    best = std::max(best, plant.efficiency(head_m, m3_per_s(q_m3_per_s / k)));
  }
  return best;
}

// k_t and E_t of one plant at its point (at_start_hm3: the volumes at the
// start of each step; the step's turbine flow and total release).
void linearise(HydroLpPlant& lp, double step_h) {
  const gen::HydroPlant plant(lp.params);
  const gen::HydroParams& p = lp.params;
  const std::vector<double>& start_hm3 = lp.at_start_hm3;
  const std::vector<double>& turbine_m3_per_s = lp.at_turbine_m3_per_s;
  const std::vector<double>& release = lp.at_release_m3_per_s;
  const std::size_t n = start_hm3.size();
  lp.kw_per_m3_per_s.assign(n, 0.0);
  lp.evaporation_hm3.assign(n, 0.0);
  const double one_unit = p.max_turbine_flow_m3_per_s / p.unit_count;
  for (std::size_t t = 0; t < n; ++t) {
    const double level = plant.level_m(gen::HydroState{.storage_m3 = start_hm3[t] * kM3PerHm3});
    const double head = std::max(level - plant.tailwater_m(m3_per_s(release[t])), 0.0);
    const double q = turbine_m3_per_s[t] > 0.0 ? turbine_m3_per_s[t] : one_unit;
    // ρ·g·η·h W per m³/s → kW, the base's share.
    lp.kw_per_m3_per_s[t] = gen::kWaterDensityKgPerM3 * gen::kStandardGravityMPerS2 *
                            efficiency_at(plant, head, q) * head / 1000.0 * p.share_frac;
    if (p.evaporation_mm_per_day > 0.0) {
      const double area_km2 =
          interpolate(p.level_table_storage_hm3, p.area_table_km2, start_hm3[t]);
      const double evap_m3 =
          p.evaporation_mm_per_day / 1000.0 * area_km2 * 1e6 * step_h * 3600.0 / kSecondsPerDay;
      lp.evaporation_hm3[t] = std::min(evap_m3 / kM3PerHm3, std::max(start_hm3[t], 0.0));
    }
  }
}

// The must-run path of each plant (only the ecological release, as much as
// the water allows, and overflow): the ecological release each step can
// give, and the end volume it reaches, so that the LP is always feasible.
// A plant below takes the plant above's must-run release (the least inflow
// any plan gives it).
void must_run_paths(HydroProblem& h, double step_h) {
  const double a = step_h * 3600.0 / kM3PerHm3;
  std::vector<double> above_release;
  for (std::size_t p = 0; p < h.plants.size(); ++p) {
    HydroLpPlant& lp = h.plants[p];
    const gen::HydroParams& hp = lp.params;
    const std::size_t n = lp.kw_per_m3_per_s.size();
    lp.min_release_m3_per_s.assign(n, 0.0);
    std::vector<double> release(n, 0.0);
    double v = hp.storage_initial_hm3;
    for (std::size_t t = 0; t < n; ++t) {
      double inflow = t < lp.inflow_m3_per_s.size() ? lp.inflow_m3_per_s[t] : 0.0;
      if (p > 0) {
        inflow += t < lp.delay_steps ? lp.first_inflow_m3_per_s : above_release[t - lp.delay_steps];
      }
      const double storage = v - lp.evaporation_hm3[t];
      const double available = std::max(storage - hp.storage_min_hm3, 0.0) + inflow * a;
      const double must = std::min(hp.min_release_m3_per_s * a, available);
      lp.min_release_m3_per_s[t] = must / a;
      release[t] = must / a;
      v = std::min(storage + inflow * a - must, hp.storage_max_hm3);
    }
    const double target_hm3 =
        std::isnan(lp.end_volume_target_hm3) ? hp.storage_initial_hm3 : lp.end_volume_target_hm3;
    lp.end_volume_min_hm3 = std::min(target_hm3, v);
    above_release = std::move(release);
  }
}

PumpedLpUnit pumped_unit(const gen::PumpedStorageParams& params) {
  const gen::PumpedStorage ps(params);
  const gen::PumpedStorageState s0 = ps.initial_state();
  const double total_m3 = s0.upper_m3 + s0.lower_m3;
  const double up_hi =
      std::min(params.upper_max_hm3 * kM3PerHm3, total_m3 - params.lower_min_hm3 * kM3PerHm3);
  const double up_lo =
      std::max(params.upper_min_hm3 * kM3PerHm3, total_m3 - params.lower_max_hm3 * kM3PerHm3);
  const auto stored_kwh = [&](double upper_m3) {
    return ps.stored(gen::PumpedStorageState{.upper_m3 = upper_m3, .lower_m3 = total_m3 - upper_m3})
        .in_kwh();
  };
  const double e0 = ps.stored(s0).in_kwh();
  const double e_hi = std::max(stored_kwh(std::max(up_hi, up_lo)), e0);
  return PumpedLpUnit{.name = params.name,
                      .pump_max_kw = params.pump_max_kw,
                      .turbine_max_kw = params.turbine_max_kw,
                      .pump_efficiency_frac = params.pump_efficiency_frac,
                      .turbine_efficiency_frac = params.turbine_efficiency_frac,
                      .energy_min_kwh = std::min(stored_kwh(up_lo), e0),
                      .energy_max_kwh = e_hi,
                      .energy_initial_kwh = e0};
}

}  // namespace

HydroProblem hydro_problem(const sim::Setup& setup) {
  HydroProblem h;
  for (const gen::PumpedStorageParams& ps : setup.pumped_storage) {
    h.pumped.push_back(pumped_unit(ps));
  }
  if (!setup.hydro) return h;
  const std::size_t n = sim::step_count(setup);
  const double step_h = sim::step_of(setup).in_hours();
  const std::vector<double>& top_inflow = setup.hydro->inflow_m3_per_s;
  h.plants.push_back(HydroLpPlant{.params = setup.hydro->params, .inflow_m3_per_s = top_inflow});
  for (const sim::HydroSetup& c : setup.hydro_cascade) {
    h.plants.push_back(
        HydroLpPlant{.params = c.params,
                     .inflow_m3_per_s = c.inflow_m3_per_s,
                     .delay_steps = std::max<std::size_t>(
                         1, static_cast<std::size_t>(std::llround(c.travel_delay_h / step_h))),
                     .first_inflow_m3_per_s = top_inflow.empty() ? 0.0 : top_inflow.front()});
  }
  linearise_at_start(h, n, step_h);
  return h;
}

void linearise_at_start(HydroProblem& h, std::size_t n, double step_h) {
  for (HydroLpPlant& lp : h.plants) {
    const gen::HydroParams& p = lp.params;
    lp.at_start_hm3.assign(n, p.storage_initial_hm3);
    lp.at_turbine_m3_per_s.assign(n, 0.0);
    lp.at_release_m3_per_s.assign(n, p.min_release_m3_per_s);
    linearise(lp, step_h);
  }
  must_run_paths(h, step_h);
}

double relinearise(HydroProblem& h, HydroPlan& plan, double step_h) {
  constexpr double kDamping = 0.5;  // share of the new point
  double own_heads_kwh = 0.0;
  for (std::size_t p = 0; p < h.plants.size(); ++p) {
    HydroLpPlant& lp = h.plants[p];
    const std::vector<double>& v = plan.volume_hm3[p];
    const std::vector<double>& q = plan.turbine_m3_per_s[p];
    const std::size_t n = v.size();
    HydroLpPlant own = lp;  // the plan's own point, undamped
    for (std::size_t t = 0; t < n; ++t) {
      own.at_start_hm3[t] = t == 0 ? lp.params.storage_initial_hm3 : v[t - 1];
      own.at_turbine_m3_per_s[t] = q[t];
      own.at_release_m3_per_s[t] = q[t] + plan.spill_m3_per_s[p][t];
    }
    linearise(own, step_h);
    for (std::size_t t = 0; t < n; ++t) {
      own_heads_kwh += own.kw_per_m3_per_s[t] * q[t] * step_h;
      const auto damp = [&](double& at, double to) { at += kDamping * (to - at); };
      damp(lp.at_start_hm3[t], own.at_start_hm3[t]);
      damp(lp.at_turbine_m3_per_s[t], own.at_turbine_m3_per_s[t]);
      damp(lp.at_release_m3_per_s[t], own.at_release_m3_per_s[t]);
    }
    linearise(lp, step_h);
  }
  must_run_paths(h, step_h);
  plan.head_error_frac = std::abs(own_heads_kwh - plan.hydro_kwh) / std::max(plan.hydro_kwh, 1e-9);
  return plan.head_error_frac;
}

}  // namespace shapan::optimize
