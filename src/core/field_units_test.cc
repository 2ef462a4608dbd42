#include "shapan/core/field_units.h"

#include <gtest/gtest.h>

namespace shapan {
namespace {

// The suffix table of shapan/core/field_units.h, one example per family,
// with scenario keys as users write them.
TEST(FieldUnitsTest, PowerEnergyAndLengthFromTheSuffix) {
  EXPECT_EQ(unit_of_field("pv.0.dc_capacity_kw"), "kW");
  EXPECT_EQ(unit_of_field("battery.0.energy_kwh"), "kWh");
  EXPECT_EQ(unit_of_field("pv.0.dc_capacity_mw"), "MW");
  EXPECT_EQ(unit_of_field("wind.0.hub_height_m"), "m");
  EXPECT_EQ(unit_of_field("hydro.storage_max_hm3"), "hm³");
  EXPECT_EQ(unit_of_field("datacenter.platform_w"), "W");
}

TEST(FieldUnitsTest, TheLongestSuffixWins) {
  // "_s" and "_m" also end these names; the compound unit is the right one.
  EXPECT_EQ(unit_of_field("wind.0.cut_out_m_per_s"), "m/s");
  EXPECT_EQ(unit_of_field("hydro.min_release_m3_per_s"), "m³/s");
  EXPECT_EQ(unit_of_field("hydro.ramp_m3_per_s_per_h"), "(m³/s)/h");
  EXPECT_EQ(unit_of_field("grid.carbon_intensity_g_per_kwh"), "g/kWh");
  EXPECT_EQ(unit_of_field("grid.tou_price_cny_per_kwh"), "CNY/kWh");
  EXPECT_EQ(unit_of_field("pv.0.capex_per_kw_year"), "per kW·yr");
}

TEST(FieldUnitsTest, AnglesTemperaturesAndTime) {
  EXPECT_EQ(unit_of_field("site.latitude_deg"), "°");
  EXPECT_EQ(unit_of_field("datacenter.free_cooling_max_temp_c"), "°C");
  EXPECT_EQ(unit_of_field("simulation.step_minutes"), "min");
  EXPECT_EQ(unit_of_field("battery.0.duration_h"), "h");
  EXPECT_EQ(unit_of_field("optimize.time_limit_s"), "s");
  EXPECT_EQ(unit_of_field("wind.0.wake_loss_percent"), "%");
}

TEST(FieldUnitsTest, ArrayIndicesAreSkipped) {
  EXPECT_EQ(unit_of_field("hydro.guide_curve_level_m.10"), "m");
  EXPECT_EQ(unit_of_field("wind.0.wake_efficiency_wind_speed_m_per_s.2"), "m/s");
}

TEST(FieldUnitsTest, NamesWithoutAUnitGiveNone) {
  EXPECT_EQ(unit_of_field("battery.0.soc_min_frac"), "");  // a fraction: the key says so
  EXPECT_EQ(unit_of_field("wind.0.count"), "");
  EXPECT_EQ(unit_of_field("simulation.years"), "");
  EXPECT_EQ(unit_of_field("hydro.inflow_year"), "");                   // a calendar year
  EXPECT_EQ(unit_of_field("workload.window_end_day"), "");             // a day number
  EXPECT_EQ(unit_of_field("weather.wind_calibration_weibull_k"), "");  // a shape, not kelvin
  // Naumann's fit coefficients end in letters that are not units (not °C, not h).
  EXPECT_EQ(unit_of_field("battery.0.degradation_naumann_cal_soc_c"), "");
  EXPECT_EQ(unit_of_field("battery.0.degradation_naumann_cyc_crate_a_percent_h"), "");
  EXPECT_EQ(unit_of_field("GHI"), "");
  EXPECT_EQ(unit_of_field(""), "");
  EXPECT_EQ(unit_of_field("pv.0"), "");
}

TEST(FieldUnitsTest, DegreesSitAgainstTheNumber) {
  EXPECT_EQ(unit_separator("°"), "");
  EXPECT_EQ(unit_separator("°C"), " ");
  EXPECT_EQ(unit_separator("kW"), " ");
}

}  // namespace
}  // namespace shapan
