#include "shapan/optimize/cfe_curve.h"

#include "shapan/core/assert.h"

namespace shapan::optimize {
namespace {

bool has_point(const SizingResult& r) {
  return r.status == SolveStatus::kOptimal || r.status == SolveStatus::kTimeLimitFeasible;
}

CfeCurvePoint point(const SizingProblem& problem, const SizingOptions& options,
                    std::optional<double> target) {
  SizingProblem p = problem;
  p.targets.cfe_min_frac = target;
  CfeCurvePoint c{.cfe_target_frac = target, .result = solve_sizing(p, options)};
  if (has_point(c.result) && c.result.load_kwh > 0.0) {
    c.cfe_frac = 1.0 - c.result.grid_import_kwh / c.result.load_kwh;
    c.co2_per_year_t = c.result.co2_t * years_per_run(problem);
  }
  return c;
}

}  // namespace

double years_per_run(const SizingProblem& problem) {
  double run_h = 0.0;
  for (std::size_t t = 0; t < problem.load_kw.size(); ++t) {
    run_h += problem.step_h * (problem.step_weight.empty() ? 1.0 : problem.step_weight[t]);
  }
  SHAPAN_ASSERT(run_h > 0.0, "a run of at least one step");
  return 8760.0 / run_h;
}

std::vector<CfeCurvePoint> cfe_curve(const SizingProblem& problem, const SizingOptions& options,
                                     const std::vector<double>& targets_frac) {
  std::vector<CfeCurvePoint> curve;
  curve.reserve(targets_frac.size() + 1);
  curve.push_back(point(problem, options, std::nullopt));
  const CfeCurvePoint& base = curve.front();
  for (const double target : targets_frac) {
    CfeCurvePoint c = point(problem, options, target);
    const double avoided_t = base.co2_per_year_t - c.co2_per_year_t;
    if (has_point(base.result) && has_point(c.result) && avoided_t > 1e-9) {
      c.cost_per_t_co2_avoided =
          (c.result.objective_per_year - base.result.objective_per_year) / avoided_t;
    }
    curve.push_back(std::move(c));
  }
  return curve;
}

}  // namespace shapan::optimize
