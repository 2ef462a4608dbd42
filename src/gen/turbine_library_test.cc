// The built-in turbine library against the source files in data/wind/.
#include <gtest/gtest.h>

#include "shapan/gen/power_curve.h"
#include "shapan/gen/wind.h"

namespace shapan::gen {
namespace {

// data/wind/oedb_turbine_data.csv row E-126/4200: 4200000 W, rotor 127 m,
// hub heights "99; 135; 159"; oedb_power_curves.csv: 58000 W at 3 m/s,
// 4200000 W from 16 m/s to 25 m/s, nothing beyond.
TEST(TurbineLibraryTest, FindsEnerconE126FromOedb) {
  auto t = find_turbine("E-126/4200");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->name, "E-126/4200");
  EXPECT_DOUBLE_EQ(t->rated_power_kw, 4200.0);
  EXPECT_DOUBLE_EQ(t->rotor_diameter_m, 127.0);
  EXPECT_DOUBLE_EQ(t->hub_height_m, 99.0);
  EXPECT_DOUBLE_EQ(power_curve_kw(t->curve, 3.0), 58.0);
  EXPECT_DOUBLE_EQ(power_curve_kw(t->curve, 20.0), 4200.0);
  EXPECT_DOUBLE_EQ(t->curve.wind_speed_m_per_s.back(), 25.0);
  EXPECT_DOUBLE_EQ(power_curve_kw(t->curve, 25.5), 0.0);
  EXPECT_FALSE(t->cp.empty());  // has_cp_curve = True in oedb
}

TEST(TurbineLibraryTest, HasAllOedbPowerCurvesAndNrelTurbines) {
  // 67 oedb power curves + 4 NREL turbine-models curves.
  EXPECT_EQ(turbine_library().size(), 71u);
  for (const char* name : {"NREL-2020ATB-5.5MW-175", "IEA-3.4MW-130", "NREL-2019COE-2.6MW-121",
                           "DOE-GE-1.5MW-77", "V126/3300", "SWT130/3600"}) {
    EXPECT_TRUE(find_turbine(name).has_value()) << name;
  }
  EXPECT_FALSE(find_turbine("e-126/4200").has_value());
  EXPECT_FALSE(find_turbine("").has_value());
}

TEST(TurbineLibraryTest, EveryCurveIsValidAndRatedPowerPositive) {
  for (const auto& t : turbine_library()) {
    EXPECT_TRUE(t.curve.check().empty()) << t.name;
    EXPECT_GT(t.rated_power_kw, 0.0) << t.name;
    EXPECT_EQ(t.cp.size(), t.cp_wind_speed_m_per_s.size()) << t.name;
  }
}

// data/wind/nrel_DOE_GE_1.5MW_77.csv starts with −4.92 kW at 1.01 m/s and
// has negative Cp below cut-in: both are clamped to 0.
TEST(TurbineLibraryTest, DoeGeNegativePowerIsClampedToZero) {
  auto t = find_turbine("DOE-GE-1.5MW-77");
  ASSERT_TRUE(t.has_value());
  EXPECT_DOUBLE_EQ(t->curve.wind_speed_m_per_s.front(), 1.01);
  EXPECT_DOUBLE_EQ(t->curve.power_kw.front(), 0.0);
  for (double p : t->curve.power_kw) EXPECT_GE(p, 0.0);
  for (double cp : t->cp) EXPECT_GE(cp, 0.0);
  EXPECT_DOUBLE_EQ(power_curve_kw(t->curve, 3.51), 18.91);
  EXPECT_DOUBLE_EQ(t->rated_power_kw, 1500.0);
}

// data/wind/nrel_2020ATB_NREL_Reference_5.5MW_175.csv: 127 kW at 3.25 m/s.
TEST(TurbineLibraryTest, NrelReferenceTurbineCarriesItsSpecs) {
  auto t = find_turbine("NREL-2020ATB-5.5MW-175");
  ASSERT_TRUE(t.has_value());
  EXPECT_DOUBLE_EQ(t->rated_power_kw, 5500.0);
  EXPECT_DOUBLE_EQ(t->rotor_diameter_m, 175.0);
  EXPECT_DOUBLE_EQ(t->hub_height_m, 120.0);
  EXPECT_DOUBLE_EQ(power_curve_kw(t->curve, 3.25), 127.0);
}

}  // namespace
}  // namespace shapan::gen
