// The Pareto front of a sweep and the files that show it: DIR/pareto.csv and
// DIR/sweep.html.
#pragma once

#include <string>
#include <vector>

#include "shapan/sweep/definition.h"
#include "shapan/sweep/store.h"

namespace shapan::sweep {

// Indices of the non-dominated points, where every coordinate is to be
// minimised: no other point is as good in every coordinate and better in
// one. Equal points are all kept. In increasing lexicographic order of the
// points (ties by index), so the answer is deterministic.
std::vector<std::size_t> non_dominated(const std::vector<std::vector<double>>& points);

// The rows a front is made of: done, passing the filter, with every
// objective KPI; and the front among them (indices into `rows`).
struct Front {
  std::vector<std::size_t> candidates;
  std::vector<std::size_t> front;
};
Front pareto_front(const SweepDefinition& definition, const std::vector<StoredRow>& rows);

// pareto.csv: header `id,<axis keys>,<objective KPIs>`, then the front's rows
// in the order of non_dominated(); numbers printed shortest round-trip.
// Byte for byte the same for the same stored rows.
std::string pareto_csv(const SweepDefinition& definition, const std::vector<Configuration>& configs,
                       const std::vector<StoredRow>& rows);

// front.json (front_json.cc): {base (the base scenario's file stem),
// without, axes [keys], objectives [{kpi, sense "min"|"max"}], front [{id,
// overrides {axis key: value}, kpis {objective KPI: value}}] in the order of
// pareto.csv, others [[first objective, second objective]] of at most
// `max_others` candidates off the front, candidates (their count)}. For the
// sandbox's sweep view: a point's overrides load it into a run.
std::string front_json(const SweepDefinition& definition, const std::vector<Configuration>& configs,
                       const std::vector<StoredRow>& rows, std::size_t max_others = 2000);

}  // namespace shapan::sweep
