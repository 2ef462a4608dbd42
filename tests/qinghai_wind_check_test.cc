// The wind capacity factors of the shipped Qinghai examples, checked against
// what Qinghai's wind farms deliver. The examples calibrate their station
// wind to an independent resource figure (the province's wind power density
// at 100 m, see the examples and docs/models/wind.md §6); the capacity factor
// is NOT tuned, it is checked here.
//
// References (capacity factor = full-load hours / 8760):
//  - Chaka wind farm, Wulan county, Haixi, Qinghai (Gobi at 3,200 m, between
//    the Gonghe basin and the Qaidam; 99 MW, in service since December 2012):
//    about 184 GWh a year, "average annual utilisation hours ... 1,850"
//    (Hikvision application note, 30 March 2021,
//    sourceaccesscontrol.com/applications/hikvision-security-systems-enhance-
//    maintenance-systems-co-3425-ga.1616757617.html): 21.1 %. The reference.
//  - Goldwind's high-altitude 1.5 MW prototypes on Xitie Mountain, Qinghai
//    (~3,000 m): 2.8 GWh a year each at a mean 6.5 m/s and 0.88 kg/m3
//    (Materials Today news, "Goldwind starts mass production of high altitude
//    turbines"): 1,867 h, 21.3 %.
//  - Qinghai's wind fleet: about 2,000 h a year, the NEA provincial statistic
//    as quoted in issue 13 (the release itself was not retrieved): 22.8 %.
// Context for the resource: "双碳"时期青海省风速及风能资源潜力评估 (冰川冻土
// 2024 no. 3): 10 m mean 3.06 m/s and 100 m effective power density 125.14
// W/m² over 1961–2022, richest in the Qaidam basin.
//
// Band: 0.5 to 1.25 times the Chaka figure (10.6 % to 26.4 %). A farm modelled
// from the uncalibrated 10 m station wind gave 5.3 % (Xinghai) and 5.4 %
// (Golmud), outside it; a province-average resource at a basin site, a
// typical-year file, and the station's calm-heavy distribution (kept by the
// linear scaling) make a figure somewhat below the plants' plausible.
#include <gtest/gtest.h>

#include <numeric>
#include <string>

#include "shapan/io/scenario.h"
#include "shapan/sim/simulation.h"

namespace shapan {
namespace {

constexpr double kQinghaiWindCapacityFactor = 1850.0 / 8760.0;  // Chaka wind farm

double wind_capacity_factor(const std::string& path) {
  const io::Scenario s = io::load_scenario(path);
  const sim::Results r = sim::run(s.setup);
  const double energy_kwh = std::accumulate(r.steps.wind_kw.begin(), r.steps.wind_kw.end(), 0.0) *
                            sim::step_of(s.setup).in_hours();
  double rated_kw = 0.0;
  for (const auto& farm : s.setup.wind) rated_kw += farm.rated_power_kw();
  const double hours =
      static_cast<double>(sim::step_count(s.setup)) * sim::step_of(s.setup).in_hours();
  return energy_kwh / (rated_kw * hours);
}

class QinghaiWindCheck : public ::testing::TestWithParam<const char*> {};

TEST_P(QinghaiWindCheck, CapacityFactorIsWithinTheBandOfQinghaiWindFarms) {
  const double cf = wind_capacity_factor(GetParam());
  RecordProperty("wind_capacity_factor", std::to_string(cf));
  EXPECT_GE(cf, 0.5 * kQinghaiWindCapacityFactor) << GetParam();
  EXPECT_LE(cf, 1.25 * kQinghaiWindCapacityFactor) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Examples, QinghaiWindCheck,
                         ::testing::Values("examples/qinghai_base.toml",
                                           "examples/golmud_solar_wind_storage.toml"));

}  // namespace
}  // namespace shapan
