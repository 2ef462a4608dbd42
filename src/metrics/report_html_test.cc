#include "shapan/metrics/report_html.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace shapan::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Two days of hourly steps starting 2025-01-31 00:00 local (UTC+8): the
// monthly chart has a January and a February bar; the page carries the KPIs
// and loads nothing from the network.
TEST(ReportHtmlTest, SelfContainedWithKpisAndCharts) {
  sim::Results r;
  r.step = Duration::seconds(3600);
  r.utc_offset_h = 8.0;
  const auto t0 = Timestamp::from_unix_seconds(1738252800 - 8 * 3600);  // 2025-01-31 00:00 +08
  for (int i = 0; i < 48; ++i) {
    auto& s = r.steps;
    s.start.push_back(t0 + Duration::hours(i));
    for (auto* v : {&s.pv_kw, &s.wind_kw, &s.hydro_kw, &s.battery_charge_kw,
                    &s.battery_discharge_kw, &s.grid_import_kw, &s.curtailed_kw, &s.datacenter_kw,
                    &s.green_to_load_kw, &s.reservoir_storage_hm3}) {
      v->push_back(10.0);
    }
    s.battery_soc_frac.push_back(0.5);
  }
  Summary s;
  s.scenario = "Test <base>";
  s.green_share = 0.873;
  s.cfe_score = 0.5;
  s.emissions_t = 12.0;
  const std::string html = report_html(s, r);
  EXPECT_THAT(html, HasSubstr("Test &lt;base&gt;"));
  EXPECT_THAT(html, HasSubstr("<td>87.3 %</td>"));
  EXPECT_THAT(html, HasSubstr("绿电占比"));
  // The hourly CFE score leads the KPI table; 绿电直连 compliance is in it.
  EXPECT_LT(html.find("逐时无碳电力匹配度"), html.find("绿电占比"));
  EXPECT_THAT(html, HasSubstr("绿电直连"));
  EXPECT_THAT(html, HasSubstr("Grid carbon basis"));
  EXPECT_THAT(html, HasSubstr("2025-01 PV 光伏"));
  EXPECT_THAT(html, HasSubstr("2025-02 PV 光伏"));
  EXPECT_THAT(html, HasSubstr("<svg"));
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, HasSubstr("CNY/kWh 元/千瓦时"));
  // A USD scenario's money reads as dollars.
  s.currency = "USD";
  s.cost.total_cny = 21180455.63;
  const std::string usd = report_html(s, r);
  EXPECT_THAT(usd, HasSubstr("21.18 M USD 百万美元"));
  EXPECT_THAT(usd, HasSubstr("USD/kWh 美元/千瓦时"));
  EXPECT_THAT(usd, Not(HasSubstr("CNY")));
}

// One January day of hourly steps (UTC+8) where every column is `kw`.
sim::Results one_day(double kw) {
  sim::Results r;
  r.step = Duration::seconds(3600);
  r.utc_offset_h = 8.0;
  const auto t0 = Timestamp::from_unix_seconds(1736035200 - 8 * 3600);  // 2025-01-05 00:00 +08
  auto& s = r.steps;
  for (int i = 0; i < 24; ++i) {
    s.start.push_back(t0 + Duration::hours(i));
    for (auto* v : {&s.pv_kw, &s.wind_kw, &s.hydro_kw, &s.battery_charge_kw,
                    &s.battery_discharge_kw, &s.grid_import_kw, &s.grid_export_kw, &s.curtailed_kw,
                    &s.datacenter_kw, &s.unserved_kw, &s.green_to_load_kw, &s.wind_solar_to_load_kw,
                    &s.reservoir_storage_hm3, &s.battery_soc_frac}) {
      v->push_back(kw);
    }
  }
  return r;
}

void set(std::vector<double>& v, double x) { std::fill(v.begin(), v.end(), x); }

// Issue 18 (the trial): the monthly chart stacked PV before curtailment, so
// unserved energy never showed. A day with 1000 kW of demand, PV all
// curtailed (1000 kW), 600 kW imported and 400 kW unserved: the stack holds
// the 14.4 MWh the grid delivered, no PV, and the 9.6 MWh unserved is its own bar.
TEST(ReportHtmlTest, MonthlyChartShowsUnservedEnergy) {
  sim::Results r = one_day(0.0);
  auto& s = r.steps;
  set(s.datacenter_kw, 1000.0);
  set(s.pv_kw, 1000.0);
  set(s.curtailed_kw, 1000.0);
  set(s.grid_import_kw, 600.0);
  set(s.unserved_kw, 400.0);
  const std::string html = report_html(Summary{}, r);
  EXPECT_THAT(html, HasSubstr("2025-01 Unserved 缺电: 10 MWh"));  // 9.6 MWh
  EXPECT_THAT(html, HasSubstr("2025-01 Grid 电网: 14 MWh"));      // 14.4 MWh
  EXPECT_THAT(html, HasSubstr("2025-01 PV 光伏: 0 MWh"));
}

// Stored and exported energy are shown apart from what served the load:
// 1500 kW of PV of which 1000 kW to the load, 300 kW stored and 200 kW exported.
TEST(ReportHtmlTest, MonthlyChartStacksEnergyDeliveredToTheLoad) {
  sim::Results r = one_day(0.0);
  auto& s = r.steps;
  set(s.datacenter_kw, 1000.0);
  set(s.pv_kw, 1500.0);
  set(s.green_to_load_kw, 1000.0);
  set(s.wind_solar_to_load_kw, 1000.0);
  set(s.battery_charge_kw, 300.0);
  set(s.grid_export_kw, 200.0);
  const std::string html = report_html(Summary{}, r);
  EXPECT_THAT(html, HasSubstr("2025-01 PV 光伏: 24 MWh"));  // not 36 MWh available
  EXPECT_THAT(html, HasSubstr("2025-01 Stored 储能充电: 7 MWh"));
  EXPECT_THAT(html, HasSubstr("2025-01 Exported 上网: 5 MWh"));
  EXPECT_THAT(html, HasSubstr("2025-01 Unserved 缺电: 0 MWh"));
}

// No battery: no SOC line. A reservoir is shown against its full storage
// (247 hm³), not an axis rounded up to 250 hm³.
TEST(ReportHtmlTest, StorageChartShowsOnlyWhatExists) {
  sim::Results r = one_day(200.0);
  r.battery_capacity_kwh = 0.0;
  r.hydro_plants.push_back(sim::HydroPlantReport{.name = "h", .storage_max_hm3 = 247.0});
  std::string html = report_html(Summary{}, r);
  EXPECT_THAT(html, Not(HasSubstr("Battery SOC")));
  EXPECT_THAT(html, HasSubstr("Reservoir 水库蓄水 (% of 247 hm³, full)"));
  // Neither a battery nor a reservoir: no storage chart at all.
  r.hydro_plants.clear();
  html = report_html(Summary{}, r);
  EXPECT_THAT(html, Not(HasSubstr("Storage: battery SOC")));
  // A battery: its SOC line.
  r.battery_capacity_kwh = 1000.0;
  EXPECT_THAT(report_html(Summary{}, r), HasSubstr("Battery SOC 荷电状态 (%)"));
}

}  // namespace
}  // namespace shapan::metrics
