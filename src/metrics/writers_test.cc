#include "shapan/metrics/writers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace shapan::metrics {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(WritersTest, SummaryJsonHasTheDocumentedKeys) {
  Summary s;
  s.scenario = "x";
  s.energy_kwh.pv = 12.5;
  s.cost.lcoe_per_kwh = 0.3;
  const nlohmann::ordered_json j = to_json(s);
  for (const char* key : {"pv", "wind", "hydro", "battery_charge", "battery_discharge",
                          "grid_import", "grid_export", "curtailed", "datacenter", "unserved"}) {
    EXPECT_TRUE(j["energy_kwh"].contains(key)) << key;
  }
  for (const char* key :
       {"green_share", "annual_matching_frac", "cfe_score", "curtailment_rate", "emissions_t",
        "grid_carbon_basis", "battery_equivalent_cycles", "balance_max_abs_error_kwh"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  for (const char* key : {"wind_solar_to_load", "wind_solar_to_grid"}) {
    EXPECT_TRUE(j["energy_kwh"].contains(key)) << key;
  }
  for (const char* key :
       {"self_use_frac", "consumption_share_frac", "export_share_frac", "self_use_min_frac",
        "consumption_share_min_frac", "export_share_max_frac", "compliant"}) {
    EXPECT_TRUE(j["direct_supply"].contains(key)) << key;
  }
  EXPECT_DOUBLE_EQ(j["energy_kwh"]["pv"].get<double>(), 12.5);
  EXPECT_DOUBLE_EQ(j["cost"]["lcoe_per_kwh"].get<double>(), 0.3);
}

// Every money figure is in the cost book's currency ([finance] currency, issue
// 15 item 6): summary.json names it beside the costs, and the text table's
// LCOE carries it (a USD scenario no longer reads "CNY/kWh").
TEST(WritersTest, SummaryNamesTheCurrencyOfItsMoneyFigures) {
  Summary s;
  EXPECT_EQ(to_json(s)["currency"], "CNY");
  s.currency = "USD";
  s.cost.lcoe_per_kwh = 0.0327;
  EXPECT_EQ(to_json(s)["currency"], "USD");
  const std::string table = format_kpi_table(s);
  EXPECT_NE(table.find("0.0327 USD/kWh"), std::string::npos) << table;
  EXPECT_EQ(table.find("CNY"), std::string::npos) << table;
}

// Input warnings (docs/weather.md §10) are a list, empty when there are none.
TEST(WritersTest, SummaryJsonListsTheInputWarnings) {
  Summary s;
  EXPECT_EQ(to_json(s)["warnings"], nlohmann::ordered_json::array());
  s.warnings = {"[weather] (g.epw): the irradiance does not close"};
  const nlohmann::ordered_json j = to_json(s);
  ASSERT_EQ(j["warnings"].size(), 1u);
  EXPECT_EQ(j["warnings"][0], "[weather] (g.epw): the irradiance does not close");
}

TEST(WritersTest, AtomicWriteReplacesAndLeavesNoTemporary) {
  const fs::path dir = fs::temp_directory_path() / "shapan_writers_test";
  fs::create_directories(dir);
  write_file_atomically(dir / "a.txt", "one");
  write_file_atomically(dir / "a.txt", "two");
  EXPECT_EQ(slurp(dir / "a.txt"), "two");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);
  fs::remove_all(dir);
}

TEST(WritersTest, UnwritableFolderIsAnErrorNamingThePath) {
  EXPECT_THROW(write_file_atomically("/nonexistent_dir/x/summary.json", "{}"), std::runtime_error);
}

TEST(WritersTest, TimeseriesHasOneRowPerStepWithUnitsInTheHeader) {
  sim::Results r;
  r.step = Duration::hours(1);
  r.utc_offset_h = 8.0;
  sim::StepSeries& s = r.steps;
  s.start = {Timestamp::from_unix_seconds(1735660800)};  // 2025-01-01T00:00+08:00
  for (const auto& c : sim::kStepColumns) (s.*c.values).assign(1, 1.5);
  const fs::path p = fs::temp_directory_path() / "shapan_ts_test.csv";
  write_timeseries_csv(p, r);
  const std::string text = slurp(p);
  EXPECT_THAT(text, ::testing::StartsWith("time_local,pv_kw,wind_kw,hydro_kw,"));
  EXPECT_THAT(text, ::testing::HasSubstr("\n2025-01-01T00:00:00+08:00,1.5000,"));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
  // One cell per column on the data row as in the header.
  const std::string header = text.substr(0, text.find('\n'));
  const std::string row = text.substr(header.size() + 1);
  EXPECT_EQ(std::count(header.begin(), header.end(), ','), std::count(row.begin(), row.end(), ','));
  fs::remove(p);
}

TEST(WritersTest, KpiTableNamesTheFigures) {
  Summary s;
  s.scenario = "Base";
  s.green_share = 0.5;
  s.cfe_score = 0.25;
  s.direct_supply = {.self_use_frac = 0.7, .self_use_min_frac = 0.6, .compliant = true};
  const std::string t = format_kpi_table(s);
  EXPECT_THAT(t, ::testing::HasSubstr("Green share (annual"));
  EXPECT_THAT(t, ::testing::HasSubstr("50.0 %"));
  // The hourly CFE score is the first figure, right under the title line.
  const std::size_t row_start = t.find('\n') + 1;
  const std::string first_row = t.substr(row_start, t.find('\n', row_start) - row_start);
  EXPECT_THAT(first_row, ::testing::StartsWith("  CFE score (hourly)"));
  EXPECT_THAT(first_row, ::testing::HasSubstr("25.0 %"));
  EXPECT_THAT(t, ::testing::HasSubstr("compliant"));
  EXPECT_THAT(t, ::testing::HasSubstr("self-use (>= 60 %)"));
  EXPECT_THAT(t, ::testing::HasSubstr("70.0 % ok"));
}

}  // namespace
}  // namespace shapan::metrics
