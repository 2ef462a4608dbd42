// The flexible jobs in the LP (jobs_lp.h); the algebra is in
// docs/optimization.md, "Flexible compute", with the same names.
#include "jobs_lp.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "shapan/core/assert.h"

namespace shapan::optimize::sizing {
namespace {

constexpr double kKwPerMw = 1000.0;

// The share of the load's energy a grid-share or CFE target row allows from
// the grid (its right-hand side per MWh of load), or -1 for another row.
double target_frac(const SizingProblem& p, const TargetRow& t) {
  if (t.name == "grid_share_max") return *p.targets.grid_share_max_frac;
  if (t.name == "cfe_min") return 1.0 - *p.targets.cfe_min_frac;
  return -1.0;
}

// Row W_t − W_{t−1} − Δ f_t − Δ h_t = 0 (W_{−1} = 0), and H_t likewise for h.
void add_cumulative(LpModel& m, const std::vector<int>& done, const std::vector<int>& rate,
                    const std::vector<int>& rate2, double dt_h, const std::string& name) {
  for (std::size_t t = 0; t < done.size(); ++t) {
    const int row = m.add_row(fmt::format("{}[{}]", name, t), 0.0, 0.0);
    m.add_entry(row, done[t], 1.0);
    if (t > 0) m.add_entry(row, done[t - 1], -1.0);
    m.add_entry(row, rate[t], -dt_h);
    if (!rate2.empty()) m.add_entry(row, rate2[t], -dt_h);
  }
}

// The deferrable jobs' own envelopes (two classes): their work e_t runs
// uncapped (e_t ≤ f_t), E_t = E_{t−1} + Δ e_t within [D^d_t, A^d_t], e_t ≥ K_t
// (compulsory parts), and the interruptible rest W_t − E_t within
// [D_t − D^d_t, A_t − A^d_t]: one class's work cannot meet the other's deadlines.
void add_deferrable_class(LpModel& m, const FlexibleJobs& j, double dt_h, FlexibleLayout& f) {
  if (j.deferrable_arrived_kwh.empty()) return;
  const std::size_t n = f.work.size();
  f.deferrable.resize(n);
  f.deferrable_done.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    f.deferrable[t] = m.add_column(fmt::format("jobs_deferrable_mw[{}]", t),
                                   j.must_run_it_kw[t] / kKwPerMw, kInf, 0.0);
    f.deferrable_done[t] = m.add_column(fmt::format("jobs_deferrable_done_mwh[{}]", t),
                                        j.deferrable_due_kwh[t] / kKwPerMw,
                                        j.deferrable_arrived_kwh[t] / kKwPerMw, 0.0);
    const int within = m.add_row(fmt::format("jobs_deferrable_within_work[{}]", t), -kInf, 0.0);
    m.add_entry(within, f.deferrable[t], 1.0);
    m.add_entry(within, f.work[t], -1.0);
    const double hi_mwh = std::max(0.0, j.arrived_kwh[t] - j.deferrable_arrived_kwh[t]) / kKwPerMw;
    const double lo_mwh =
        std::clamp((j.due_kwh[t] - j.deferrable_due_kwh[t]) / kKwPerMw, 0.0, hi_mwh);
    const int rest = m.add_row(fmt::format("jobs_interruptible_done[{}]", t), lo_mwh, hi_mwh);
    m.add_entry(rest, f.done[t], 1.0);
    m.add_entry(rest, f.deferrable_done[t], -1.0);
  }
  add_cumulative(m, f.deferrable_done, f.deferrable, {}, dt_h, "jobs_deferrable_done_balance");
}

}  // namespace

void add_flexible_jobs(LpModel& m, const SizingProblem& p, Layout& layout) {
  const FlexibleJobs& j = p.flexible_jobs;
  if (j.empty()) return;
  const std::size_t n = p.load_kw.size();
  SHAPAN_ASSERT(j.pue.size() == n && j.free_it_kw.size() == n && j.arrived_kwh.size() == n &&
                    j.due_kwh.size() == n && j.cappable_arrived_kwh.size() == n &&
                    j.window_it_kw.size() == n && j.must_run_it_kw.size() == n,
                "one flexible-jobs value per step");
  FlexibleLayout& f = layout.flexible;
  const double dt = p.step_h;
  const bool capping = j.capped_power_frac < 1.0 && j.cappable_arrived_kwh.back() > 0.0;
  f.work.resize(n);
  f.done.resize(n);
  if (capping) {
    f.capped.resize(n);
    f.capped_done.resize(n);
  }
  for (std::size_t t = 0; t < n; ++t) {
    const double free_mw = j.free_it_kw[t] / kKwPerMw;
    const double window_mw = j.window_it_kw[t] / kKwPerMw;
    f.work[t] = m.add_column(fmt::format("jobs_work_mw[{}]", t), j.must_run_it_kw[t] / kKwPerMw,
                             std::min(free_mw, window_mw), 0.0);
    m.add_entry(layout.balance[t], f.work[t], -j.pue[t]);
    f.done[t] = m.add_column(fmt::format("jobs_done_mwh[{}]", t), j.due_kwh[t] / kKwPerMw,
                             j.arrived_kwh[t] / kKwPerMw, 0.0);
    if (!capping) continue;
    f.capped[t] = m.add_column(fmt::format("jobs_capped_work_mw[{}]", t), 0.0,
                               std::min(free_mw * j.capped_speed_frac, window_mw), 0.0);
    m.add_entry(layout.balance[t], f.capped[t], -j.pue[t] * j.capped_power_frac);
    f.capped_done[t] = m.add_column(fmt::format("jobs_capped_done_mwh[{}]", t), 0.0,
                                    j.cappable_arrived_kwh[t] / kKwPerMw, 0.0);
    // Reserved capacity: uncapped power at full speed, 1/s per unit of capped work.
    const int row = m.add_row(fmt::format("jobs_capacity[{}]", t), -kInf, free_mw);
    m.add_entry(row, f.work[t], 1.0);
    m.add_entry(row, f.capped[t], 1.0 / j.capped_speed_frac);
    // No job above its power: the work rate within the jobs in their windows.
    const int in_window = m.add_row(fmt::format("jobs_in_window[{}]", t), -kInf, window_mw);
    m.add_entry(in_window, f.work[t], 1.0);
    m.add_entry(in_window, f.capped[t], 1.0);
  }
  add_cumulative(m, f.done, f.work, f.capped, dt, "jobs_done_balance");
  if (capping) add_cumulative(m, f.capped_done, f.capped, {}, dt, "jobs_capped_done_balance");
  add_deferrable_class(m, j, dt, f);
  // Every arrived job done by the end, or the rest priced as unserved.
  const double arrived_mwh = j.arrived_kwh.back() / kKwPerMw;
  const int end_row = m.add_row("jobs_done_at_end", arrived_mwh, kInf);
  m.add_entry(end_row, f.done.back(), 1.0);
  f.unfinished = m.add_column("jobs_unfinished_mwh", 0.0, kInf,
                              kTargetPenalty * (p.allow_unserved ? layout.year_factor : 1.0));
  m.add_entry(end_row, f.unfinished, 1.0);
  // Grid-share and CFE targets count the flexible load's energy.
  for (const TargetRow& target : layout.targets) {
    const double frac = target_frac(p, target);
    if (frac < 0.0) continue;
    for (std::size_t t = 0; t < n; ++t) {
      m.add_entry(target.row, f.work[t], -frac * dt * j.pue[t]);
      if (capping)
        m.add_entry(target.row, f.capped[t], -frac * dt * j.pue[t] * j.capped_power_frac);
    }
  }
}

void extract_flexible_jobs(const SizingProblem& p, const Layout& layout, const Solution& s,
                           SizingResult& out) {
  const FlexibleLayout& f = layout.flexible;
  out.flexible_jobs = FlexiblePlan{};
  if (f.work.empty()) return;
  const auto x = [&](int c) { return s.column_values[static_cast<std::size_t>(c)]; };
  const FlexibleJobs& j = p.flexible_jobs;
  FlexiblePlan& plan = out.flexible_jobs;
  const std::size_t n = f.work.size();
  plan.work_it_kw.resize(n);
  plan.capped_work_it_kw.assign(n, 0.0);
  for (std::size_t t = 0; t < n; ++t) {
    const double capped_kw = f.capped.empty() ? 0.0 : std::max(0.0, x(f.capped[t])) * kKwPerMw;
    const double work_kw = std::max(0.0, x(f.work[t])) * kKwPerMw;
    plan.work_it_kw[t] = work_kw + capped_kw;
    plan.capped_work_it_kw[t] = capped_kw;
    const double it_kwh = (work_kw + capped_kw * j.capped_power_frac) * p.step_h;
    plan.it_kwh += it_kwh;
    plan.facility_kwh += it_kwh * j.pue[t];
  }
  plan.unfinished_kwh = std::max(0.0, x(f.unfinished)) * kKwPerMw;
  out.load_kwh += plan.facility_kwh;
}

}  // namespace shapan::optimize::sizing
