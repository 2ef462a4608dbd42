#include "shapan/optimize/solver.h"

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

}  // namespace shapan::optimize
