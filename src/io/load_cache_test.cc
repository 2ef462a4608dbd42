#include "shapan/io/load_cache.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "shapan/core/error.h"
#include "shapan/io/scenario.h"
#include "shapan/metrics/summary.h"
#include "shapan/metrics/writers.h"
#include "shapan/sim/simulation.h"

namespace shapan::io {
namespace {

const char* const kDefault = "examples/qinghai_base.toml";

std::string read_text(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The summary of a run as JSON text: every KPI, printed with full precision.
std::string run_summary(const Scenario& s) {
  const sim::Results r = sim::run(s.setup);
  return metrics::to_json(metrics::summarize(s.name, r, s.costs)).dump();
}

// A sweep loads the same scenario with different overrides through one
// cache: each load must give the run a load without the cache gives, bit
// for bit, whether the override touches a cached part (the weather's
// years, the data center) or not (PV size), with the same warnings.
TEST(LoadCacheTest, LoadsThroughTheCacheRunExactlyLikeLoadsWithout) {
  const std::string text = read_text(kDefault);
  LoadCache cache;
  const std::vector<std::vector<std::string>> variants = {
      {},
      {"pv.0.dc_capacity_kw=300000.0"},
      {"battery.0.energy_kwh=50000.0", "scheduler.policy=fcfs"},
      {"datacenter.it_capacity_kw=45000.0"},
      {"pv.0.dc_capacity_kw=300000.0"},
  };
  for (const auto& overrides : variants) {
    const Scenario plain = load_scenario(kDefault, overrides);
    const Scenario cached = load_scenario_text(text, kDefault, "examples", overrides, &cache);
    EXPECT_EQ(run_summary(cached), run_summary(plain)) << testing::PrintToString(overrides);
    EXPECT_EQ(cached.warnings, plain.warnings);
  }
  // The parsed text, the weather sources, the main source's irradiance
  // closure, [hydro], [grid] and [workload] once; [datacenter] twice (its
  // two contents). (The weather on the run's steps is sim::prepare's.)
  EXPECT_EQ(cache.size(), 8u);
}

// Loads from the cached parse (a copy without source positions) report
// every error exactly as a load without the cache: with file, line and
// column where the file is at fault.
TEST(LoadCacheTest, ErrorsFromTheCachedParseKeepTheirPositions) {
  const std::string text = read_text(kDefault);
  LoadCache cache;
  (void)load_scenario_text(text, kDefault, "examples", {}, &cache);  // parsed and kept
  const auto message = [&](const std::vector<std::string>& overrides, LoadCache* c) {
    try {
      (void)load_scenario_text(text, kDefault, "examples", overrides, c);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"battery.0.soc_min_frac=0.99"},
        std::vector<std::string>{"pv.0.dc_capacity_kw=-5.0"},
        std::vector<std::string>{"datacenter.it_capacity_kw=-1.0", "simulation.years=0"}}) {
    const std::string plain = message(bad, nullptr);
    EXPECT_NE(plain, "no error");
    EXPECT_EQ(message(bad, &cache), plain);
  }
}

// A section read with an issue is not stored: the second load through the
// cache reports the same error as the first.
TEST(LoadCacheTest, ErrorsAreReportedAgainNotCached) {
  const std::string text = read_text(kDefault);
  LoadCache cache;
  const std::vector<std::string> bad = {"weather.file=no_such.epw"};
  for (int i = 0; i < 2; ++i) {
    try {
      (void)load_scenario_text(text, kDefault, "examples", bad, &cache);
      FAIL() << "expected an InputError";
    } catch (const InputError& e) {
      EXPECT_THAT(e.what(), testing::HasSubstr("weather.file"));
    }
  }
}

}  // namespace
}  // namespace shapan::io
