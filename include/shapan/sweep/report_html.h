// DIR/sweep.html: a self-contained page (inline SVG, no script, no network)
// with the scatter of every configuration over the first two objectives and
// the Pareto front highlighted, the best configuration per constraint level
// (HOMER's "optimal system type" table), one-way sensitivity plots per axis,
// and the configurations that were invalid or failed.
#pragma once

#include <string>
#include <vector>

#include "shapan/sweep/definition.h"
#include "shapan/sweep/store.h"

namespace shapan::sweep {

std::string sweep_html(const SweepDefinition& definition, const std::vector<Configuration>& configs,
                       const std::vector<StoredRow>& rows);

// The constraint table's rows: for each level, the index into `rows` of the
// best configuration (by the first objective that is not the constraint)
// among the front's candidates meeting the level (>= for a maximised or
// unlisted constraint KPI, <= for a minimised one), or -1 when none does.
std::vector<long> best_per_level(const SweepDefinition& definition,
                                 const std::vector<StoredRow>& rows,
                                 const std::vector<double>& levels);

}  // namespace shapan::sweep
