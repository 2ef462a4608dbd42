#include "shapan/sweep/definition.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <set>

#include "shapan/core/error.h"
#include "shapan/sweep/evaluate.h"

namespace shapan::sweep {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;

// A SWEEP.toml written to a temporary file for one test.
std::filesystem::path write_sweep(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("shapan_" + name + ".toml");
  std::ofstream(path) << text;
  return path;
}

// tests/sweep/small.toml: 2 × 3 × 2 values; the first axis varies slowest,
// ranges include both ends, strings are quoted TOML literals.
TEST(DefinitionTest, GridOfListsAndRangesInOrder) {
  const SweepDefinition d = read_definition("tests/sweep/small.toml");
  ASSERT_EQ(d.axes.size(), 3u);
  EXPECT_THAT(d.axes[1].values, ElementsAre("100000.0", "200000.0", "300000.0"));
  const std::vector<Configuration> c = configurations(d);
  ASSERT_EQ(c.size(), 12u);
  EXPECT_THAT(c[0].values, ElementsAre("150000.0", "100000.0", "\"fcfs\""));
  EXPECT_THAT(c[1].values, ElementsAre("150000.0", "100000.0", "\"green_following\""));
  EXPECT_THAT(c[11].values, ElementsAre("250000.0", "300000.0", "\"green_following\""));
  EXPECT_THAT(overrides(d, c[1]),
              ElementsAre("pv.0.dc_capacity_kw=150000.0", "battery.0.energy_kwh=100000.0",
                          "scheduler.policy=\"green_following\""));
  ASSERT_EQ(d.filter.size(), 1u);
  EXPECT_TRUE(d.filter[0].holds(0.5));
  EXPECT_FALSE(d.filter[0].holds(0.49));
}

// Latin hypercube (McKay et al. 1979): with N samples on [0, 1), each of the
// N strata [i/N, (i+1)/N) holds exactly one sample, on every axis; the same
// seed gives the same samples, another seed others.
TEST(DefinitionTest, LatinHypercubeHasOneSamplePerStratumAndIsSeeded) {
  const std::string text = R"(base = "x.toml"
[sampling]
method = "latin_hypercube"
samples = 20
seed = 7
[[axis]]
key = "a.b"
from = 0.0
to = 1.0
[[axis]]
key = "c.d"
from = 0.0
to = 1.0
)";
  const SweepDefinition d = read_definition(write_sweep("lhs", text));
  const std::vector<Configuration> c = configurations(d);
  ASSERT_EQ(c.size(), 20u);
  for (std::size_t axis = 0; axis < 2; ++axis) {
    std::set<int> strata;
    for (const Configuration& k : c) {
      const double v = std::stod(k.values[axis]);
      strata.insert(static_cast<int>(v * 20));
    }
    EXPECT_EQ(strata.size(), 20u) << "axis " << axis;
  }
  EXPECT_EQ(configurations(read_definition(write_sweep("lhs", text)))[3].values, c[3].values);
  std::string other = text;
  other.replace(other.find("seed = 7"), 8, "seed = 8");
  EXPECT_NE(configurations(read_definition(write_sweep("lhs2", other)))[3].values, c[3].values);
}

// Random samples of an integer range stay integers within it.
TEST(DefinitionTest, RandomIntegerSamplesStayInRange) {
  const SweepDefinition d = read_definition(write_sweep("rnd", R"(base = "x.toml"
[sampling]
method = "random"
samples = 200
[[axis]]
key = "wind.0.count"
from = 3
to = 5
)"));
  std::set<std::string> seen;
  for (const Configuration& c : configurations(d)) seen.insert(c.values[0]);
  EXPECT_EQ(seen, (std::set<std::string>{"3", "4", "5"}));
}

TEST(DefinitionTest, ErrorsNameTheFileAndLine) {
  const auto path = write_sweep("bad", R"(base = "x.toml"
[[axis]]
key = "pv.0.tilt_deg"
form = 10.0
)");
  try {
    (void)read_definition(path);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr(path.string() + ":4:8: axis.0.form: unknown key"));
    EXPECT_THAT(e.what(), HasSubstr("needs values = [...] or from and to"));
  }
}

TEST(DefinitionTest, FilterClausesJoinedByAnd) {
  const SweepDefinition d = read_definition(write_sweep("filter", R"(base = "x.toml"
[[axis]]
key = "a.b"
values = [1, 2]
[pareto]
filter = "cfe_score >= 0.9 and cost.total_cny < 2e8"
)"));
  ASSERT_EQ(d.filter.size(), 2u);
  EXPECT_EQ(d.filter[1].kpi, "cost.total_cny");
  EXPECT_EQ(d.filter[1].value, 2e8);
  EXPECT_TRUE(d.filter[1].holds(1.9e8));
  EXPECT_FALSE(d.filter[1].holds(2e8));
}

// The hash changes with the configurations' values and the base's text, not
// with the Pareto settings.
TEST(DefinitionTest, HashFollowsWhatDeterminesTheResults) {
  SweepDefinition d = read_definition("tests/sweep/small.toml");
  const auto c = configurations(d);
  const std::string h = definition_hash(d, "base", c);
  EXPECT_EQ(h.size(), 16u);
  d.objectives.clear();
  EXPECT_EQ(definition_hash(d, "base", c), h);
  EXPECT_NE(definition_hash(d, "base ", c), h);
  auto other = c;
  other[5].values[0] = "150000.5";
  EXPECT_NE(definition_hash(d, "base", other), h);
}

// Every shipped sweep (examples/*sweep*.toml) reads, and its axes and KPIs
// check against its base, as `shapan sweep` checks them before running.
TEST(DefinitionTest, ShippedExampleSweepsAreValid) {
  int found = 0;
  for (const auto& entry : std::filesystem::directory_iterator("examples")) {
    const std::string name = entry.path().filename().string();
    if (name.find("sweep") == std::string::npos || entry.path().extension() != ".toml") continue;
    ++found;
    SCOPED_TRACE(name);
    const Evaluator e(read_definition(entry.path()));
    EXPECT_NO_THROW(e.check_axes());
    EXPECT_NO_THROW(e.check_kpis());
    EXPECT_GT(configurations(e.definition()).size(), 1u);
  }
  EXPECT_GE(found, 1);
}

TEST(DefinitionTest, FloatsAreWrittenAsTomlFloats) {
  EXPECT_EQ(toml_float(200000.0), "200000.0");
  EXPECT_EQ(toml_float(0.1), "0.1");
  EXPECT_EQ(toml_float(1e20), "1e+20");
  EXPECT_EQ(std::stod(toml_float(1.0 / 3.0)), 1.0 / 3.0);
}

}  // namespace
}  // namespace shapan::sweep
