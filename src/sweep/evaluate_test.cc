#include "shapan/sweep/evaluate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "shapan/core/error.h"
#include "shapan/io/scenario.h"
#include "shapan/sim/simulation.h"

namespace shapan::sweep {
namespace {

using testing::HasSubstr;

std::filesystem::path write_sweep(const std::string& name, const std::string& text) {
  auto path = std::filesystem::current_path() / "tests/sweep" / ("tmp_" + name + ".toml");
  std::ofstream(path) << text;
  return path;
}

// What `shapan run BASE --set ...` puts in summary.json, flattened.
std::vector<std::pair<std::string, double>> reference(const SweepDefinition& d,
                                                      const Configuration& c) {
  const io::Scenario s = io::load_scenario(d.base, overrides(d, c));
  const sim::Results r = sim::run(s.setup);
  return flatten_kpis(metrics::summarize(s.name, r, s.costs), d.keep);
}

// Issue 16: every configuration of a sweep gives exactly the summary that
// `shapan run BASE --set ...` gives, bit for bit (the workload included,
// through the shared cache, in any order).
TEST(EvaluateTest, RowsEqualSeparateRunsBitForBit) {
  const Evaluator e(read_definition("tests/sweep/small.toml"));
  const std::vector<Configuration> c = configurations(e.definition());
  for (const std::size_t i : {11u, 0u, 7u}) {
    const Row row = e.evaluate(c[i]);
    ASSERT_EQ(row.status, RowStatus::kDone) << row.message;
    EXPECT_EQ(row.kpis, reference(e.definition(), c[i])) << "configuration " << i;
    EXPECT_GT(row.kpis.size(), 50u);
  }
}

// An axis on a cached input (the weather file): each value gets its own
// cache entry, and every row equals a load of the same text without cache.
TEST(EvaluateTest, WeatherAxisRowsEqualUncachedRuns) {
  const Evaluator e(read_definition("tests/sweep/weather_axis.toml"));
  const std::vector<Configuration> c = configurations(e.definition());
  for (const std::size_t i : {2u, 5u, 0u}) {
    const Row row = e.evaluate(c[i]);
    ASSERT_EQ(row.status, RowStatus::kDone) << row.message;
    const io::Scenario s =
        io::load_scenario_text(e.base_text(), e.definition().base.string(),
                               e.definition().base.parent_path(), overrides(e.definition(), c[i]));
    const sim::Results r = sim::run(s.setup);
    EXPECT_EQ(row.kpis, flatten_kpis(metrics::summarize(s.name, r, s.costs), {}))
        << "configuration " << i;
  }
  EXPECT_NE(e.evaluate(c[0]).kpis, e.evaluate(c[2]).kpis);
}

TEST(EvaluateTest, OneAndTwoThreadsGiveTheSameRows) {
  const Evaluator e(read_definition("tests/sweep/small.toml"));
  const std::vector<Configuration> c = configurations(e.definition());
  const std::vector<Row> one = evaluate_all(e, std::span(c).first(6), 1);
  const std::vector<Row> two = evaluate_all(e, std::span(c).first(6), 2);
  ASSERT_EQ(one.size(), 6u);
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].id, two[i].id);
    EXPECT_EQ(one[i].kpis, two[i].kpis);
  }
}

// A value the battery model refuses: the axis check lets it through (the key
// exists and the type is right), and its configuration comes back invalid
// with io's message.
TEST(EvaluateTest, AValueOutOfRangeGivesAnInvalidRow) {
  const Evaluator e(read_definition("tests/sweep/invalid_value.toml"));
  e.check_axes();
  const Row row = e.evaluate(configurations(e.definition())[1]);
  EXPECT_EQ(row.status, RowStatus::kInvalid);
  EXPECT_THAT(row.message, HasSubstr("battery.0.energy_kwh = -5 kWh: must be > 0"));
  EXPECT_TRUE(row.kpis.empty());
}

TEST(EvaluateTest, AFirstValueOutOfRangeIsNotAnAxisError) {
  const Evaluator e(read_definition("tests/sweep/range_error_axis.toml"));
  e.check_axes();
  EXPECT_EQ(e.evaluate(configurations(e.definition())[0]).status, RowStatus::kInvalid);
}

TEST(EvaluateTest, UnknownKeyOrWrongTypeNamesTheAxisLine) {
  const Evaluator unknown(read_definition("tests/sweep/unknown_axis.toml"));
  try {
    unknown.check_axes();
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("tests/sweep/unknown_axis.toml:5: pv.0.dc_capacity_mw = "
                                    "100.0 MW: <command line>: pv.0.dc_capacity_mw: unknown key"));
  }
  const auto path = write_sweep("wrong_type", R"(base = "../../examples/qinghai_base.toml"
without = ["workload", "scheduler"]

[[axis]]
key = "pv.0.tilt_deg"
values = [30.0, "steep"]
)");
  const Evaluator wrong(read_definition(path));
  try {
    wrong.check_axes();
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr(path.string() + ":5: pv.0.tilt_deg = \"steep\": "));
    EXPECT_THAT(e.what(), HasSubstr("expected a number"));
  }
  std::filesystem::remove(path);
}

// Left-out sections are blanked line for line: the base without its
// workload has no jobs, and its other lines keep their numbers.
TEST(EvaluateTest, WithoutBlanksSectionsKeepingLines) {
  const Evaluator e(read_definition("tests/sweep/invalid_value.toml"));
  EXPECT_EQ(e.base_text().find("[workload]"), std::string::npos);
  EXPECT_EQ(std::count(e.base_text().begin(), e.base_text().end(), '\n'), [] {
    std::ifstream in("examples/qinghai_base.toml");
    std::string line;
    long n = 0;
    while (std::getline(in, line)) ++n;
    return n;
  }());
  const Row row = e.evaluate(configurations(e.definition())[0]);
  ASSERT_EQ(row.status, RowStatus::kDone);
  EXPECT_TRUE(std::none_of(row.kpis.begin(), row.kpis.end(),
                           [](const auto& k) { return k.first.rfind("jobs.", 0) == 0; }));
}

TEST(EvaluateTest, AMisspeltObjectiveNamesTheParetoLine) {
  const auto path = write_sweep("bad_kpi", R"(base = "../../examples/qinghai_base.toml"
without = ["workload", "scheduler"]
[[axis]]
key = "pv.0.tilt_deg"
values = [30.0]
[pareto]
objectives = ["min cost.totl_cny", "max cfe_score"]
)");
  const Evaluator e(read_definition(path));
  try {
    e.check_kpis();
    FAIL() << "expected an InputError";
  } catch (const InputError& err) {
    EXPECT_THAT(err.what(), HasSubstr(path.string() + ":6: pareto: 'cost.totl_cny' is not a KPI"));
    EXPECT_THAT(err.what(), testing::Not(HasSubstr("cfe_score'")));
  }
  std::filesystem::remove(path);
}

TEST(EvaluateTest, GlobMatch) {
  EXPECT_TRUE(glob_match("cost.*", "cost.total_cny"));
  EXPECT_TRUE(glob_match("*", "x"));
  EXPECT_TRUE(glob_match("*_kwh.*", "energy_kwh.pv"));
  EXPECT_FALSE(glob_match("cost.*", "jobs.cost"));
  EXPECT_FALSE(glob_match("cfe_score", "cfe_scores"));
}

}  // namespace
}  // namespace shapan::sweep
