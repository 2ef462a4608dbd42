// Hand-solved LPs and MILPs on the COIN-OR adapter: each case states the
// system, the optimum worked out by hand and why, and checks it to 1e-9.
// Units as in every Shapan LP: MW, MWh, $/MWh, tCO2 (STYLE.md §4).
#include "shapan/optimize/lp.h"

#include <gtest/gtest.h>

#include "shapan/optimize/solver.h"

namespace shapan::optimize {
namespace {

constexpr double kTol = 1e-9;

Solution solve(const LpModel& m) { return make_coin_solver()->solve(m, SolveOptions{}); }

// Battery arbitrage over two 1-hour steps. Load 10 MW in each; grid price 20
// then 100 $/MWh; battery 5 MW, 10 MWh, 0.9 charging and 0.9 discharging,
// empty at the start:
//   s0 = 0.9 c0 - d0 / 0.9,  s1 = s0 + 0.9 c1 - d1 / 0.9,  0 <= s <= 10
//   g_t + d_t - c_t = 10,  0 <= c, d <= 5
// A MWh bought at 20 returns 0.81 MWh at 100 (worth 81): charge fully at
// step 0 (c0 = 5, s0 = 4.5) and discharge all of it at step 1 (d1 = 4.05).
// Cost = 20 (10 + 5) + 100 (10 - 4.05) = 300 + 595 = 895 $.
TEST(LpTest, BatteryArbitrageBuysCheapAndSellsDear) {
  LpModel m;
  const double price[2] = {20.0, 100.0};
  int g[2], c[2], d[2], s[2];
  for (int t = 0; t < 2; ++t) {
    g[t] = m.add_column("g", 0.0, kInf, price[t]);
    c[t] = m.add_column("c", 0.0, 5.0, 0.0);
    d[t] = m.add_column("d", 0.0, 5.0, 0.0);
    s[t] = m.add_column("s", 0.0, 10.0, 0.0);
    const int bal = m.add_row("balance", 10.0, 10.0);
    m.add_entry(bal, g[t], 1.0);
    m.add_entry(bal, d[t], 1.0);
    m.add_entry(bal, c[t], -1.0);
    const int soc = m.add_row("soc", 0.0, 0.0);
    m.add_entry(soc, s[t], 1.0);
    if (t > 0) m.add_entry(soc, s[t - 1], -1.0);
    m.add_entry(soc, c[t], -0.9);
    m.add_entry(soc, d[t], 1.0 / 0.9);
  }
  const Solution r = solve(m);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective, 895.0, kTol);
  EXPECT_NEAR(r.column_values[static_cast<std::size_t>(c[0])], 5.0, kTol);
  EXPECT_NEAR(r.column_values[static_cast<std::size_t>(d[1])], 4.05, kTol);
  EXPECT_NEAR(r.column_values[static_cast<std::size_t>(s[0])], 4.5, kTol);
}

// Curtailment: PV can give 30 then 4 MW for a 10 MW load, no storage, grid
// at 50 $/MWh; the balance is an equality with PV output a variable up to its
// availability. Step 0 uses 10 of 30 MW (20 MW curtailed, cost 0); step 1
// takes 4 MW of PV and 6 MW from the grid: cost 300 $.
TEST(LpTest, SurplusIsCurtailedAndDeficitImported) {
  LpModel m;
  const double avail[2] = {30.0, 4.0};
  int pv[2];
  int g[2];
  for (int t = 0; t < 2; ++t) {
    pv[t] = m.add_column("pv", 0.0, avail[t], 0.0);
    g[t] = m.add_column("g", 0.0, kInf, 50.0);
    const int bal = m.add_row("balance", 10.0, 10.0);
    m.add_entry(bal, pv[t], 1.0);
    m.add_entry(bal, g[t], 1.0);
  }
  const Solution r = solve(m);
  ASSERT_EQ(r.status, SolveStatus::kOptimal);
  EXPECT_NEAR(r.objective, 300.0, kTol);
  EXPECT_NEAR(avail[0] - r.column_values[static_cast<std::size_t>(pv[0])], 20.0, kTol);
  EXPECT_NEAR(r.column_values[static_cast<std::size_t>(g[1])], 6.0, kTol);
}

// A CO2 cap that binds. Load 10 MW for two hours; grid at 50 $/MWh and
// 0.5 tCO2/MWh, a clean supply at 80 $/MWh. Uncapped, the grid supplies all
// 20 MWh (10 t, 1,000 $). Cap 6 t: grid <= 12 MWh, clean 8 MWh, cost
// 12 x 50 + 8 x 80 = 1,240 $. One more tonne allowed moves 2 MWh from clean
// to grid, saving 2 x 30 = 60 $: the cap's dual is -60 $/tCO2.
TEST(LpTest, BindingCo2CapHasItsShadowPrice) {
  LpModel m;
  const int cap = m.add_row("co2_cap_t", -kInf, 6.0);
  for (int t = 0; t < 2; ++t) {
    const int g = m.add_column("g", 0.0, kInf, 50.0);
    const int clean = m.add_column("clean", 0.0, kInf, 80.0);
    const int bal = m.add_row("balance", 10.0, 10.0);
    m.add_entry(bal, g, 1.0);
    m.add_entry(bal, clean, 1.0);
    m.add_entry(cap, g, 0.5);
  }
  const Solution r = solve(m);
  ASSERT_EQ(r.status, SolveStatus::kOptimal);
  EXPECT_NEAR(r.objective, 1240.0, kTol);
  EXPECT_NEAR(r.row_duals[static_cast<std::size_t>(cap)], -60.0, kTol);
  EXPECT_NEAR(r.row_activities[static_cast<std::size_t>(cap)], 6.0, kTol);
}

// An infeasible target: load 10 MW for two hours, PV at most 5 MW and only
// in the first hour (availability 1, 0), no storage; grid energy at most 10 %
// of the load's 20 MWh = 2 MWh. The second hour alone needs 10 MWh from the
// grid, so no point satisfies the target.
TEST(LpTest, UnreachableGridShareIsInfeasible) {
  LpModel m;
  const int pv_mw = m.add_column("pv_capacity_mw", 0.0, 5.0, 1.0);
  const int share = m.add_row("grid_share", -kInf, 2.0);
  const double avail[2] = {1.0, 0.0};
  for (int t = 0; t < 2; ++t) {
    const int g = m.add_column("g", 0.0, kInf, 50.0);
    const int bal = m.add_row("balance", 10.0, kInf);
    m.add_entry(bal, g, 1.0);
    m.add_entry(bal, pv_mw, avail[t]);
    m.add_entry(share, g, 1.0);
  }
  const Solution r = solve(m);
  EXPECT_EQ(r.status, SolveStatus::kInfeasible);
  EXPECT_FALSE(r.message.empty());
}

// min -x, x >= 0 with no upper bound: unbounded.
TEST(LpTest, UnboundedObjectiveIsReported) {
  LpModel m;
  const int x = m.add_column("x", 0.0, kInf, -1.0);
  const int row = m.add_row("r", 0.0, kInf);
  m.add_entry(row, x, 1.0);
  EXPECT_EQ(solve(m).status, SolveStatus::kUnbounded);
}

// Whole turbines through Cbc: 7 MW needed, 3 MW turbines at 100 $ each.
// The LP relaxation buys 7/3 turbines (233.33 $); the integer optimum is
// ceil(7/3) = 3 turbines, 300 $.
TEST(LpTest, WholeTurbinesNeedCbc) {
  LpModel m;
  const int n = m.add_column("turbines", 0.0, 10.0, 100.0, true);
  const int need = m.add_row("need_mw", 7.0, kInf);
  m.add_entry(need, n, 3.0);
  const Solution r = solve(m);
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.objective, 300.0, kTol);
  EXPECT_NEAR(r.column_values[0], 3.0, kTol);
  m.set_column_bounds(n, 0.0, 2.0);
  EXPECT_EQ(solve(m).status, SolveStatus::kInfeasible);
}

// The range check names the extremes; NaN and crossed bounds are refused
// before any solve.
TEST(LpTest, CoefficientRangeIsCheckedBeforeSolving) {
  LpModel m;
  const int x = m.add_column("x", 0.0, 1.0, 1.0);
  const int y = m.add_column("y", 0.0, 1.0, 1.0);
  const int row = m.add_row("mixed", 1.0, kInf);
  m.add_entry(row, x, 1e-6);
  m.add_entry(row, y, 1e5);
  const CoefficientRange range = m.coefficient_range();
  EXPECT_DOUBLE_EQ(range.matrix_ratio(), 1e11);
  EXPECT_EQ(range.matrix_min_at, "mixed / x");
  const Solution r = solve(m);
  EXPECT_EQ(r.status, SolveStatus::kError);
  EXPECT_NE(r.message.find("matrix coefficients span 1e+11"), std::string::npos) << r.message;

  LpModel bad;
  bad.add_column("z", 2.0, 1.0, 0.0);
  EXPECT_EQ(solve(bad).status, SolveStatus::kError);
  EXPECT_NE(solve(bad).message.find("column z: bounds [2, 1]"), std::string::npos);
}

// A warm-started session gives the same optimum as a cold solve after a
// bound change: in the CO2 case, cap 8 t lets 16 MWh come from the grid:
// 16 x 50 + 4 x 80 = 1,120 $.
TEST(LpTest, SessionResolvesAfterBoundChange) {
  LpModel m;
  const int cap = m.add_row("co2_cap_t", -kInf, 6.0);
  for (int t = 0; t < 2; ++t) {
    const int g = m.add_column("g", 0.0, kInf, 50.0);
    const int clean = m.add_column("clean", 0.0, kInf, 80.0);
    const int bal = m.add_row("balance", 10.0, 10.0);
    m.add_entry(bal, g, 1.0);
    m.add_entry(bal, clean, 1.0);
    m.add_entry(cap, g, 0.5);
  }
  const auto session = open_clp_session(m, SolveOptions{});
  EXPECT_NEAR(session->solve().objective, 1240.0, kTol);
  session->set_row_bounds(cap, -kInf, 8.0);
  const Solution r = session->solve();
  ASSERT_EQ(r.status, SolveStatus::kOptimal);
  EXPECT_NEAR(r.objective, 1120.0, kTol);
}

}  // namespace
}  // namespace shapan::optimize
