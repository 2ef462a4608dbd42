#include "overrides.h"

#include <gtest/gtest.h>

namespace shapan::io {
namespace {

toml::table scenario() {
  return toml::parse("[site]\nname = \"a\"\n[[pv]]\ntilt_deg = 20\n[[pv]]\ntilt_deg = 25\n");
}

TEST(OverridesTest, SetsValuesByDottedKeyAndIndex) {
  toml::table root = scenario();
  std::vector<InputIssue> issues;
  const auto applied =
      apply_overrides(root,
                      {"pv.1.tilt_deg=30", "site.name=Golmud base", "grid.import_limit_kw=5e3",
                       "pv.0.albedo=0.3", "datacenter.it_load_profile_frac=[0.5, 0.6]"},
                      issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(root["pv"][1]["tilt_deg"].value<double>(), 30.0);
  EXPECT_EQ(root["pv"][0]["tilt_deg"].value<double>(), 20.0);
  EXPECT_EQ(root["site"]["name"].value<std::string>(), "Golmud base");
  EXPECT_EQ(root["grid"]["import_limit_kw"].value<double>(), 5000.0);
  EXPECT_EQ(root["pv"][0]["albedo"].value<double>(), 0.3);
  EXPECT_EQ(root["datacenter"]["it_load_profile_frac"].as_array()->size(), 2u);
  EXPECT_EQ(applied.at("pv.1.tilt_deg"), "--set pv.1.tilt_deg=30");
}

TEST(OverridesTest, MalformedOverridesAreReported) {
  toml::table root = scenario();
  std::vector<InputIssue> issues;
  (void)apply_overrides(
      root,
      {"pv.0.tilt_deg", "pv.5.tilt_deg=1", "battery.0.energy_kwh=1", "site.name.first=x", "=3"},
      issues);
  ASSERT_EQ(issues.size(), 5u);
  EXPECT_EQ(issues[0].to_string(),
            "<command line>: --set pv.0.tilt_deg: expected key=value, e.g. pv.0.tilt_deg=30");
  EXPECT_EQ(issues[1].to_string(),
            "<command line>: pv.5.tilt_deg: --set pv.5.tilt_deg=1: pv has 2 entries; index '5' "
            "is not one of 0..1");
  EXPECT_EQ(issues[2].to_string(),
            "<command line>: battery.0.energy_kwh: --set battery.0.energy_kwh=1: the scenario "
            "has no [[battery]]");
  EXPECT_EQ(issues[3].to_string(),
            "<command line>: site.name.first: --set site.name.first=x: site.name is a value, "
            "not a table");
}

}  // namespace
}  // namespace shapan::io
