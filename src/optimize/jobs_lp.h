// The flexible jobs' part of the sizing and dispatch LP (docs/optimization.md,
// "Flexible compute"): columns, rows and their figures. (Private to optimize.)
#pragma once

#include "shapan/optimize/lp.h"
#include "shapan/optimize/sizing.h"
#include "sizing_lp.h"

namespace shapan::optimize::sizing {

// Adds the flexible jobs of `p` (nothing when p.flexible_jobs is empty): per
// step the work rates f_t (and h_t, capped) with their facility power in the
// balance rows and in the grid-share and CFE target rows, the cumulative work
// W_t (H_t) between the envelopes, the capacity row, and the work left undone
// at the end priced like unserved load. Requires: the balance and target rows built.
void add_flexible_jobs(LpModel& m, const SizingProblem& p, Layout& layout);

// The plan of the flexible jobs in `s` (out.flexible_jobs); adds their
// facility energy to out.load_kwh.
void extract_flexible_jobs(const SizingProblem& p, const Layout& layout, const Solution& s,
                           SizingResult& out);

}  // namespace shapan::optimize::sizing
