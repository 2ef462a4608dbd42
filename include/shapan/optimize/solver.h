// Solving an LpModel: the solver-neutral interface and its outcome.
//
// Only src/optimize/coin_*.cc include COIN-OR headers; everything else sees
// this interface, so a test can use a fake and another solver can be added
// without touching the models. An infeasible or unbounded model, or a time
// limit, is an expected outcome reported in Solution::status, not an
// exception. Thread-safety: one Solver or Session per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shapan/optimize/control.h"
#include "shapan/optimize/lp.h"

namespace shapan::optimize {

enum class SolveStatus {
  kOptimal,
  kInfeasible,
  kUnbounded,
  kTimeLimitFeasible,    // stopped at the time limit with a feasible (maybe suboptimal) point
  kTimeLimitNoSolution,  // stopped at the time limit before any feasible point was found
  kError,                // the model failed check_model() or the solver failed; see message
  kCancelled,            // stopped by SolveControl::cancel() (control.h); no point is kept
};

std::string_view to_string(SolveStatus status);

enum class Algorithm {
  kDual,     // dual simplex (default: best after bound changes and for these models)
  kPrimal,   // primal simplex
  kBarrier,  // interior point with crossover
};

struct SolveOptions {
  double time_limit_s = kInf;  // wall-clock limit; kInf = none
  Algorithm algorithm = Algorithm::kDual;
  bool presolve = true;
  bool log = false;
  // Refuse models whose matrix spreads more than kMaxMatrixRatio (check_model).
  bool check_coefficients = true;  // the solver's own progress lines on stdout
  // MILP only: stop when (incumbent - bound) / |incumbent| falls below this.
  double relative_gap = 1e-9;
  // Progress and cancel (control.h); none when null. Not owned: it must
  // outlive the solve (and a Session opened with these options).
  SolveControl* control = nullptr;
};

struct Solution {
  SolveStatus status = SolveStatus::kError;
  std::string message;     // the solver's or the model check's words
  double objective = 0.0;  // c'x + offset at column_values (when a point exists)
  std::vector<double> column_values;
  std::vector<double> row_activities;  // A x
  // Dual values: the objective's rate of change per unit increase of the
  // binding bound of each row (row_duals) or column (reduced_costs), for LPs
  // at an optimum (empty for MILPs). A binding <= row in a minimisation has a
  // dual <= 0: loosening it lowers the cost.
  std::vector<double> row_duals;
  std::vector<double> reduced_costs;
  long iterations = 0;      // simplex iterations (MILP: summed over nodes)
  double seconds = 0.0;     // solver wall time
  double best_bound = 0.0;  // MILP: proven lower bound on the objective

  bool has_point() const {
    return status == SolveStatus::kOptimal || status == SolveStatus::kTimeLimitFeasible;
  }
};

class Solver {
 public:
  virtual ~Solver() = default;
  // Checks the model (check_model, or only LpModel::check() when
  // options.check_coefficients is off) and solves it.
  virtual Solution solve(const LpModel& model, const SolveOptions& options) = 0;
};

// An LP loaded once and re-solved after bound or cost changes, each solve
// starting from the previous optimal basis (warm start). LP only.
class Session {
 public:
  virtual ~Session() = default;
  virtual void set_column_bounds(int column, double lower, double upper) = 0;
  virtual void set_row_bounds(int row, double lower, double upper) = 0;
  virtual void set_cost(int column, double cost) = 0;
  // A matrix coefficient (inserted if the model had none there); the next
  // solve refactorizes from the last basis.
  virtual void set_entry(int row, int column, double value) = 0;
  // Wall-clock limit for the next solve() calls (kInf = none).
  virtual void set_time_limit(double seconds) = 0;
  virtual Solution solve() = 0;
};

// COIN-OR Clp for LPs and Cbc (on Clp) when the model has integer columns.
std::unique_ptr<Solver> make_coin_solver();
// Solves `model`; when it has integer columns and Cbc finds a point, the
// integer columns are then fixed at their values and the LP left is solved
// again, so that the solution carries the row duals and reduced costs of
// that LP (the shadow prices with the integer choices held, as HOMER and
// REopt report them). The objective and point are the MILP's; the duals stay
// empty if that LP cannot be solved (callers check).
Solution solve_with_duals(const LpModel& model, const SolveOptions& options);

// A Clp session over `model` (which must have no integer columns).
std::unique_ptr<Session> open_clp_session(const LpModel& model, const SolveOptions& options);

}  // namespace shapan::optimize
