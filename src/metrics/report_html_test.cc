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

}  // namespace
}  // namespace shapan::metrics
