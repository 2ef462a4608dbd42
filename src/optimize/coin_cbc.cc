// MILPs on COIN-OR Cbc, branch and bound over Clp relaxations (OsiClp).
#include <CbcModel.hpp>
#include <CglGomory.hpp>
#include <CglMixedIntegerRounding2.hpp>
#include <CglProbing.hpp>
#include <OsiClpSolverInterface.hpp>
#include <chrono>
#include <cmath>

#include "coin_clp.h"
#include "coin_common.h"

namespace shapan::optimize::coin {

Solution solve_milp_with_cbc(const LpModel& model, const SolveOptions& options) {
  if (std::string problems = model_problems(model, options); !problems.empty()) {
    return Solution{.status = SolveStatus::kError, .message = std::move(problems)};
  }
  const auto start = std::chrono::steady_clock::now();
  const CompressedModel m = compress(model);
  OsiClpSolverInterface osi;
  osi.loadProblem(m.num_columns, m.num_rows, m.start.data(), m.index.data(), m.value.data(),
                  m.column_lower.data(), m.column_upper.data(), m.cost.data(), m.row_lower.data(),
                  m.row_upper.data());
  for (std::size_t j = 0; j < model.columns().size(); ++j) {
    if (model.columns()[j].integer) osi.setInteger(static_cast<int>(j));
  }
  osi.messageHandler()->setLogLevel(0);
  // The root LP by primal simplex when asked: Clp's dual simplex misjudged
  // a small master with cuts spanning 1e5 to 1e10 as unbounded, which the
  // primal simplex settles (optimize/sizing_search.cc retries with it).
  if (options.algorithm == Algorithm::kPrimal)
    osi.setHintParam(OsiDoDualInInitial, false, OsiHintDo);
  CbcModel cbc(osi);
  cbc.setLogLevel(options.log ? 1 : 0);
  cbc.messageHandler()->setLogLevel(options.log ? 1 : 0);
  if (options.time_limit_s < kInf) cbc.setMaximumSeconds(options.time_limit_s);
  cbc.setAllowableFractionGap(options.relative_gap);
  cbc.setAllowableGap(0.0);
  CglProbing probing;
  CglGomory gomory;
  CglMixedIntegerRounding2 mir;
  cbc.addCutGenerator(&probing, -1, "Probing");
  cbc.addCutGenerator(&gomory, -1, "Gomory");
  cbc.addCutGenerator(&mir, -1, "MixedIntegerRounding2");
  cbc.initialSolve();
  Solution s;
  if (cbc.isInitialSolveProvenPrimalInfeasible()) {
    s.status = SolveStatus::kInfeasible;
    s.message = "the constraints cannot all hold, even with the integers relaxed";
  } else if (cbc.isInitialSolveProvenDualInfeasible()) {
    s.status = SolveStatus::kUnbounded;
    s.message = "the objective can fall without limit (Cbc: relaxation dual infeasible)";
  } else {
    cbc.branchAndBound();
    const bool have = cbc.bestSolution() != nullptr;
    if (cbc.isProvenOptimal() && have) {
      s.status = SolveStatus::kOptimal;
    } else if (cbc.isProvenInfeasible()) {
      s.status = SolveStatus::kInfeasible;
      s.message = "no integer point satisfies the constraints (Cbc: proven infeasible)";
    } else if (cbc.isContinuousUnbounded()) {
      s.status = SolveStatus::kUnbounded;
      s.message = "the objective can fall without limit";
    } else if (cbc.isSecondsLimitReached()) {
      s.status = have ? SolveStatus::kTimeLimitFeasible : SolveStatus::kTimeLimitNoSolution;
      s.message = have ? "time limit reached; best integer point found returned, with its bound"
                       : "time limit reached before an integer feasible point was found";
    } else {
      s.status = SolveStatus::kError;
      s.message =
          "Cbc stopped without a proven result (status " + std::to_string(cbc.status()) + ")";
    }
    if (have) {
      s.column_values.assign(cbc.bestSolution(), cbc.bestSolution() + m.num_columns);
      s.objective = cbc.getObjValue() + model.objective_offset();
      s.row_activities.assign(static_cast<std::size_t>(m.num_rows), 0.0);
      for (int j = 0; j < m.num_columns; ++j) {
        for (int k = m.start[static_cast<std::size_t>(j)];
             k < m.start[static_cast<std::size_t>(j) + 1]; ++k) {
          s.row_activities[static_cast<std::size_t>(m.index[static_cast<std::size_t>(k)])] +=
              m.value[static_cast<std::size_t>(k)] * s.column_values[static_cast<std::size_t>(j)];
        }
      }
    }
    s.best_bound = cbc.getBestPossibleObjValue() + model.objective_offset();
  }
  s.iterations = cbc.getIterationCount();
  s.seconds = seconds_since(start);
  return s;
}

}  // namespace shapan::optimize::coin
