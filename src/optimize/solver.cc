#include "shapan/optimize/solver.h"

#include <cmath>
#include <utility>

#include "coin_clp.h"

namespace shapan::optimize {

std::string_view to_string(SolveStatus status) {
  switch (status) {
    case SolveStatus::kOptimal:
      return "optimal";
    case SolveStatus::kInfeasible:
      return "infeasible";
    case SolveStatus::kUnbounded:
      return "unbounded";
    case SolveStatus::kTimeLimitFeasible:
      return "time_limit_feasible";
    case SolveStatus::kTimeLimitNoSolution:
      return "time_limit_no_solution";
    case SolveStatus::kCancelled:
      return "cancelled";
    case SolveStatus::kError:
      break;
  }
  return "error";
}

namespace {

class CoinSolver final : public Solver {
 public:
  Solution solve(const LpModel& model, const SolveOptions& options) override {
    return model.has_integers() ? coin::solve_milp_with_cbc(model, options)
                                : coin::solve_lp_with_clp(model, options);
  }
};

}  // namespace

std::unique_ptr<Solver> make_coin_solver() { return std::make_unique<CoinSolver>(); }

Solution solve_with_duals(const LpModel& model, const SolveOptions& options) {
  Solution milp = make_coin_solver()->solve(model, options);
  if (!model.has_integers() || !milp.has_point()) return milp;
  LpModel fixed = model;
  for (std::size_t j = 0; j < model.columns().size(); ++j) {
    if (!model.columns()[j].integer) continue;
    const double v = std::round(milp.column_values[j]);
    fixed.set_column_bounds(static_cast<int>(j), v, v);
    fixed.set_integer(static_cast<int>(j), false);
  }
  Solution lp = coin::solve_lp_with_clp(fixed, options);
  if (lp.status != SolveStatus::kOptimal) {
    // Clp's dual simplex can declare a small LP with fixed columns dual
    // infeasible from a poor start; the primal simplex settles it.
    SolveOptions primal = options;
    primal.algorithm = Algorithm::kPrimal;
    lp = coin::solve_lp_with_clp(fixed, primal);
  }
  if (lp.status != SolveStatus::kOptimal) return milp;  // the point, without duals
  milp.row_duals = std::move(lp.row_duals);
  milp.reduced_costs = std::move(lp.reduced_costs);
  milp.iterations += lp.iterations;
  milp.seconds += lp.seconds;
  return milp;
}

}  // namespace shapan::optimize
