// Shared by the COIN-OR adapters: the model in the column-compressed arrays
// that Clp and Osi load, with COIN's infinity. (Private to optimize; only
// coin_*.cc include it.)
#pragma once

#include <chrono>
#include <vector>

#include "shapan/optimize/lp.h"
#include "shapan/optimize/solver.h"

namespace shapan::optimize::coin {

struct CompressedModel {
  int num_columns = 0;
  int num_rows = 0;
  std::vector<int> start;  // num_columns + 1 (CoinBigIndex is int in Debian's build)
  std::vector<int> index;  // row of each nonzero
  std::vector<double> value;
  std::vector<double> column_lower, column_upper, cost, row_lower, row_upper;
};

// Duplicates (same row and column) summed; infinite bounds as COIN_DBL_MAX.
CompressedModel compress(const LpModel& model);

// A Solution with status kError and the check's messages, or nullopt-like
// empty message when the model is fine.
std::string model_problems(const LpModel& model, const SolveOptions& options);

double seconds_since(std::chrono::steady_clock::time_point start);

}  // namespace shapan::optimize::coin
