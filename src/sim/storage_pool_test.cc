// The storage pool (storage_pool.cc): limits summed over the units, a request
// shared in proportion to each unit's limit, and the batteries' ageing.
#include "storage_pool.h"

#include <gtest/gtest.h>

namespace shapan::sim {
namespace {

// A lossless battery: `energy_kwh` of storage, `power_kw` each way, SOC
// window 0..1, starting at `soc_initial_frac`.
gen::BatteryParams lossless(double energy_kwh, double power_kw, double soc_initial_frac) {
  return gen::BatteryParams{.name = "b",
                            .energy_kwh = energy_kwh,
                            .max_charge_kw = power_kw,
                            .max_discharge_kw = power_kw,
                            .soc_min_frac = 0.0,
                            .soc_max_frac = 1.0,
                            .soc_initial_frac = soc_initial_frac,
                            .charge_efficiency_frac = 1.0,
                            .discharge_efficiency_frac = 1.0};
}

// Two half-full lossless batteries of 1000 kWh, 300 and 100 kW, hourly: the
// pool offers 400 kW each way. A net 200 kW discharge is half the limit, so
// each gives half of its own: 150 and 50 kW; stored energy falls by 200 kWh.
TEST(StoragePoolTest, SharesARequestInProportionToEachUnitsLimit) {
  StoragePool pool({lossless(1000.0, 300.0, 0.5), lossless(1000.0, 100.0, 0.5)}, {},
                   Duration::hours(1));
  const StorageLimits limits = pool.offer(0);
  EXPECT_DOUBLE_EQ(limits.max_charge.in_kw(), 400.0);
  EXPECT_DOUBLE_EQ(limits.max_discharge.in_kw(), 400.0);
  const StorageStep s = pool.apply(0, kw(200.0), 25.0);
  EXPECT_DOUBLE_EQ(s.battery_discharge.in_kw(), 200.0);
  EXPECT_EQ(s.battery_charge.in_kw(), 0.0);
  EXPECT_DOUBLE_EQ(s.battery_before_kwh, 1000.0);
  EXPECT_DOUBLE_EQ(s.battery_after_kwh, 800.0);
  // Battery 1 gave 150 kWh of its 500 and battery 2 50 of its 500:
  // SOC (350 + 450) / 2000 = 0.4 over the pool.
  EXPECT_DOUBLE_EQ(pool.battery_soc_frac(), 0.4);
  EXPECT_DOUBLE_EQ(pool.battery_capacity_kwh(), 2000.0);
}

// A charge request above the pool's limit is capped at it: 400 kW of 1000 asked.
TEST(StoragePoolTest, CapsARequestAtTheLimit) {
  StoragePool pool({lossless(1000.0, 300.0, 0.5), lossless(1000.0, 100.0, 0.5)}, {},
                   Duration::hours(1));
  (void)pool.offer(0);
  const StorageStep s = pool.apply(0, kw(-1000.0), 25.0);
  EXPECT_DOUBLE_EQ(s.battery_charge.in_kw(), 400.0);
  EXPECT_DOUBLE_EQ(s.battery_after_kwh, 1400.0);
}

// A battery and a pumped-storage plant share the request by their limits:
// the battery's 100 kW and the pumped plant's own generating limit L; a
// request of half the pool's limit takes half of each. The pumped plant's
// stored energy falls by what it generated over its efficiency (lossy), and
// the pool's figures add both.
TEST(StoragePoolTest, PoolsBatteriesWithPumpedStorage) {
  gen::PumpedStorageParams p{.name = "ps", .turbine_max_kw = 100.0, .pump_max_kw = 100.0};
  StoragePool pool({lossless(1000.0, 100.0, 0.5)}, {p}, Duration::hours(1));
  const StorageLimits limits = pool.offer(0);
  const double pumped_limit_kw = limits.max_discharge.in_kw() - 100.0;
  ASSERT_GT(pumped_limit_kw, 0.0);
  const double pumped_before_kwh = pool.pumped_stored_kwh();
  const StorageStep s = pool.apply(0, limits.max_discharge * 0.5, 25.0);
  EXPECT_NEAR(s.battery_discharge.in_kw(), 50.0, 1e-9);
  EXPECT_NEAR(s.pumped_discharge.in_kw(), 0.5 * pumped_limit_kw, 1e-9);
  EXPECT_DOUBLE_EQ(s.pumped_before_kwh, pumped_before_kwh);
  // Storage ledger of the pumped plant: out + loss = the fall in stored energy.
  EXPECT_NEAR(s.pumped_discharge.in_kw() * 1.0 + s.pumped_loss.in_kwh(),
              s.pumped_before_kwh - s.pumped_after_kwh, 1e-6);
  EXPECT_GT(s.pumped_loss.in_kwh(), 0.0);
}

// Ageing is applied once per simulated day: with a calendar fade switched
// on, the capacity stays at nameplate through the first 23 hourly steps and
// falls at the 24th; the report carries the fade.
TEST(StoragePoolTest, AgesTheBatteriesOncePerDay) {
  gen::BatteryParams b = lossless(1000.0, 100.0, 0.5);
  b.degradation.enabled = true;
  StoragePool pool({b}, {}, Duration::hours(1));
  for (std::size_t i = 0; i < 23; ++i) {
    (void)pool.offer(i);
    (void)pool.apply(i, kw(0.0), 25.0);
    EXPECT_EQ(pool.battery_capacity_now_kwh(), 1000.0) << i;
  }
  (void)pool.offer(23);
  (void)pool.apply(23, kw(0.0), 25.0);
  EXPECT_LT(pool.battery_capacity_now_kwh(), 1000.0);
  const std::vector<BatteryAgeingReport> reports = pool.battery_ageing();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_LT(reports[0].capacity_end_frac, 1.0);
  EXPECT_GT(reports[0].calendar_damage, 0.0);
  EXPECT_EQ(reports[0].replacements, 0);
}

// The batteries' auxiliary loads add up.
TEST(StoragePoolTest, AuxiliaryLoadsAddUp) {
  gen::BatteryParams a = lossless(1000.0, 100.0, 0.5);
  a.aux_load_kw = 3.0;
  gen::BatteryParams b = a;
  b.aux_load_kw = 4.5;
  const StoragePool pool({a, b}, {}, Duration::hours(1));
  EXPECT_DOUBLE_EQ(pool.aux_load().in_kw(), 7.5);
}

}  // namespace
}  // namespace shapan::sim
