// SizingMethod::kCapacitySearch. A handful of capacities (PV, wind, storage
// power and energy) couple every step of the sizing LP: each capacity column
// has one entry per step, which makes the simplex bases dense and slow (the
// reference LP: ~10-15 s with either simplex, barrier unusable). With the
// capacities x fixed, they become bounds (balance-row bounds, storage
// column bounds) and the rest is a dispatch LP that solves in about a
// second cold and in a fraction of that warm. Its optimal cost V(x) is
// convex and piecewise linear in x (an LP's value as a function of its
// bounds), and its slope comes for free from the duals of the rows and
// columns at those bounds. So x is found by Kelley's cutting-plane method: a
// small master LP minimises capital'x + theta subject to
// theta >= V(x_k) + g_k'(x - x_k) over the points tried; each new point's
// dispatch LP is warm-started from the last basis (dual simplex after bound
// changes). The master's value is a lower bound and the best point's cost an
// upper bound, so the optimality gap is proven when the loop stops (Kelley
// 1960, J. SIAM 8(4) 703-712; the same cuts as Benders decomposition,
// Benders 1962, Numer. Math. 4 238-252). The shadow prices of the targets
// are the master's cut multipliers applied to each cut's duals: the
// combination of dispatch duals whose slope in x balances the capital cost,
// which is the full LP's dual (docs/optimization.md, "Speed").
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "sizing_lp.h"

namespace shapan::optimize::sizing {
namespace {

enum class DimKind { kSource, kPower, kEnergy };

struct Dim {
  DimKind kind = DimKind::kSource;
  std::size_t index = 0;  // source or storage
  std::string name;
  double lower = 0.0, upper = kInf;  // MW or MWh
  double cost = 0.0;                 // per MW or MWh per year
};

struct Cut {
  std::vector<double> x;
  double value = 0.0;  // V(x): the dispatch LP's objective
  std::vector<double> slope;
  std::vector<double> target_duals;  // per layout.targets
};

std::vector<Dim> dims_of(const SizingProblem& p) {
  std::vector<Dim> dims;
  for (std::size_t k = 0; k < p.sources.size(); ++k) {
    const SizedSource& s = p.sources[k];
    dims.push_back(Dim{.kind = DimKind::kSource,
                       .index = k,
                       .name = s.name + "_capacity",
                       .lower = s.capacity_min_kw / 1000.0,
                       .upper = s.capacity_max_kw / 1000.0,
                       .cost = s.cost_per_kw_year * 1000.0});
  }
  for (std::size_t b = 0; b < p.storages.size(); ++b) {
    const SizedStorage& s = p.storages[b];
    dims.push_back(Dim{.kind = DimKind::kPower,
                       .index = b,
                       .name = s.name + "_power",
                       .lower = s.power_min_kw / 1000.0,
                       .upper = s.power_max_kw / 1000.0,
                       .cost = storage_power_cost_per_mw_year(s)});
    if (s.duration_h <= 0.0) {
      dims.push_back(Dim{.kind = DimKind::kEnergy,
                         .index = b,
                         .name = s.name + "_energy",
                         .lower = s.energy_min_kwh / 1000.0,
                         .upper = s.energy_max_kwh / 1000.0,
                         .cost = s.cost_per_kwh_year * 1000.0});
    }
  }
  return dims;
}

Sizes sizes_of(const SizingProblem& p, const std::vector<Dim>& dims, const std::vector<double>& x) {
  Sizes z{.source_mw = std::vector<double>(p.sources.size(), 0.0),
          .power_mw = std::vector<double>(p.storages.size(), 0.0),
          .energy_mwh = std::vector<double>(p.storages.size(), 0.0)};
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const Dim& d = dims[i];
    (d.kind == DimKind::kSource  ? z.source_mw
     : d.kind == DimKind::kPower ? z.power_mw
                                 : z.energy_mwh)[d.index] = x[i];
  }
  return z;
}

// dV/dx. A source's capacity lowers its balance rows' bounds by its
// availability (row duals y_t >= 0: dV/dcap = -sum_t y_t a_t). A storage size
// moves the bounds of its columns: each column at such a bound adds its
// reduced cost times the bound's rate of change (negative reduced cost = at
// the upper bound, positive = at the lower bound).
double slope_for(const SizingProblem& p, const Layout& layout, const Dim& d, const Solution& s) {
  const auto rc = [&](int j) { return s.reduced_costs[static_cast<std::size_t>(j)]; };
  double sum = 0.0;
  if (d.kind == DimKind::kSource) {
    const std::vector<double>& a = p.sources[d.index].availability_per_kw;
    for (std::size_t t = 0; t < layout.balance.size(); ++t) {
      sum -= s.row_duals[static_cast<std::size_t>(layout.balance[t])] * a[t];
    }
    return sum;
  }
  const SizedStorage& st = p.storages[d.index];
  const double per = d.kind == DimKind::kEnergy ? 1.0 : std::max(st.duration_h, 0.0);
  for (std::size_t t = 0; t < layout.soc[d.index].size(); ++t) {
    if (d.kind == DimKind::kPower) {
      sum += std::min(rc(layout.charge[d.index][t]), 0.0);
      sum += std::min(rc(layout.discharge[d.index][t]), 0.0);
    }
    const double r = rc(layout.soc[d.index][t]);
    sum += r * per * (r < 0.0 ? st.soc_max_frac : st.soc_min_frac);
  }
  return sum;
}

struct Master {
  std::vector<double> x;
  double bound = -kInf;
  std::vector<double> cut_weights;    // the cuts' multipliers (sum to 1)
  std::vector<double> reduced_costs;  // capital + combined slope, per dim
};

// min capital'x + theta over the cuts, x within [lower, upper].
Master solve_master(const std::vector<Dim>& dims, const std::vector<double>& upper,
                    const std::vector<Cut>& cuts) {
  LpModel m;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    m.add_column(dims[i].name, dims[i].lower, upper[i], dims[i].cost);
  }
  const int theta = m.add_column("theta", -kInf, kInf, 1.0);
  for (const Cut& c : cuts) {
    double rhs = c.value;
    for (std::size_t i = 0; i < dims.size(); ++i) rhs -= c.slope[i] * c.x[i];
    const int row = m.add_row("cut", rhs, kInf);
    m.add_entry(row, theta, 1.0);
    for (std::size_t i = 0; i < dims.size(); ++i) {
      m.add_entry(row, static_cast<int>(i), -c.slope[i]);
    }
  }
  SolveOptions o;
  o.presolve = false;
  // Cuts from capacities far from the optimum (a target missed and paid at
  // the penalty) are 1e4 times steeper than those near it; in this tiny LP
  // the spread is harmless (Clp scales rows), so the range check is off.
  o.check_coefficients = false;
  const Solution s = make_coin_solver()->solve(m, o);
  if (s.status != SolveStatus::kOptimal) return {};
  Master out;
  out.x.assign(s.column_values.begin(), s.column_values.end() - 1);
  out.bound = s.objective;
  out.cut_weights = s.row_duals;
  out.reduced_costs.assign(s.reduced_costs.begin(), s.reduced_costs.end() - 1);
  return out;
}

// Start and search box: a bound at infinity becomes one that doubles whenever
// the master's point reaches it (the lower bound counts only when none does).
std::vector<double> initial_box(const SizingProblem& p, const std::vector<Dim>& dims) {
  double peak_mw = 0.0;
  for (const double l : p.load_kw) peak_mw = std::max(peak_mw, l / 1000.0);
  std::vector<double> upper(dims.size());
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const double guess = std::max(peak_mw, 1e-3) * (dims[i].kind == DimKind::kEnergy ? 24.0 : 4.0);
    upper[i] = std::isfinite(dims[i].upper) ? dims[i].upper : std::max(guess, 2.0 * dims[i].lower);
  }
  return upper;
}

// The targets' and limits' shadow prices from the master's multipliers.
void combine_duals(const Layout& layout, const std::vector<Dim>& dims, const std::vector<Cut>& cuts,
                   const Master& m, SizingResult& out) {
  out.binding.clear();
  for (std::size_t r = 0; r < layout.targets.size(); ++r) {
    double dual = 0.0;
    for (std::size_t k = 0; k < cuts.size(); ++k)
      dual += m.cut_weights[k] * cuts[k].target_duals[r];
    const TargetRow& t = layout.targets[r];
    if (dual < -1e-9) {
      out.binding.push_back(BindingConstraint{.name = t.name,
                                              .limit = t.limit,
                                              .limit_unit = t.unit,
                                              .shadow_price = -dual,
                                              .shadow_price_unit = "per_" + t.unit + "_per_year"});
    }
  }
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const double rc = m.reduced_costs[i];  // per MW (MWh) per year
    const bool energy = dims[i].kind == DimKind::kEnergy;
    if (rc < -1e-9 && std::isfinite(dims[i].upper)) {
      out.binding.push_back(
          BindingConstraint{.name = dims[i].name + "_max",
                            .limit = dims[i].upper * 1000.0,
                            .limit_unit = energy ? "kWh" : "kW",
                            .shadow_price = -rc / 1000.0,
                            .shadow_price_unit = energy ? "per_kWh_per_year" : "per_kW_per_year"});
    } else if (rc > 1e-9 && dims[i].lower > 0.0) {
      out.binding.push_back(
          BindingConstraint{.name = dims[i].name + "_min",
                            .limit = dims[i].lower * 1000.0,
                            .limit_unit = energy ? "kWh" : "kW",
                            .shadow_price = rc / 1000.0,
                            .shadow_price_unit = energy ? "per_kWh_per_year" : "per_kW_per_year"});
    }
  }
}

}  // namespace

SizingResult solve_capacity_search(const SizingProblem& p, const SizingOptions& options) {
  SizingResult out;
  const auto t0 = std::chrono::steady_clock::now();
  Layout layout;
  const LpModel model = build(p, true, layout);
  const std::vector<Dim> dims = dims_of(p);
  std::vector<double> upper = initial_box(p, dims);
  std::unique_ptr<Session> session = open_clp_session(model, options.solve);
  out.build_seconds = seconds_since_start(t0);

  const auto ts = std::chrono::steady_clock::now();
  std::vector<Cut> cuts;
  Solution best;
  std::vector<double> best_x;
  double best_cost = kInf;
  Master master;
  std::vector<double> x(dims.size());
  // Start at the box's upper corner: a plant that meets any reachable target,
  // so that the first (cold) solve already lands on the realistic side.
  for (std::size_t i = 0; i < dims.size(); ++i) x[i] = upper[i];
  const double limit_s = options.solve.time_limit_s;
  bool out_of_time = false;
  for (int it = 0; it < options.max_outer_iterations; ++it) {
    const double left_s = limit_s - seconds_since_start(t0);
    if (left_s <= 0.0) {
      out_of_time = true;
      break;
    }
    session->set_time_limit(left_s);
    const Sizes z = sizes_of(p, dims, x);
    set_source_capacities(*session, p, layout, z.source_mw);
    for (std::size_t b = 0; b < p.storages.size(); ++b) {
      set_storage_bounds(*session, p, layout, b, z.power_mw[b], z.energy_mwh[b]);
    }
    Solution s = session->solve();
    out.iterations += s.iterations;
    ++out.lp_solves;
    if (s.status == SolveStatus::kTimeLimitFeasible ||
        s.status == SolveStatus::kTimeLimitNoSolution) {
      out_of_time = true;
      break;
    }
    if (s.status != SolveStatus::kOptimal) {
      out.status = s.status;
      out.message =
          fmt::format("dispatch LP at capacities ({} MW): {}", fmt::join(x, ", "), s.message);
      out.solve_seconds = seconds_since_start(ts);
      return out;
    }
    Cut cut{.x = x, .value = s.objective};
    for (const Dim& d : dims) cut.slope.push_back(slope_for(p, layout, d, s));
    for (const TargetRow& t : layout.targets) {
      cut.target_duals.push_back(s.row_duals[static_cast<std::size_t>(t.row)]);
    }
    cuts.push_back(std::move(cut));
    double cost = s.objective;
    for (std::size_t i = 0; i < dims.size(); ++i) cost += dims[i].cost * x[i];
    out.search_trace.push_back(SearchStep{.capacities_mw = x,
                                          .cost_per_year = cost,
                                          .iterations = s.iterations,
                                          .seconds = s.seconds});
    const bool improved = cost < best_cost;
    if (improved) {
      best_cost = cost;
      best_x = x;
      best = std::move(s);
    }
    master = solve_master(dims, upper, cuts);
    if (master.x.empty()) break;
    bool at_artificial = false;
    for (std::size_t i = 0; i < dims.size(); ++i) {
      if (!std::isfinite(dims[i].upper) && master.x[i] >= upper[i] * (1.0 - 1e-12)) {
        upper[i] *= 2.0;
        at_artificial = true;
      }
    }
    if (!at_artificial && best_cost - master.bound <= options.relative_gap * std::abs(best_cost)) {
      break;
    }
    // In-out stabilisation (Ben-Ameur and Neto 2007, Math. Methods Oper.
    // Res. 65 545-566): step from the best point halfway towards the
    // master's, which keeps Kelley's points from swinging between the
    // corners of the cut model; after a step that found nothing better, a
    // full Kelley step, so the method keeps Kelley's convergence. Near the
    // optimum (gap below 1e-4) full steps again: Kelley converges fast there
    // and halving would only creep.
    const bool near = best_cost - master.bound < 1e-4 * std::abs(best_cost);
    const double alpha = improved && !near ? 0.5 : 1.0;
    for (std::size_t i = 0; i < dims.size(); ++i) {
      x[i] = best_x[i] + alpha * (master.x[i] - best_x[i]);
    }
  }
  out.solve_seconds = seconds_since_start(ts);
  if (best_x.empty()) {
    out.status = SolveStatus::kTimeLimitNoSolution;
    out.message =
        fmt::format("time limit of {} s reached before the first dispatch LP was solved", limit_s);
    return out;
  }
  finish(p, layout, best, sizes_of(p, dims, best_x), out);
  if (out_of_time && out.status == SolveStatus::kInfeasible) {
    // Not converged: a target missed so far may still be reachable.
    out.status = SolveStatus::kTimeLimitNoSolution;
    out.message = "time limit reached before a point meeting the targets was found; best so far: " +
                  out.message;
    return out;
  }
  const double gap = best_cost - master.bound;
  if (out.status == SolveStatus::kInfeasible && !master.x.empty()) {
    // Which capacity bounds hold the target back: those at their maximum
    // that the (penalised) optimum would still raise.
    std::string limits;
    for (std::size_t i = 0; i < dims.size(); ++i) {
      if (master.reduced_costs[i] < -1e-9 && std::isfinite(dims[i].upper)) {
        const bool energy = dims[i].kind == DimKind::kEnergy;
        limits += fmt::format("{}{}_max = {} {}", limits.empty() ? "" : ", ", dims[i].name,
                              dims[i].upper * 1000.0, energy ? "kWh" : "kW");
      }
    }
    out.message += limits.empty() ? "; no capacity bound is at its limit (the grid limit or the "
                                    "availability series hold it back)"
                                  : "; limited by " + limits;
  }
  if (out.status != SolveStatus::kOptimal) return out;
  if (master.x.empty() || !(gap <= options.relative_gap * std::abs(best_cost) * 10.0)) {
    out.status = SolveStatus::kTimeLimitFeasible;
    out.message = fmt::format(
        "capacity search stopped ({}) after {} LPs with the optimality gap at {:.6g} (best "
        "{:.10g}, bound {:.10g}): the best point found is returned",
        out_of_time ? "time limit" : "iteration limit", out.lp_solves, gap, best_cost,
        master.bound);
    return out;
  }
  combine_duals(layout, dims, cuts, master, out);
  return out;
}

}  // namespace shapan::optimize::sizing
