#include "shapan/load/datacenter.h"

#include <gtest/gtest.h>

#include <cmath>

#include "shapan/core/error.h"

namespace shapan::load {
namespace {

constexpr double kBeijingOffsetH = 8.0;

// `n` steps of `step` from `start`, every temperature `temp_c`.
resource::WeatherSeries weather(Timestamp start, Duration step, std::size_t n, double temp_c) {
  resource::WeatherSeries w;
  w.source = "test.epw";
  w.start = start;
  w.step = step;
  w.ghi_w_per_m2.assign(n, 0.0);
  w.temp_air_c.assign(n, temp_c);
  return w;
}

Timestamp local(int year, int month, int day, int hour, int minute = 0) {
  return to_timestamp(
      CivilTime{.year = year, .month = month, .day = day, .hour = hour, .minute = minute},
      kBeijingOffsetH);
}

bool has_field(const std::vector<FieldIssue>& issues, const std::string& field) {
  for (const auto& issue : issues) {
    if (issue.field == field) return true;
  }
  return false;
}

// 10 MW IT at 80 %, PUE 1.2 constant: IT 8000 kW, facility 9600 kW every step.
TEST(DatacenterTest, ConstantLoadAndConstantPue) {
  DatacenterParams p{.pue_model = PueModel::kConstant};
  const auto w = weather(local(2025, 1, 1, 0), Duration::hours(1), 5, 30.0);
  const DatacenterSeries s = simulate_datacenter(p, w, kBeijingOffsetH);
  ASSERT_EQ(s.it_kw.size(), 5u);
  ASSERT_EQ(s.pue.size(), 5u);
  ASSERT_EQ(s.facility_kw.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_DOUBLE_EQ(s.it_kw[i], 8000.0);
    EXPECT_DOUBLE_EQ(s.pue[i], 1.2);
    EXPECT_DOUBLE_EQ(s.facility_kw[i], 9600.0);
  }
}

// Profile value h for local hour h (h/100). The weather starts at 22:00 local
// on 15-minute steps: four steps hold 0.22, then four hold 0.23, then 0.00.
TEST(DatacenterTest, DailyProfileByLocalHourHeldOverSubHourlySteps) {
  DatacenterParams p{.it_capacity_kw = 1000.0, .pue_model = PueModel::kConstant, .pue = 1.0};
  for (int h = 0; h < 24; ++h) p.it_load_profile_frac.push_back(h / 100.0);
  const auto w = weather(local(2025, 6, 1, 22), Duration::minutes(15), 12, 20.0);
  const DatacenterSeries s = simulate_datacenter(p, w, kBeijingOffsetH);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_DOUBLE_EQ(s.it_kw[i], 220.0) << i;
  for (std::size_t i = 4; i < 8; ++i) EXPECT_DOUBLE_EQ(s.it_kw[i], 230.0) << i;
  for (std::size_t i = 8; i < 12; ++i) EXPECT_DOUBLE_EQ(s.it_kw[i], 0.0) << i;
}

// The profile is read in site standard time, not UTC: 00:00 UTC is 08:00 in
// Beijing and 05:30 in India.
TEST(DatacenterTest, ProfileUsesSiteOffset) {
  DatacenterParams p;
  for (int h = 0; h < 24; ++h) p.it_load_profile_frac.push_back(h / 100.0);
  const Timestamp midnight_utc = to_timestamp(CivilTime{.year = 2025}, 0.0);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, midnight_utc, 8.0), 0.08);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, midnight_utc, 5.5), 0.05);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, midnight_utc, 0.0), 0.00);
}

// Series value i = i / 10000 (so index is readable from the value).
std::vector<double> ramp(std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<double>(i) / 10000.0;
  return v;
}

// 2025-03-01 10:00 is day 60 of a common year: index 59·24 + 10 = 1426. The
// series repeats: the same hour of 2026 reads the same value.
TEST(DatacenterTest, HourOfYearSeriesRepeatsEachYear) {
  DatacenterParams p{.it_load_series_frac = ramp(8760)};
  p.it_load_profile_frac.assign(24, 0.9);  // the series takes precedence
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2025, 1, 1, 0), kBeijingOffsetH), 0.0);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2025, 3, 1, 10), kBeijingOffsetH), 0.1426);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2026, 3, 1, 10), kBeijingOffsetH), 0.1426);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2025, 12, 31, 23), kBeijingOffsetH), 0.8759);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2025, 12, 31, 23, 45), kBeijingOffsetH), 0.8759);
}

// 8760 values in a leap year: 29 February reads 28 February (day 59, index
// 58·24 + h); 1 March reads its own day 60 (index 59·24 + h); 31 December
// 23:00 still ends on the last value.
TEST(DatacenterTest, CommonYearSeriesInLeapYearRepeatsFeb28) {
  DatacenterParams p{.it_load_series_frac = ramp(8760)};
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2024, 2, 28, 5), kBeijingOffsetH), 0.1397);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2024, 2, 29, 5), kBeijingOffsetH), 0.1397);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2024, 3, 1, 5), kBeijingOffsetH), 0.1421);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2024, 12, 31, 23), kBeijingOffsetH), 0.8759);
}

// 8784 values: a leap year reads straight through; a common year skips the
// series' 29 February (indices 1416..1439), so 1 March reads index 60·24.
TEST(DatacenterTest, LeapYearSeriesInCommonYearSkipsFeb29) {
  DatacenterParams p{.it_load_series_frac = ramp(8784)};
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2024, 2, 29, 0), kBeijingOffsetH), 0.1416);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2024, 12, 31, 23), kBeijingOffsetH), 0.8783);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2025, 2, 28, 23), kBeijingOffsetH), 0.1415);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2025, 3, 1, 0), kBeijingOffsetH), 0.1440);
  EXPECT_DOUBLE_EQ(it_load_frac_at(p, local(2025, 12, 31, 23), kBeijingOffsetH), 0.8783);
}

// Defaults 1.10 at <= 10 °C, 1.40 at >= 25 °C. At 17.5 °C, halfway: 1.25;
// at 13 °C, one fifth of the way: 1.10 + 0.2·0.30 = 1.16.
TEST(DatacenterTest, TemperaturePueHasThreeRegimes) {
  const DatacenterParams p;
  EXPECT_DOUBLE_EQ(pue_at(p, -20.0), 1.10);
  EXPECT_DOUBLE_EQ(pue_at(p, 10.0), 1.10);
  EXPECT_DOUBLE_EQ(pue_at(p, 13.0), 1.16);
  EXPECT_DOUBLE_EQ(pue_at(p, 17.5), 1.25);
  EXPECT_DOUBLE_EQ(pue_at(p, 25.0), 1.40);
  EXPECT_DOUBLE_EQ(pue_at(p, 40.0), 1.40);
}

TEST(DatacenterTest, ConstantPueIgnoresTemperature) {
  const DatacenterParams p{.pue_model = PueModel::kConstant, .pue = 1.3};
  EXPECT_DOUBLE_EQ(pue_at(p, -20.0), 1.3);
  EXPECT_DOUBLE_EQ(pue_at(p, 40.0), 1.3);
}

// Facility = IT × PUE step by step, with the temperature model: 10 MW at 50 %
// is 5000 kW IT; at 17.5 °C the PUE is 1.25, so 6250 kW.
TEST(DatacenterTest, FacilityIsItTimesTemperaturePue) {
  const DatacenterParams p{.it_load_frac = 0.5};
  auto w = weather(local(2025, 7, 1, 0), Duration::hours(1), 3, 0.0);
  w.temp_air_c = {5.0, 17.5, 30.0};
  const DatacenterSeries s = simulate_datacenter(p, w, kBeijingOffsetH);
  EXPECT_DOUBLE_EQ(s.facility_kw[0], 5000.0 * 1.10);
  EXPECT_DOUBLE_EQ(s.facility_kw[1], 6250.0);
  EXPECT_DOUBLE_EQ(s.facility_kw[2], 5000.0 * 1.40);
  EXPECT_DOUBLE_EQ(s.pue[1], 1.25);
  EXPECT_DOUBLE_EQ(s.it_kw[2], 5000.0);
}

TEST(DatacenterTest, EmptyWeatherGivesEmptySeries) {
  const auto w = weather(local(2025, 1, 1, 0), Duration::hours(1), 0, 0.0);
  EXPECT_TRUE(simulate_datacenter(DatacenterParams{}, w, kBeijingOffsetH).it_kw.empty());
}

TEST(DatacenterTest, MissingTemperaturesAreAnInputError) {
  auto w = weather(local(2025, 1, 1, 0), Duration::hours(1), 3, 0.0);
  w.temp_air_c.clear();
  try {
    (void)simulate_datacenter(DatacenterParams{}, w, kBeijingOffsetH);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "test.epw: temp_air_c: has 0 values for 3 steps: the temperature PUE model "
                 "needs one dry-bulb temperature per step");
  }
  // The constant model does not need them.
  const DatacenterParams constant{.pue_model = PueModel::kConstant};
  EXPECT_EQ(simulate_datacenter(constant, w, kBeijingOffsetH).facility_kw.size(), 3u);
}

TEST(DatacenterTest, DefaultsAreValid) { EXPECT_TRUE(DatacenterParams{}.check().empty()); }

TEST(DatacenterTest, CheckCatchesEachBadField) {
  DatacenterParams p{.it_capacity_kw = -1.0,
                     .it_load_series_frac = std::vector<double>(100, 0.5),
                     .it_load_profile_frac = std::vector<double>(24, 0.5),
                     .it_load_frac = 1.5,
                     .pue = 0.9,
                     .pue_free_cooling = 1.5,
                     .pue_mechanical = 1.2,
                     .free_cooling_max_temp_c = 30.0,
                     .mechanical_min_temp_c = 20.0};
  p.it_load_profile_frac[3] = -0.1;
  const auto issues = p.check();
  EXPECT_TRUE(has_field(issues, "it_capacity_kw"));
  EXPECT_TRUE(has_field(issues, "it_load_series_frac"));
  EXPECT_TRUE(has_field(issues, "it_load_profile_frac.3"));
  EXPECT_TRUE(has_field(issues, "it_load_frac"));
  EXPECT_TRUE(has_field(issues, "pue"));
  EXPECT_TRUE(has_field(issues, "pue_mechanical"));
  EXPECT_TRUE(has_field(issues, "free_cooling_max_temp_c"));
  EXPECT_EQ(issues.size(), 7u);
  EXPECT_EQ(issues[2],
            (FieldIssue{"it_load_series_frac",
                        "has 100 values: must have 8760 or 8784 (one per hour of the year)"}));
}

TEST(DatacenterTest, CheckCatchesBadProfileLength) {
  const DatacenterParams p{.it_load_profile_frac = {0.5, 0.6}};
  const auto issues = p.check();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0], (FieldIssue{"it_load_profile_frac",
                                   "has 2 values: must have 24 (one per hour of the day)"}));
}

TEST(DatacenterTest, SimulateThrowsOnBadParams) {
  const DatacenterParams p{.pue_free_cooling = 0.8};
  const auto w = weather(local(2025, 1, 1, 0), Duration::hours(1), 1, 0.0);
  try {
    (void)simulate_datacenter(p, w, kBeijingOffsetH);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "<parameters>: datacenter.pue_free_cooling = 0.8: must be >= 1");
  }
}

}  // namespace
}  // namespace shapan::load

namespace shapan::load {
namespace {

// Sea level, 10 °C, dry: free cooling. ρ/ρ0 = 288.15/283.15, so fans are
// 0.04·(283.15/288.15)² = 0.03862; PUE = (1 + 0.03862 + 0.02)/(0.97·0.99).
TEST(DatacenterClimateTest, FreeCoolingAtSeaLevel) {
  DatacenterParams p;
  p.pue_model = PueModel::kClimate;
  p.free_cooling_max_temp_c = 18.0;
  p.mechanical_min_temp_c = 27.0;
  const double fan = 0.04 * std::pow(283.15 / 288.15, 2);
  EXPECT_NEAR(pue_climate(p, 10.0, 0.0, 101325.0), (1.0 + fan + 0.02) / (0.97 * 0.99), 1e-12);
  // Too humid (dew point 16 °C > 15 °C): full mechanical.
  EXPECT_NEAR(pue_climate(p, 17.0, 16.0, 101325.0),
              (1.0 + 0.04 * std::pow(290.15 / 288.15, 2) + 0.25 + 0.02) / (0.97 * 0.99), 1e-12);
  EXPECT_TRUE(free_cooling(p, 18.0, 15.0));
  EXPECT_FALSE(free_cooling(p, 18.1, 0.0));
}

// Xinghai (3,323 m) typical year: days whose every hour allows free cooling
// (max dry-bulb <= 18 °C, dew point <= 15 °C) number 315, the order of the
// ~314 free-cooling days claimed for Qinghai; the mean PUE stays below 1.2
// even with fan power doubled by the thin air.
TEST(DatacenterClimateTest, QinghaiFreeCoolingDaysAndPue) {
  const resource::WeatherSeries w = resource::read_weather(
      "data/weather/CHN_Qinghai.Xinghai.529430_CSWD.epw", resource::WeatherFormat::kEpw);
  DatacenterParams p;
  p.pue_model = PueModel::kClimate;
  p.free_cooling_max_temp_c = 18.0;
  p.mechanical_min_temp_c = 27.0;
  p.it_load_frac = 1.0;
  int days = 0;
  for (std::size_t d = 0; d + 24 <= w.size(); d += 24) {
    bool all = true;
    for (std::size_t h = d; h < d + 24; ++h) {
      all = all && free_cooling(p, w.temp_air_c[h], w.temp_dew_c[h]);
    }
    days += all ? 1 : 0;
  }
  EXPECT_EQ(days, 315);
  const DatacenterSeries s = simulate_datacenter(p, w, 7.0);
  double it = 0.0;
  double fac = 0.0;
  for (std::size_t i = 0; i < s.it_kw.size(); ++i) {
    it += s.it_kw[i];
    fac += s.facility_kw[i];
  }
  EXPECT_GT(fac / it, 1.13);
  EXPECT_LT(fac / it, 1.2);
}

}  // namespace
}  // namespace shapan::load
