// The capacity search's master problem (optimize/sizing_search.cc): the
// capacities x and theta, the cut model of the dispatch LP's cost V(x), and
// its solution. (Private to optimize.)
#pragma once

#include <string>
#include <vector>

#include "shapan/core/result.h"
#include "shapan/optimize/lp.h"

namespace shapan::optimize::sizing {

enum class DimKind { kSource, kPower, kEnergy, kGridTie };

// One capacity the search sizes, in MW or MWh.
struct Dim {
  DimKind kind = DimKind::kSource;
  std::size_t index = 0;  // source or storage
  std::string name;
  double lower = 0.0, upper = kInf;  // MW or MWh
  double cost = 0.0;                 // per MW or MWh per year
  double unit = 0.0;                 // > 0: whole units of this many MW (turbines)
};

// A battery sized with its energy apart from its power, a minimum state of
// charge and self-discharge: every step the decay of the minimum stored
// energy must be charged back, so a dispatch exists only if
//   power >= self_discharge × soc_min × least fade × energy / (eta_c × dt)
// (summed over a cyclic period of n steps: eta_c dt sum c_t >= sd sum s_t >=
// sd soc_min E sum f_t >= n sd soc_min E min f, f_t the capacity left, 1
// without fade, and c_t <= P). The master keeps its points there, a
// constraint every feasible plant meets, so the optimum is unchanged.
struct KeepAlive {
  std::size_t power_dim = 0, energy_dim = 0;
  double mw_per_mwh = 0.0;
};

// theta >= value + slope'(x' - x): the dispatch LP solved at capacities x.
struct Cut {
  std::vector<double> x;
  double value = 0.0;  // V(x): the dispatch LP's objective
  std::vector<double> slope;
  std::vector<double> target_duals;  // per layout.targets
};

struct Master {
  std::vector<double> x;
  double bound = -kInf;
  std::vector<double> cut_weights;    // the cuts' multipliers (sum to 1)
  std::vector<double> reduced_costs;  // capital + combined slope, per dim
};

// A whole-unit dimension's least and greatest counts within [lower,
// upper], as whole numbers (1e-9 keeps a bound that is a whole multiple
// from losing its unit to rounding; never fewer at the top than at the
// bottom, so a capacity fixed at a whole multiple stays one point).
double least_units(const Dim& d);
double most_units(const Dim& d, double upper);

// The largest point of dimension i within the box: `upper`, or its last
// whole unit.
double box_top(const Dim& d, double upper);

// min capital'x + theta over the cuts, x within [lower, upper] (whole units
// where Dim::unit > 0, through Cbc) and on the keep-alive constraints; or,
// when the master has no optimum, the solver's status and words (an
// expected outcome: the search then stops and says why).
Result<Master> solve_master(const std::vector<Dim>& dims, const std::vector<double>& upper,
                            const std::vector<Cut>& cuts, const std::vector<KeepAlive>& links);

}  // namespace shapan::optimize::sizing
