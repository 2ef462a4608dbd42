// Representative days: a sizing problem over a year reduced to a few days
// that stand for the others (docs/optimization.md, "Representative days").
//
// Each day of the run is a vector of its steps' load (over the run's peak),
// each source's availability per kW and the grid price (over its maximum).
// k-means (Lloyd's algorithm from k-means++ seeds drawn with a fixed seed;
// Arthur and Vassilvitskii 2007) groups the days into `days` clusters; each
// cluster is represented by its medoid, the member day nearest the cluster's
// mean, weighted by the number of days in the cluster (so the weights add up
// to the run's days). The reduced problem keeps the capacities, costs and
// targets; its steps are the chosen days in calendar order, each step
// weighted by its day's weight, and each storage's state of charge is cyclic
// within each day (a battery carries nothing from one represented day to
// the next: seasonal storage is out of reach of this reduction, as in
// PyPSA's and TSAM's typical periods without linking).
#pragma once

#include <cstddef>
#include <vector>

#include "shapan/optimize/sizing.h"

namespace shapan::optimize {

struct RepresentativeDays {
  SizingProblem problem;          // the reduced problem
  std::vector<std::size_t> days;  // the chosen days (0 = the run's first), ascending
  std::vector<double> weights;    // days each stands for; sums to the run's days
};

// Requires: the run is whole days (24 h / step_h steps each) and 1 <= days
// <= the run's days; throws InputError naming the field otherwise.
RepresentativeDays representative_days(const SizingProblem& full, std::size_t days);

// `problem` with its hydro plants (the [hydro] plant and its cascade) held
// at an engine run's output `hydro_kw` (per step): a source of fixed
// capacity (the series' peak) whose availability is the series, curtailable
// as spill. Representative days cannot carry a reservoir across days; the
// held series keeps each day's hydro energy and shape as the engine ran it
// (the flexibility of moving water within the day is lost: the full-run
// check of the sized plant, with the hydro in the LP, measures the error).
// Requires: no pumped storage (throws InputError naming the field).
SizingProblem hydro_held_at(const SizingProblem& problem, const std::vector<double>& hydro_kw);

// `problem` with every capacity fixed at `result`'s (bounds min = max), so
// that solve_sizing() gives the run's dispatch and cost at those capacities:
// how the plant sized on representative days fares over the full run.
// Requires: `result` has capacities for `problem`'s sources and storages.
SizingProblem fixed_at(const SizingProblem& problem, const SizingResult& result);

}  // namespace shapan::optimize
