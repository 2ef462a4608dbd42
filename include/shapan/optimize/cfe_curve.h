// The cost–CFE curve of a sizing problem: the least annual cost of the plant
// for each hourly CFE target, and what each point's CO2 costs against the
// least-cost design with no CFE target (docs/optimization.md, "The cost–CFE
// curve"). Each point is a full sizing solve (solve_sizing), so each is a
// proven optimum, not an interpolation.
#pragma once

#include <optional>
#include <vector>

#include "shapan/optimize/sizing.h"

namespace shapan::optimize {

struct CfeCurvePoint {
  std::optional<double> cfe_target_frac;  // none: the problem with no CFE target
  SizingResult result;
  double cfe_frac = 0.0;  // reached, as the LP counts it: 1 − grid imports / load
  double co2_per_year_t = 0.0;
  // (cost − the no-target point's cost) / (its CO2 − this point's CO2), per
  // year; 0 for the no-target point or when no CO2 is avoided.
  double cost_per_t_co2_avoided = 0.0;
};

// The no-target point first, then one point per target in `targets_frac`
// (ascending order as given; each in [0, 1]). The problem's other targets
// (CO2 cap, grid share) hold at every point. A target out of reach gives a
// point with status kInfeasible.
std::vector<CfeCurvePoint> cfe_curve(const SizingProblem& problem, const SizingOptions& options,
                                     const std::vector<double>& targets_frac);

// Annual figures: a run of T steps of Δ hours is 8,760 / (T Δ) years' worth
// (each step counted with its weight, SizingProblem::step_weight).
double years_per_run(const SizingProblem& problem);

}  // namespace shapan::optimize
