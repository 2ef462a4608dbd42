// `shapan optimize SCENARIO --out DIR [--mode dispatch|mpc|sizing] [--set a.b=v ...]`.
//
// Exit codes (docs/optimization.md): 0 optimal; 2 bad input (as every
// command); 3 a target cannot be met
// within the capacity bounds (optimize.json and the message name the target
// and the best reachable value); 4 time limit reached with a feasible point
// (returned, status time_limit_feasible); 5 time limit without a feasible
// point, an unbounded model or a solver error (mpc: a window LP without a
// plan); 1 anything else.
#pragma once

#include <string>
#include <vector>

namespace shapan::cli {

struct OptimizeOptions {
  std::string scenario;
  std::string out_dir;
  std::string mode;  // empty: the scenario's [optimize] mode
  std::vector<std::string> overrides;
  bool quiet = false;
};

int optimize_command(const OptimizeOptions& options);

}  // namespace shapan::cli
