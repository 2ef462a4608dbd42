#include "shapan/sweep/pareto.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "shapan/sweep/report_html.h"

namespace shapan::sweep {
namespace {

using testing::ElementsAre;

// Minimising both coordinates of (1,5) (2,3) (3,4) (4,1) (2,3): (3,4) is
// dominated by (2,3) (better in both); the two equal (2,3) dominate neither
// each other, so both stay; (1,5) and (4,1) are each best in one coordinate.
TEST(ParetoTest, NonDominatedByHand) {
  const std::vector<std::vector<double>> p = {{1, 5}, {2, 3}, {3, 4}, {4, 1}, {2, 3}};
  EXPECT_THAT(non_dominated(p), ElementsAre(0u, 1u, 4u, 3u));
}

std::vector<StoredRow> sample_rows() {
  // cost.total_cny to minimise, cfe_score to maximise; id 2 is worse than
  // id 1 in both, id 3 invalid.
  return {StoredRow{.id = 0,
                    .status = "done",
                    .message = "",
                    .kpis = {{"cost.total_cny", 100.0}, {"cfe_score", 0.80}}},
          StoredRow{.id = 1,
                    .status = "done",
                    .message = "",
                    .kpis = {{"cost.total_cny", 120.0}, {"cfe_score", 0.90}}},
          StoredRow{.id = 2,
                    .status = "done",
                    .message = "",
                    .kpis = {{"cost.total_cny", 130.0}, {"cfe_score", 0.85}}},
          StoredRow{.id = 3, .status = "invalid", .message = "bad", .kpis = {}}};
}

SweepDefinition sample_definition() {
  SweepDefinition d;
  d.axes = {Axis{.key = "pv.0.dc_capacity_kw"}, Axis{.key = "scheduler.policy"}};
  d.objectives = {Objective{.kpi = "cost.total_cny", .maximise = false},
                  Objective{.kpi = "cfe_score", .maximise = true}};
  d.constraint_kpi = "cfe_score";
  return d;
}

TEST(ParetoTest, CsvHoldsTheFrontWithAxisValues) {
  const std::vector<Configuration> c = {{0, {"1.0", "\"fcfs\""}},
                                        {1, {"2.0", "\"fcfs\""}},
                                        {2, {"3.0", "\"a,b\""}},
                                        {3, {"4.0", "\"fcfs\""}}};
  EXPECT_EQ(pareto_csv(sample_definition(), c, sample_rows()),
            "id,pv.0.dc_capacity_kw,scheduler.policy,cost.total_cny,cfe_score\n"
            "0,1.0,fcfs,100,0.8\n"
            "1,2.0,fcfs,120,0.9\n");
}

// front.json: the same front as pareto.csv, each point's configuration as
// typed overrides (numbers as numbers, texts unquoted), the objective KPIs,
// and the candidate off the front (id 2) in the cloud.
TEST(ParetoTest, FrontJsonCarriesEachPointsOverrides) {
  const std::vector<Configuration> c = {{0, {"1.0", "\"fcfs\""}},
                                        {1, {"2", "\"green_following\""}},
                                        {2, {"3.0", "\"a,b\""}},
                                        {3, {"4.0", "\"fcfs\""}}};
  SweepDefinition d = sample_definition();
  d.base = "dir/qinghai_base.toml";
  const nlohmann::json j = nlohmann::json::parse(front_json(d, c, sample_rows()));
  EXPECT_EQ(j["base"], "qinghai_base");
  EXPECT_EQ(j["axes"], nlohmann::json::parse(R"(["pv.0.dc_capacity_kw", "scheduler.policy"])"));
  EXPECT_EQ(j["objectives"][1], nlohmann::json::parse(R"({"kpi": "cfe_score", "sense": "max"})"));
  ASSERT_EQ(j["front"].size(), 2u);
  EXPECT_EQ(j["front"][1]["id"], 1);
  EXPECT_EQ(j["front"][1]["overrides"]["pv.0.dc_capacity_kw"], 2);
  EXPECT_EQ(j["front"][1]["overrides"]["scheduler.policy"], "green_following");
  EXPECT_EQ(j["front"][1]["kpis"]["cost.total_cny"], 120.0);
  EXPECT_EQ(j["others"], nlohmann::json::parse("[[130.0, 0.85]]"));
  EXPECT_EQ(j["candidates"], 3);
}

// The filter removes rows from the front's candidates: with cfe_score >=
// 0.85 only ids 1 and 2 compete, and 1 dominates 2.
TEST(ParetoTest, FilterLimitsTheCandidates) {
  SweepDefinition d = sample_definition();
  d.filter = {Condition{.kpi = "cfe_score", .op = CompareOp::kGreaterEqual, .value = 0.85}};
  const Front f = pareto_front(d, sample_rows());
  EXPECT_THAT(f.candidates, ElementsAre(1u, 2u));
  EXPECT_THAT(f.front, ElementsAre(1u));
}

// HOMER's optimal-system table: at cfe_score >= 0.8 the cheapest is id 0;
// at >= 0.85 id 1 (id 2 meets it but costs more); nothing reaches 0.95.
TEST(ParetoTest, BestPerLevelIsTheCheapestMeetingIt) {
  EXPECT_THAT(best_per_level(sample_definition(), sample_rows(), {0.8, 0.85, 0.95}),
              ElementsAre(0, 1, -1));
}

// sweep.html stands alone: inline SVG, no script or link to fetch; the
// front's points are drawn in red and the level table names the best ids.
TEST(ParetoTest, HtmlIsSelfContained) {
  const std::vector<Configuration> c = {{0, {"1.0", "\"fcfs\""}},
                                        {1, {"2.0", "\"fcfs\""}},
                                        {2, {"3.0", "\"a<b\""}},
                                        {3, {"4.0", "\"fcfs\""}}};
  const std::string html = sweep_html(sample_definition(), c, sample_rows());
  EXPECT_THAT(html, testing::HasSubstr("<svg"));
  EXPECT_THAT(html, testing::HasSubstr("#1 (front)"));
  EXPECT_THAT(html, testing::HasSubstr("a&lt;b"));
  EXPECT_THAT(html, testing::HasSubstr("<td>bad</td>"));
  EXPECT_THAT(html, testing::Not(testing::HasSubstr("<script")));
  EXPECT_THAT(html, testing::Not(testing::HasSubstr("src=")));
  EXPECT_THAT(html, testing::Not(testing::HasSubstr("href=")));
}

}  // namespace
}  // namespace shapan::sweep
