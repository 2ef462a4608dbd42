// The two COIN-OR back ends behind make_coin_solver(). (Private to optimize.)
#pragma once

#include "shapan/optimize/lp.h"
#include "shapan/optimize/solver.h"

namespace shapan::optimize::coin {

Solution solve_lp_with_clp(const LpModel& model, const SolveOptions& options);
Solution solve_milp_with_cbc(const LpModel& model, const SolveOptions& options);

}  // namespace shapan::optimize::coin
