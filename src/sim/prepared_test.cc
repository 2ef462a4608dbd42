#include "shapan/sim/prepared.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <thread>
#include <utility>

#include "test_setups.h"

namespace shapan::sim {
namespace {

// Two clear days at Golmud (36.4 N, 94.9 E, UTC+8), hourly from
// 2025-06-21T00:00Z: GHI a half-sine over 06..18 local time peaking at
// 1000 W/m², DNI and DHI from it (beam 80 %); 20..30 °C; wind 6 m/s.
resource::WeatherSeries sunny_weather() {
  resource::WeatherSeries w = testing::windy_weather(std::vector<double>(48, 6.0));
  w.start = Timestamp::from_unix_seconds(1750464000);
  for (std::size_t i = 0; i < w.size(); ++i) {
    const double local_h = std::fmod(static_cast<double>(i) + 8.5, 24.0);
    const double s = std::sin((local_h - 6.0) / 12.0 * 3.14159265358979);
    const double ghi = local_h > 6.0 && local_h < 18.0 ? 1000.0 * s : 0.0;
    w.ghi_w_per_m2[i] = ghi;
    w.dni_w_per_m2[i] = 0.8 * ghi / std::max(s, 0.2);
    w.dhi_w_per_m2[i] = 0.2 * ghi;
    w.temp_air_c[i] = 20.0 + 10.0 * std::max(s, 0.0);
  }
  return w;
}

// One PV array (DC/AC 1.4: the inverter clips at noon), one wind farm, a
// constant data center and a battery.
Setup sunny_setup() {
  Setup s;
  s.site = Site{.name = "Golmud",
                .latitude_deg = 36.4,
                .longitude_deg = 94.9,
                .elevation_m = 2800.0,
                .utc_offset_h = 8.0};
  s.weather = testing::per_step(sunny_weather());
  s.pv = {gen::PvParams{.name = "pv", .dc_capacity_kw = 1400.0, .dc_ac_ratio = 1.4}};
  s.wind = {testing::flat_1000_kw_farm()};
  s.datacenter = testing::constant_datacenter(800.0);
  s.batteries = {gen::BatteryParams{.name = "b", .energy_kwh = 2000.0}};
  s.grid = gen::GridParams{.import_limit_kw = 5000.0, .export_limit_kw = 5000.0};
  return s;
}

void expect_same_run(const Results& a, const Results& b) {
  EXPECT_EQ(a.steps.pv_kw, b.steps.pv_kw);
  EXPECT_EQ(a.steps.wind_kw, b.steps.wind_kw);
  EXPECT_EQ(a.steps.datacenter_kw, b.steps.datacenter_kw);
  EXPECT_EQ(a.steps.battery_soc_frac, b.steps.battery_soc_frac);
  EXPECT_EQ(a.steps.grid_import_kw, b.steps.grid_import_kw);
  EXPECT_EQ(a.steps.curtailed_kw, b.steps.curtailed_kw);
}

// Sizes 1400, 2800 and 700 kW DC share one PV plane (the costly stage), yet
// each run equals a run from scratch bit for bit, clipping included: the AC
// output is recomputed from the plane for each size, never scaled.
TEST(PreparedTest, PvSizesShareThePlaneAndRunExactlyAsFromScratch) {
  PreparedStore store;
  for (const double kw : {1400.0, 2800.0, 700.0, 1400.0}) {
    sim::Setup s = sunny_setup();
    s.pv[0].dc_capacity_kw = kw;
    const Results scratch = run(s);
    const Results shared = run(s, prepare(s, &store));
    expect_same_run(shared, scratch);
    // The inverter clips: the peak is the AC rating, not 1/1.4 of it scaled.
    const double peak_kw = *std::max_element(shared.steps.pv_kw.begin(), shared.steps.pv_kw.end());
    EXPECT_NEAR(peak_kw, kw / 1.4, 1e-9 * kw);
  }
  // One weather, one sun, one plane, one wind farm, one data center.
  EXPECT_EQ(store.size(), 5u);
}

// A setting the plane depends on (tilt), the wind farm's (its count) or the
// weather (one temperature) gives new parts; a name does not.
TEST(PreparedTest, EachPartIsKeyedByTheSettingsItDependsOn) {
  PreparedStore store;
  sim::Setup s = sunny_setup();
  (void)prepare(s, &store);
  EXPECT_EQ(store.size(), 5u);
  s.pv[0].name = "renamed";
  s.wind[0].name = "renamed";
  s.pv[0].losses_percent = 10.0;  // applied after the plane
  (void)prepare(s, &store);
  EXPECT_EQ(store.size(), 5u);
  s.pv[0].tilt_deg = 35.0;
  const PreparedRun tilted = prepare(s, &store);
  EXPECT_EQ(store.size(), 6u);  // a second plane
  s.wind[0].count = 2;
  (void)prepare(s, &store);
  EXPECT_EQ(store.size(), 7u);  // a second farm
  resource::WeatherSeries warmer_weather = *s.weather;
  warmer_weather.temp_air_c[12] += 1.0;
  s.weather = testing::per_step(std::move(warmer_weather));
  const PreparedRun warmer = prepare(s, &store);
  // A second weather, and on it a sun, plane, farm and data center.
  EXPECT_EQ(store.size(), 12u);
  EXPECT_NE(*tilted.pv_ac_kw[0], *warmer.pv_ac_kw[0]);  // the cell temperature moved
  const Results r = run(s, warmer);
  expect_same_run(r, run(s));
}

// A file's series laid onto the run's steps (Setup::run_steps) is a part of
// its own: two prepares through one store share it (the same copy, also when
// the second setup holds another copy of the series as read, as a second load
// of the same file does; a weather source equal to the main one too), and a
// new step lays it again. Runs on it equal runs from scratch.
TEST(PreparedTest, TheWeatherOnTheRunsStepsIsSharedAndKeyedByTheSteps) {
  PreparedStore store;
  sim::Setup s = sunny_setup();
  s.run_steps = RunSteps{.start = Timestamp::from_unix_seconds(1735689600),  // 2025-01-01T00:00Z
                         .step = Duration::hours(1)};
  const PreparedRun hourly = prepare(s, &store);
  ASSERT_EQ(hourly.weather->size(), 8760u);
  EXPECT_EQ(step_count(s), 8760u);
  EXPECT_EQ(*hourly.weather, resource::prepare_for_simulation(*s.weather, s.run_steps->start, 1,
                                                              Duration::hours(1)));

  sim::Setup reread = sunny_setup();  // an equal series as read, in another copy
  reread.run_steps = s.run_steps;
  reread.pv[0].dc_capacity_kw = 2000.0;
  reread.weather_sources = {std::make_shared<const resource::WeatherSeries>(sunny_weather())};
  reread.wind_weather_source = {0};
  ASSERT_NE(reread.weather.get(), s.weather.get());
  const PreparedRun shared = prepare(reread, &store);
  EXPECT_EQ(shared.weather.get(), hourly.weather.get());
  ASSERT_EQ(shared.weather_sources.size(), 1u);
  EXPECT_EQ(shared.weather_sources[0].get(), hourly.weather.get());
  EXPECT_EQ(shared.sun.get(), hourly.sun.get());
  expect_same_run(run(reread, shared), run(reread));

  s.run_steps->step = Duration::minutes(15);
  const PreparedRun quarter = prepare(s, &store);
  EXPECT_NE(quarter.weather.get(), hourly.weather.get());
  EXPECT_EQ(quarter.weather->size(), 4u * 8760u);
  EXPECT_EQ(quarter.weather->step, Duration::minutes(15));
  EXPECT_EQ(step_count(s), quarter.weather->size());
  EXPECT_EQ(prepare(s, &store).weather.get(), quarter.weather.get());
  expect_same_run(run(s, quarter), run(s));
}

// Two threads preparing through one store get what each would alone.
TEST(PreparedTest, ThreadsShareOneStore) {
  PreparedStore store;
  const sim::Setup a = sunny_setup();
  sim::Setup b = sunny_setup();
  b.pv[0].dc_capacity_kw = 3000.0;
  Results ra;
  Results rb;
  std::thread t([&] { ra = run(a, prepare(a, &store)); });
  rb = run(b, prepare(b, &store));
  t.join();
  expect_same_run(ra, run(a));
  expect_same_run(rb, run(b));
}

// A full store keeps nothing more, and runs stay exact.
TEST(PreparedTest, AFullStoreMakesPartsWithoutKeepingThem) {
  PreparedStore store(1);
  sim::Setup s = sunny_setup();
  (void)prepare(s, &store);
  s.pv[0].tilt_deg = 35.0;
  const PreparedRun p = prepare(s, &store);
  EXPECT_EQ(store.size(), 5u);
  expect_same_run(run(s, p), run(s));
}

// A store that drops its oldest entries (the server's) keeps the newest
// part of each kind. With one entry per kind: the sun at a second site
// replaces the first site's, so a second run at the second site shares its
// sun (the same copy), while going back to the first site makes that sun
// again (a new copy). Runs stay exact throughout.
TEST(PreparedTest, AStoreThatDropsTheOldestKeepsTheNewestParts) {
  PreparedStore store(1, PreparedStore::WhenFull::kDropOldest);
  sim::Setup s = sunny_setup();
  const PreparedRun first = prepare(s, &store);
  s.site.latitude_deg = 37.0;
  const PreparedRun moved = prepare(s, &store);
  EXPECT_EQ(store.size(), 5u);
  EXPECT_NE(moved.sun.get(), first.sun.get());
  s.pv[0].dc_capacity_kw = 2000.0;
  const PreparedRun bigger = prepare(s, &store);
  EXPECT_EQ(bigger.sun.get(), moved.sun.get());
  expect_same_run(run(s, bigger), run(s));
  const sim::Setup back = sunny_setup();
  const PreparedRun again = prepare(back, &store);
  EXPECT_EQ(store.size(), 5u);
  EXPECT_NE(again.sun.get(), first.sun.get());
  expect_same_run(run(back, again), run(back));
}

}  // namespace
}  // namespace shapan::sim
