#include "shapan/optimize/representative_days.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "shapan/core/error.h"

namespace shapan::optimize {
namespace {

using Features = std::vector<std::vector<double>>;  // [day][feature]

constexpr std::uint64_t kSeed = 20261205;  // fixed: the same problem gives the same days
constexpr int kLloydIterations = 100;

[[noreturn]] void refuse(const std::string& field, const std::string& message) {
  throw InputError(InputIssue{.source = "optimize", .field = field, .message = message});
}

double max_of(const std::vector<double>& v) {
  double m = 0.0;
  for (const double x : v) m = std::max(m, std::abs(x));
  return m > 0.0 ? m : 1.0;
}

// One row per day: load / peak, each source's availability, price / max.
Features day_features(const SizingProblem& p, std::size_t per_day) {
  const std::size_t days = p.load_kw.size() / per_day;
  const double peak = max_of(p.load_kw);
  const double price_max = max_of(p.grid_price_per_kwh);
  Features f(days);
  for (std::size_t d = 0; d < days; ++d) {
    for (std::size_t i = d * per_day; i < (d + 1) * per_day; ++i) {
      f[d].push_back(p.load_kw[i] / peak);
      for (const SizedSource& s : p.sources) f[d].push_back(s.availability_per_kw[i]);
      f[d].push_back(p.grid_price_per_kwh[i] / price_max);
    }
  }
  return f;
}

double distance2(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += (a[i] - b[i]) * (a[i] - b[i]);
  return sum;
}

std::size_t nearest(const std::vector<double>& x, const Features& centres) {
  std::size_t best = 0;
  double best_d = std::numeric_limits<double>::infinity();
  for (std::size_t c = 0; c < centres.size(); ++c) {
    const double d = distance2(x, centres[c]);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

// k-means++ seeding: each next centre drawn with probability proportional to
// its squared distance from the centres so far.
Features seeds(const Features& f, std::size_t k, std::mt19937_64& rng) {
  Features centres{f[std::uniform_int_distribution<std::size_t>(0, f.size() - 1)(rng)]};
  while (centres.size() < k) {
    std::vector<double> d2(f.size());
    for (std::size_t i = 0; i < f.size(); ++i)
      d2[i] = distance2(f[i], centres[nearest(f[i], centres)]);
    std::discrete_distribution<std::size_t> pick(d2.begin(), d2.end());
    centres.push_back(f[pick(rng)]);
  }
  return centres;
}

// Lloyd's iterations until the assignment stops changing; the cluster of each day.
std::vector<std::size_t> cluster(const Features& f, std::size_t k) {
  std::mt19937_64 rng(kSeed);
  Features centres = seeds(f, k, rng);
  std::vector<std::size_t> of(f.size(), k);
  for (int it = 0; it < kLloydIterations; ++it) {
    bool changed = false;
    for (std::size_t i = 0; i < f.size(); ++i) {
      const std::size_t c = nearest(f[i], centres);
      changed = changed || c != of[i];
      of[i] = c;
    }
    if (!changed) break;
    Features sum(k, std::vector<double>(f[0].size(), 0.0));
    std::vector<double> count(k, 0.0);
    for (std::size_t i = 0; i < f.size(); ++i) {
      for (std::size_t j = 0; j < f[i].size(); ++j) sum[of[i]][j] += f[i][j];
      count[of[i]] += 1.0;
    }
    for (std::size_t c = 0; c < k; ++c) {
      if (count[c] == 0.0) continue;  // an empty cluster keeps its centre
      for (double& v : sum[c]) v /= count[c];
      centres[c] = sum[c];
    }
  }
  return of;
}

// Copies the steps of `days` (weights per step) from `full` into `out`.
void copy_days(const SizingProblem& full, const std::vector<std::size_t>& days,
               const std::vector<double>& weights, std::size_t per_day, SizingProblem& out) {
  const auto pick = [&](const std::vector<double>& v) {
    std::vector<double> r;
    if (v.empty()) return r;
    r.reserve(days.size() * per_day);
    for (const std::size_t d : days)
      r.insert(r.end(), v.begin() + static_cast<std::ptrdiff_t>(d * per_day),
               v.begin() + static_cast<std::ptrdiff_t>((d + 1) * per_day));
    return r;
  };
  out.load_kw = pick(full.load_kw);
  out.grid_price_per_kwh = pick(full.grid_price_per_kwh);
  out.grid_carbon_kg_per_kwh = pick(full.grid_carbon_kg_per_kwh);
  out.grid_export_price_per_kwh = pick(full.grid_export_price_per_kwh);
  for (std::size_t k = 0; k < full.sources.size(); ++k) {
    out.sources[k].availability_per_kw = pick(full.sources[k].availability_per_kw);
  }
  for (std::size_t b = 0; b < full.storages.size(); ++b) {
    out.storages[b].capacity_frac_per_step = pick(full.storages[b].capacity_frac_per_step);
  }
  for (std::size_t p = 0; p < full.hydro.plants.size(); ++p) {
    const HydroLpPlant& f = full.hydro.plants[p];
    HydroLpPlant& h = out.hydro.plants[p];
    for (auto member : {&HydroLpPlant::inflow_m3_per_s, &HydroLpPlant::kw_per_m3_per_s,
                        &HydroLpPlant::evaporation_hm3, &HydroLpPlant::at_start_hm3,
                        &HydroLpPlant::at_turbine_m3_per_s, &HydroLpPlant::at_release_m3_per_s,
                        &HydroLpPlant::min_release_m3_per_s}) {
      h.*member = pick(f.*member);
    }
    h.period_start_hm3.clear();
    h.period_end_min_hm3.clear();
    for (const std::size_t d : days) {
      h.period_start_hm3.push_back(f.period_start_hm3[d]);
      h.period_end_min_hm3.push_back(f.period_end_min_hm3[d]);
    }
  }
  if (!full.hydro.plants.empty()) out.hydro.period_steps = per_day;
  out.step_weight.clear();
  for (std::size_t i = 0; i < days.size(); ++i)
    out.step_weight.insert(out.step_weight.end(), per_day, weights[i]);
  out.period_steps = per_day;
}

}  // namespace

RepresentativeDays representative_days(const SizingProblem& full, std::size_t days) {
  const double per_day_exact = 24.0 / full.step_h;
  const auto per_day = static_cast<std::size_t>(std::llround(per_day_exact));
  if (std::abs(per_day_exact - static_cast<double>(per_day)) > 1e-9 ||
      full.load_kw.size() % per_day != 0) {
    refuse("representative_days", fmt::format("needs a run of whole days ({} steps of {} h)",
                                              full.load_kw.size(), full.step_h));
  }
  if (!full.step_weight.empty()) refuse("representative_days", "the problem is already reduced");
  const bool anchored =
      full.hydro.plants.size() == 1 && full.hydro.pumped.empty() &&
      full.hydro.plants[0].period_start_hm3.size() == full.load_kw.size() / per_day;
  if (!full.hydro.empty() && !anchored) {
    // A reservoir's volume spans days: a day that stands for others cannot
    // carry it unless its start and end are anchored (anchor_days_at()), or
    // the plant is held at an engine run's series (hydro_held_at()).
    refuse("representative_days",
           "hydro and pumped storage carry their water across days: anchor the reservoir's "
           "days to an engine run (anchor_days_at, one [hydro] plant), hold the hydro at an "
           "engine run's series (hydro_held_at) or size this scenario on the full run "
           "(representative_days = 0)");
  }
  if (full.demand_charge_per_kw_month > 0.0) {
    // Months without a represented day would bill no peak at all.
    refuse("representative_days",
           "a monthly demand charge bills each month's peak import, which days that stand for "
           "others do not have: size this scenario on the full run (representative_days = 0)");
  }
  if (!full.flexible_jobs.empty()) {
    refuse("representative_days",
           "moving jobs carry their work across days: hold them where fcfs runs them "
           "(move_jobs = false) or size this scenario on the full run (representative_days = 0)");
  }
  const std::size_t run_days = full.load_kw.size() / per_day;
  if (days < 1 || days > run_days) {
    refuse("representative_days",
           fmt::format("= {}: must be between 1 and the run's {} days", days, run_days));
  }
  const Features f = day_features(full, per_day);
  const std::vector<std::size_t> of = cluster(f, days);
  // Each non-empty cluster's medoid: the member nearest the members' mean.
  RepresentativeDays out;
  for (std::size_t c = 0; c < days; ++c) {
    std::vector<double> mean(f[0].size(), 0.0);
    double members = 0.0;
    for (std::size_t d = 0; d < f.size(); ++d) {
      if (of[d] != c) continue;
      for (std::size_t j = 0; j < mean.size(); ++j) mean[j] += f[d][j];
      members += 1.0;
    }
    if (members == 0.0) continue;
    for (double& v : mean) v /= members;
    std::size_t medoid = f.size();
    for (std::size_t d = 0; d < f.size(); ++d) {
      if (of[d] == c &&
          (medoid == f.size() || distance2(f[d], mean) < distance2(f[medoid], mean))) {
        medoid = d;
      }
    }
    out.days.push_back(medoid);
    out.weights.push_back(members);
  }
  // Calendar order, weights alongside.
  std::vector<std::size_t> order(out.days.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return out.days[a] < out.days[b]; });
  RepresentativeDays sorted;
  for (const std::size_t i : order) {
    sorted.days.push_back(out.days[i]);
    sorted.weights.push_back(out.weights[i]);
  }
  sorted.problem = full;
  copy_days(full, sorted.days, sorted.weights, per_day, sorted.problem);
  return sorted;
}

SizingProblem anchor_days_at(const SizingProblem& problem,
                             const std::vector<double>& volume_end_hm3) {
  const std::size_t n = problem.load_kw.size();
  const auto per_day = static_cast<std::size_t>(std::llround(24.0 / problem.step_h));
  if (problem.hydro.plants.size() != 1 || !problem.hydro.pumped.empty() ||
      volume_end_hm3.size() != n || per_day == 0 || n % per_day != 0) {
    refuse("representative_days",
           "a reservoir is anchored to an engine run's days only for one [hydro] plant (no "
           "cascade, no pumped storage) over whole days");
  }
  SizingProblem p = problem;
  HydroLpPlant& h = p.hydro.plants[0];
  const double a = problem.step_h * 3600.0 / 1e6;  // hm³ per (m³/s over a step)
  h.period_start_hm3.clear();
  h.period_end_min_hm3.clear();
  for (std::size_t d = 0; d * per_day < n; ++d) {
    const std::size_t first = d * per_day;
    const double start = d == 0 ? h.params.storage_initial_hm3 : volume_end_hm3[first - 1];
    // The most the day can end with after its inflow, evaporation and
    // ecological release (the LP's own figures, which differ from the
    // engine's in the last digits): the anchor never asks for more.
    double most = start;
    for (std::size_t t = first; t < first + per_day; ++t) {
      const double inflow = t < h.inflow_m3_per_s.size() ? h.inflow_m3_per_s[t] : 0.0;
      most += a * (inflow - h.min_release_m3_per_s[t]) - h.evaporation_hm3[t];
    }
    h.period_start_hm3.push_back(start);
    h.period_end_min_hm3.push_back(std::min(volume_end_hm3[first + per_day - 1], most));
  }
  return p;
}

SizingProblem hydro_held_at(const SizingProblem& problem, const std::vector<double>& hydro_kw) {
  if (!problem.hydro.pumped.empty()) {
    refuse("representative_days",
           "pumped storage carries its store across days: size this scenario on the full run "
           "(representative_days = 0)");
  }
  if (hydro_kw.size() != problem.load_kw.size()) {
    refuse("representative_days", fmt::format("the hydro series has {} steps for the run's {}",
                                              hydro_kw.size(), problem.load_kw.size()));
  }
  SizingProblem p = problem;
  if (p.hydro.plants.empty()) return p;
  const double peak_kw = max_of(hydro_kw);
  SizedSource held{.name = p.hydro.plants.front().params.name + " (held at the engine's series)",
                   .kind = "hydro",
                   .capacity_min_kw = peak_kw,
                   .capacity_max_kw = peak_kw};
  held.availability_per_kw.reserve(hydro_kw.size());
  for (const double kw : hydro_kw)
    held.availability_per_kw.push_back(peak_kw > 0.0 ? kw / peak_kw : 0.0);
  p.sources.push_back(std::move(held));
  p.hydro.plants.clear();
  return p;
}

SizingProblem fixed_at(const SizingProblem& problem, const SizingResult& result) {
  SizingProblem p = problem;
  for (std::size_t k = 0; k < p.sources.size(); ++k) {
    p.sources[k].capacity_min_kw = p.sources[k].capacity_max_kw = result.source_capacity_kw[k];
  }
  for (std::size_t b = 0; b < p.storages.size(); ++b) {
    SizedStorage& s = p.storages[b];
    s.power_min_kw = s.power_max_kw = result.storage_power_kw[b];
    s.energy_min_kwh = s.energy_max_kwh = result.storage_energy_kwh[b];
  }
  if (p.grid_tie) p.grid_tie->min_kw = p.grid_tie->max_kw = result.grid_tie_kw;
  return p;
}

}  // namespace shapan::optimize
