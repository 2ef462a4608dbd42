// The stored energy's origin (stored_origin.cc): clean and wind+solar shares
// of what storage holds, mixed in proportion, and the step's clean flows.
// Every case is worked out by hand with 1-hour steps (kW = kWh).
#include "stored_origin.h"

#include <gtest/gtest.h>

namespace shapan::sim {
namespace {

constexpr Duration kHour = Duration::hours(1);

// Storage holds 100 kWh, all clean, none from wind and solar (a hydro base).
// In comes 100 kWh, 40 of it from the grid: clean share (100 + 100 − 40) /
// 200 = 0.8. After the step it holds 150 kWh (50 lost or discharged): 120
// clean. 50 kW discharged to the load carries 0.8 × 50 = 40 kW clean, plus
// 30 kW of clean output straight to the load.
TEST(StoredOriginTest, MixesTheCleanShareInProportion) {
  StoredOrigin origin(100.0, false);
  const CleanFlows f = origin.step(StoredOriginStep{.renewables = kw(0.0),
                                                    .hydro = kw(90.0),
                                                    .clean_to_load = kw(30.0),
                                                    .storage_in = kw(100.0),
                                                    .grid_to_storage = kw(40.0),
                                                    .storage_to_load = kw(50.0),
                                                    .grid_export = kw(0.0),
                                                    .stored_before_kwh = 100.0,
                                                    .stored_after_kwh = 150.0},
                                   kHour);
  EXPECT_DOUBLE_EQ(f.green_to_load.in_kw(), 30.0 + 0.8 * 50.0);
  EXPECT_DOUBLE_EQ(origin.clean_kwh(), 120.0);
  EXPECT_EQ(origin.wind_solar_kwh(), 0.0);
  EXPECT_EQ(f.wind_solar_to_load.in_kw(), 0.0);
}

// Wind + solar 300 kW and hydro 100 kW; 200 kW of clean output goes straight
// to the load, all of it wind and solar (they come first). The clean surplus
// is 300 + 100 − 200 = 200 kW, of which wind and solar are 100: share 0.5.
// 80 kW of it is stored (no grid), 120 exported: 60 of the export is wind
// and solar. Storage held 120 kWh, 60 from wind and solar: (60 + 0.5 × 80) /
// (120 + 80) = 0.5, so with 200 kWh held after the step 100 are wind and
// solar, and nothing was discharged.
TEST(StoredOriginTest, CountsWindAndSolarBeforeHydro) {
  StoredOrigin origin(120.0, true);
  // First a step that halves the wind+solar share: 120 kWh in from the grid
  // and 120 out, (120 + 0) / 240 of the 120 kWh held after it are wind and solar.
  const CleanFlows first = origin.step(StoredOriginStep{.storage_in = kw(120.0),
                                                        .grid_to_storage = kw(120.0),
                                                        .storage_to_load = kw(120.0),
                                                        .stored_before_kwh = 120.0,
                                                        .stored_after_kwh = 120.0},
                                       kHour);
  // The 120 kW discharged are half clean (the clean share fell to 0.5 too).
  EXPECT_DOUBLE_EQ(first.green_to_load.in_kw(), 60.0);
  EXPECT_DOUBLE_EQ(first.wind_solar_to_load.in_kw(), 60.0);
  EXPECT_DOUBLE_EQ(origin.wind_solar_kwh(), 60.0);
  const CleanFlows f = origin.step(StoredOriginStep{.renewables = kw(300.0),
                                                    .hydro = kw(100.0),
                                                    .clean_to_load = kw(200.0),
                                                    .storage_in = kw(80.0),
                                                    .grid_to_storage = kw(0.0),
                                                    .storage_to_load = kw(0.0),
                                                    .grid_export = kw(120.0),
                                                    .stored_before_kwh = 120.0,
                                                    .stored_after_kwh = 200.0},
                                   kHour);
  EXPECT_DOUBLE_EQ(f.wind_solar_to_load.in_kw(), 200.0);
  EXPECT_DOUBLE_EQ(f.wind_solar_to_grid.in_kw(), 60.0);
  EXPECT_DOUBLE_EQ(origin.wind_solar_kwh(), 100.0);
}

// Empty storage with nothing coming in: the clean share stays 1 (nothing to
// mix), the wind+solar share 0, and no flow is invented.
TEST(StoredOriginTest, EmptyStorageAddsNothing) {
  StoredOrigin origin(0.0, true);
  const CleanFlows f =
      origin.step(StoredOriginStep{.renewables = kw(10.0), .clean_to_load = kw(10.0)}, kHour);
  EXPECT_EQ(f.green_to_load.in_kw(), 10.0);
  EXPECT_EQ(f.wind_solar_to_load.in_kw(), 10.0);
  EXPECT_EQ(f.wind_solar_to_grid.in_kw(), 0.0);
  EXPECT_EQ(origin.clean_kwh(), 0.0);
}

}  // namespace
}  // namespace shapan::sim
