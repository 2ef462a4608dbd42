// The capacity search's master (sizing_master.h).
#include "sizing_master.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sizing_lp.h"

namespace shapan::optimize::sizing {

double least_units(const Dim& d) { return std::ceil(d.lower / d.unit - 1e-9); }
double most_units(const Dim& d, double upper) {
  return std::max(least_units(d), std::floor(upper / d.unit + 1e-9));
}

double box_top(const Dim& d, double upper) {
  return d.unit > 0.0 ? most_units(d, upper) * d.unit : upper;
}

namespace {

// theta is bounded below by each cut's least value over the box (at a
// corner, found dimension by dimension), so by the largest of those: a bound
// that holds at every x of the box. The master needs no more, but Cbc's root
// LP took it for unbounded when the cuts' slopes spanned 1e5 to 1e10 (points
// that miss a target are paid at the penalty).
double theta_lower_bound(const std::vector<Dim>& dims, const std::vector<double>& upper,
                         const std::vector<Cut>& cuts) {
  double theta_min = -kInf;
  for (const Cut& c : cuts) {
    double least = c.value;
    for (std::size_t i = 0; i < dims.size(); ++i) {
      const double top = box_top(dims[i], upper[i]);
      least += std::min(c.slope[i] * (dims[i].lower - c.x[i]), c.slope[i] * (top - c.x[i]));
    }
    theta_min = std::max(theta_min, least);
  }
  return theta_min;
}

// A cut's row as the master holds it: theta - sum_i g_i scale_i n_i >= V_k -
// g'x_k, divided by how far its largest coefficient exceeds the largest
// capital cost of a column (`typical`). The cuts of points that miss a
// target are paid at the penalty: their slopes reach 1e10 while those near
// the optimum are of the capital costs' order, 1e5 to 1e6. Undivided, the
// master came back "optimal" at points well above its optimum (Clp and Cbc
// alike: on the default base at a 99 % CFE target with the jobs moving,
// 5.1e10 against 6.19e7 found by holding the turbine count at each value),
// which ended the search with its gap falsely closed
// (sizing_master_test.cc). Only the steep rows are divided: dividing every
// row to a largest entry of 1 made the rows near the optimum lose the
// precision the search closes its gap with (Golmud at a 90 % target
// stopped at 500 LPs with a gap of 2e-7).
struct CutRow {
  std::vector<double> entries;  // per dimension column, then theta
  double lower = 0.0;
  double divisor = 1.0;  // the row's multiplier is the cut's weight times this
};

CutRow cut_row(const Cut& c, const std::vector<double>& scale, double typical) {
  CutRow row;
  row.lower = c.value;
  double largest = 0.0;
  for (std::size_t i = 0; i < scale.size(); ++i) {
    row.lower -= c.slope[i] * c.x[i];
    row.entries.push_back(-c.slope[i] * scale[i]);
    largest = std::max(largest, std::abs(row.entries.back()));
  }
  row.divisor = std::max(1.0, largest / typical);
  row.entries.push_back(1.0);
  for (double& a : row.entries) a /= row.divisor;
  row.lower /= row.divisor;
  return row;
}

// The master: a column per dimension (a whole-unit dimension's counts
// units, integer through Cbc: x_i = unit × count, `scale` its unit), theta,
// a row per cut (`divisors`: what each was divided by) and per keep-alive
// constraint.
LpModel master_model(const std::vector<Dim>& dims, const std::vector<double>& upper,
                     const std::vector<Cut>& cuts, const std::vector<KeepAlive>& links,
                     std::vector<double>& scale, std::vector<double>& divisors) {
  scale.assign(dims.size(), 1.0);
  LpModel m;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const Dim& d = dims[i];
    if (d.unit > 0.0) {
      scale[i] = d.unit;
      m.add_column(d.name + "_units", least_units(d), most_units(d, upper[i]), d.cost * d.unit,
                   true);
    } else {
      m.add_column(d.name, d.lower, upper[i], d.cost);
    }
  }
  const int theta = m.add_column("theta", theta_lower_bound(dims, upper, cuts), kInf, 1.0);
  double typical = 1.0;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    typical = std::max(typical, std::abs(dims[i].cost * scale[i]));
  }
  divisors.clear();
  for (const Cut& c : cuts) {
    const CutRow r = cut_row(c, scale, typical);
    const int row = m.add_row("cut", r.lower, kInf);
    for (std::size_t i = 0; i < dims.size(); ++i) {
      if (r.entries[i] != 0.0) m.add_entry(row, static_cast<int>(i), r.entries[i]);
    }
    m.add_entry(row, theta, r.entries.back());
    divisors.push_back(r.divisor);
  }
  for (const KeepAlive& k : links) {
    const int row = m.add_row("keep_alive", 0.0, kInf);
    m.add_entry(row, static_cast<int>(k.power_dim), scale[k.power_dim]);
    m.add_entry(row, static_cast<int>(k.energy_dim), -k.mw_per_mwh * scale[k.energy_dim]);
  }
  return m;
}

}  // namespace

Result<Master> solve_master(const std::vector<Dim>& dims, const std::vector<double>& upper,
                            const std::vector<Cut>& cuts, const std::vector<KeepAlive>& links) {
  std::vector<double> scale, divisors;
  const LpModel m = master_model(dims, upper, cuts, links, scale, divisors);
  SolveOptions o;
  o.presolve = false;
  // The steep cut rows are divided down (cut_row), but a row's entries
  // still span many orders where a capacity barely moves the dispatch cost
  // (slopes of 1e-14 beside 1e10); in this tiny LP that is harmless, so the
  // range check is off.
  o.check_coefficients = false;
  o.relative_gap = 0.0;  // a few integer columns: prove the master's optimum exactly
  // With whole units, the duals are those of the LP with the counts held.
  Solution s = solve_with_duals(m, o);
  if (s.status == SolveStatus::kUnbounded || s.status == SolveStatus::kInfeasible) {
    // The theta column is bounded by the cuts over a finite box, so the
    // master always has an optimum: Clp's dual simplex misjudges it now and
    // then when the cuts' slopes span many orders (a 15-minute year), and
    // the primal simplex then settles it.
    o.algorithm = Algorithm::kPrimal;
    s = solve_with_duals(m, o);
  }
  if (s.status != SolveStatus::kOptimal) {
    return Failure{fmt::format("the master LP over {} cuts is {}{}{}", cuts.size(),
                               to_string(s.status), s.message.empty() ? "" : ": ", s.message)};
  }
  if (s.row_duals.size() != cuts.size() + links.size() ||
      s.reduced_costs.size() != dims.size() + 1) {
    return Failure{
        fmt::format("the master MILP over {} cuts was solved but the LP with its whole "
                    "units held gave no duals",
                    cuts.size())};
  }
  Master out;
  out.bound = s.objective;
  for (std::size_t k = 0; k < cuts.size(); ++k) {
    out.cut_weights.push_back(s.row_duals[k] / divisors[k]);
  }
  for (std::size_t i = 0; i < dims.size(); ++i) {
    out.x.push_back(s.column_values[i] * scale[i]);
    out.reduced_costs.push_back(s.reduced_costs[i] / scale[i]);
  }
  return out;
}

}  // namespace shapan::optimize::sizing
