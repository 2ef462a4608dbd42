// LPs on COIN-OR Clp (ClpSimplex), one-shot or as a warm-started session.
#include "coin_clp.h"

#include <ClpEventHandler.hpp>
#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <chrono>
#include <utility>

#include "coin_common.h"

namespace shapan::optimize::coin {
namespace {

void load(ClpSimplex& clp, const CompressedModel& m) {
  clp.loadProblem(m.num_columns, m.num_rows, m.start.data(), m.index.data(), m.value.data(),
                  m.column_lower.data(), m.column_upper.data(), m.cost.data(), m.row_lower.data(),
                  m.row_upper.data());
}

// Stops Clp at the end of the simplex iteration during which
// SolveControl::cancel() was called (Clp then reports status 5, "stopped by
// event"). Clp clones its handler into the presolved model, so the clone
// keeps the same control.
class CancelHandler final : public ClpEventHandler {
 public:
  explicit CancelHandler(SolveControl* control) : control_(control) {}
  ClpEventHandler* clone() const override { return new CancelHandler(*this); }
  int event(Event which) override {
    const bool stop = which == endOfIteration && control_ != nullptr && control_->cancelled();
    return stop ? 0 : -1;
  }

 private:
  SolveControl* control_;
};

bool cancelled(const SolveOptions& options) {
  return options.control != nullptr && options.control->cancelled();
}

// Clp's status (0 optimal, 1 primal infeasible, 2 dual infeasible, 3 stopped
// on a limit, 4+ errors) in ours, with the solution copied out.
Solution read_solution(ClpSimplex& clp, double offset, double seconds,
                       const SolveOptions& options) {
  Solution s;
  s.iterations = clp.numberIterations();
  s.seconds = seconds;
  if (clp.status() != 0 && cancelled(options)) {
    s.status = SolveStatus::kCancelled;
    s.message =
        "cancelled during the simplex, after " + std::to_string(s.iterations) + " iterations";
    return s;
  }
  switch (clp.status()) {
    case 0:
      s.status = SolveStatus::kOptimal;
      break;
    case 1:
      s.status = SolveStatus::kInfeasible;
      s.message = "the constraints cannot all hold (Clp: primal infeasible)";
      break;
    case 2:
      s.status = SolveStatus::kUnbounded;
      s.message = "the objective can fall without limit (Clp: dual infeasible)";
      break;
    case 3:
      s.status = clp.primalFeasible() ? SolveStatus::kTimeLimitFeasible
                                      : SolveStatus::kTimeLimitNoSolution;
      s.message = clp.primalFeasible()
                      ? "time limit reached; the point returned is feasible, not proven optimal"
                      : "time limit reached before a feasible point was found";
      break;
    default:
      s.status = SolveStatus::kError;
      s.message = "Clp stopped with an error (status " + std::to_string(clp.status()) + ")";
      break;
  }
  if (!s.has_point()) return s;
  const int n = clp.numberColumns();
  const int r = clp.numberRows();
  s.objective = clp.objectiveValue() + offset;
  s.column_values.assign(clp.primalColumnSolution(), clp.primalColumnSolution() + n);
  s.row_activities.assign(clp.primalRowSolution(), clp.primalRowSolution() + r);
  if (s.status == SolveStatus::kOptimal) {
    s.row_duals.assign(clp.dualRowSolution(), clp.dualRowSolution() + r);
    s.reduced_costs.assign(clp.dualColumnSolution(), clp.dualColumnSolution() + n);
  }
  return s;
}

ClpSolve::SolveType solve_type(Algorithm a) {
  switch (a) {
    case Algorithm::kPrimal:
      return ClpSolve::usePrimalorSprint;
    case Algorithm::kBarrier:
      return ClpSolve::useBarrier;
    case Algorithm::kDual:
      break;
  }
  return ClpSolve::useDual;
}

void configure(ClpSimplex& clp, const SolveOptions& options) {
  clp.setLogLevel(options.log ? 1 : 0);
  if (options.control != nullptr) {
    CancelHandler handler(options.control);
    clp.passInEventHandler(&handler);  // Clp keeps a clone
  }
  if (options.time_limit_s < kInf) clp.setMaximumSeconds(options.time_limit_s);
}

// Clp solves a scaled copy of the problem. Its secondary status 2, 3 or 4
// says the scaled optimum leaves primal or dual infeasibilities in the
// problem as given: then the objective is not the optimum (seen on the
// capacity search's master, whose cuts span 1e-11 to 1e7). The primal
// simplex on the unscaled problem, from that basis, finishes the solve.
// Returns whether it did (the kept factorization is then of no use).
bool clean_up_unscaled(ClpSimplex& clp) {
  const int secondary = clp.secondaryStatus();
  if (clp.status() != 0 || secondary < 2 || secondary > 4) return false;
  const int scaling = clp.scalingFlag();
  clp.scaling(0);
  clp.primal(1);
  clp.scaling(scaling);
  return true;
}

class ClpSession final : public Session {
 public:
  ClpSession(const LpModel& model, const SolveOptions& options)
      : options_(options),
        offset_(model.objective_offset()),
        problems_(model_problems(model, options)) {
    if (!problems_.empty()) return;
    configure(clp_, options_);
    load(clp_, compress(model));
  }
  void set_column_bounds(int column, double lower, double upper) override {
    clp_.setColumnBounds(column, lower, upper);
  }
  void set_row_bounds(int row, double lower, double upper) override {
    clp_.setRowBounds(row, lower, upper);
  }
  void set_cost(int column, double cost) override { clp_.setObjectiveCoefficient(column, cost); }
  void set_entry(int row, int column, double value) override {
    clp_.modifyCoefficient(row, column, value);
    kept_ = false;  // the kept factorization is of the old matrix
  }
  void set_time_limit(double seconds) override {
    options_.time_limit_s = seconds;
    clp_.setMaximumSeconds(seconds < kInf ? seconds : -1.0);
  }
  Solution solve() override {
    if (!problems_.empty()) return Solution{.status = SolveStatus::kError, .message = problems_};
    if (cancelled(options_)) {
      return Solution{.status = SolveStatus::kCancelled, .message = "cancelled before the LP"};
    }
    const auto start = std::chrono::steady_clock::now();
    if (first_) {
      ClpSolve how;
      how.setSolveType(solve_type(options_.algorithm));
      how.setPresolveType(options_.presolve ? ClpSolve::presolveOn : ClpSolve::presolveOff);
      clp_.initialSolve(how);
      first_ = false;
    } else {
      // Warm start: the previous basis stays dual feasible after bound
      // changes, so dual simplex repairs it in a few pivots. Clp's
      // startFinishOptions keep the work areas and the factorization between
      // solves (1) and reuse them (2, 4), which halves the cost of a re-solve
      // that needs only a few pivots.
      clp_.dual(0, kept_ ? 7 : 1);
      kept_ = true;
    }
    if (clean_up_unscaled(clp_)) kept_ = false;
    return read_solution(clp_, offset_, seconds_since(start), options_);
  }

 private:
  ClpSimplex clp_;
  SolveOptions options_;
  double offset_ = 0.0;
  std::string problems_;
  bool first_ = true;
  bool kept_ = false;  // work areas and factorization kept from the last dual()
};

}  // namespace

Solution solve_lp_with_clp(const LpModel& model, const SolveOptions& options) {
  ClpSession session(model, options);
  return session.solve();
}

}  // namespace shapan::optimize::coin

namespace shapan::optimize {

std::unique_ptr<Session> open_clp_session(const LpModel& model, const SolveOptions& options) {
  return std::make_unique<coin::ClpSession>(model, options);
}

}  // namespace shapan::optimize
