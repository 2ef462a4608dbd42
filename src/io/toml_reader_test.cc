#include "toml_reader.h"

#include <gtest/gtest.h>

namespace shapan::io {
namespace {

TEST(ClosestMatchTest, SuggestsNearbyKeysOnly) {
  const std::vector<std::string> keys = {"tilt_deg", "azimuth_deg", "dc_capacity_kw"};
  EXPECT_EQ(closest_match("tilt_degs", keys), "tilt_deg");
  EXPECT_EQ(closest_match("azimut_deg", keys), "azimuth_deg");
  EXPECT_EQ(closest_match("capacity_kw", keys), "dc_capacity_kw");
  EXPECT_EQ(closest_match("wind_speed", keys), std::nullopt);
}

// A key written without its unit suffix is that key (issue 17: "tilt" used
// to suggest "iam", which is nearer by edit distance).
TEST(ClosestMatchTest, AKeyWithoutItsUnitSuffixFindsIt) {
  const std::vector<std::string> keys = {"iam", "tilt_deg", "azimuth_deg", "losses_frac"};
  EXPECT_EQ(closest_match("tilt", keys), "tilt_deg");
  EXPECT_EQ(closest_match("azimuth", keys), "azimuth_deg");
  EXPECT_EQ(closest_match("losses", keys), "losses_frac");
  EXPECT_EQ(closest_match("ia", keys), "iam");
}

struct Fixture {
  explicit Fixture(std::string_view text)
      : root(toml::parse(text, std::string_view("t.toml"))),
        ctx{.source = "t.toml", .base_dir = ".", .overrides = {}, .issues = {}} {}
  toml::table root;
  ReadContext ctx;
};

// Line 2 holds `b = "x"`: the value starts at column 5.
TEST(TableReaderTest, WrongTypeIsLocatedAtTheValue) {
  Fixture f("a = 1\nb = \"x\"\n");
  TableReader r(f.root, "sec", f.ctx);
  EXPECT_EQ(r.number("a", 0.0), 1.0);
  EXPECT_EQ(r.number("b", 7.0), 7.0);
  ASSERT_EQ(f.ctx.issues.size(), 1u);
  EXPECT_EQ(f.ctx.issues[0].to_string(),
            "t.toml:2:5: sec.b: expected a number, found \"x\" (a string)");
}

TEST(TableReaderTest, UnknownKeysAreLocatedAtTheKeyWithASuggestion) {
  Fixture f("tilt_deg = 1\n  tilt_degs = 2\n");
  TableReader r(f.root, "pv.0", f.ctx);
  (void)r.number("tilt_deg", 0.0);
  r.finish();
  ASSERT_EQ(f.ctx.issues.size(), 1u);
  EXPECT_EQ(f.ctx.issues[0].to_string(),
            "t.toml:2:3: pv.0.tilt_degs: unknown key (did you mean \"tilt_deg\"?)");
}

TEST(TableReaderTest, ChoiceSuggestsTheNearestName) {
  enum class Kind { kA, kB };
  Fixture f("kind = \"alpah\"\n");
  TableReader r(f.root, "x", f.ctx);
  EXPECT_EQ(r.choice("kind", {{"alpha", Kind::kA}, {"beta", Kind::kB}}, Kind::kB), Kind::kB);
  ASSERT_EQ(f.ctx.issues.size(), 1u);
  EXPECT_EQ(f.ctx.issues[0].message,
            "\"alpah\" is not one of \"alpha\", \"beta\" (did you mean \"alpha\"?)");
}

TEST(TableReaderTest, NumbersAcceptAScalarOrAnArray) {
  Fixture f("a = 2\nb = [1, 2.5]\nc = [1, \"x\"]\n");
  TableReader r(f.root, "", f.ctx);
  EXPECT_EQ(r.numbers("a", {}), std::vector<double>{2.0});
  EXPECT_EQ(r.numbers("b", {}), (std::vector<double>{1.0, 2.5}));
  EXPECT_EQ(r.numbers("c", {9.0}), std::vector<double>{9.0});
  ASSERT_EQ(f.ctx.issues.size(), 1u);
  EXPECT_EQ(f.ctx.issues[0].message, "element 1: expected a number, found \"x\" (a string)");
}

TEST(TableReaderTest, ReportMapsFieldIssuesToKeys) {
  Fixture f("x = 1\n\nenergy_kwh = -5\n");
  TableReader r(f.root, "battery.0", f.ctx);
  r.report({FieldIssue{"energy_kwh", "= -5: must be >= 0"}});
  ASSERT_EQ(f.ctx.issues.size(), 1u);
  EXPECT_EQ(f.ctx.issues[0].to_string(),
            "t.toml:3:14: battery.0.energy_kwh = -5 kWh: must be >= 0");
}

TEST(TableReaderTest, OverriddenFieldsNameTheCommandLine) {
  Fixture f("tilt_deg = 95\n");
  f.ctx.overrides["pv.0.tilt_deg"] = "--set pv.0.tilt_deg=95";
  TableReader r(f.root, "pv.0", f.ctx);
  r.report({FieldIssue{"tilt_deg", "= 95: must be between 0 and 90"}});
  ASSERT_EQ(f.ctx.issues.size(), 1u);
  EXPECT_EQ(f.ctx.issues[0].to_string(),
            "<command line>: pv.0.tilt_deg = 95°: must be between 0 and 90 (from --set "
            "pv.0.tilt_deg=95)");
}

}  // namespace
}  // namespace shapan::io
