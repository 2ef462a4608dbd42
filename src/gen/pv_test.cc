#include "shapan/gen/pv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "shapan/core/error.h"
#include "shapan/gen/cell_temperature.h"
#include "shapan/gen/pvwatts.h"

namespace shapan::gen {
namespace {

using ::testing::HasSubstr;

// A weather series of `n` steps with constant values.
resource::WeatherSeries constant_weather(std::size_t n, Duration step, double ghi, double dni,
                                         double dhi, double temp_c = 25.0, double wind = 1.0) {
  resource::WeatherSeries w;
  w.start = to_timestamp({.year = 2024, .month = 1, .day = 1}, 8.0);
  w.location.utc_offset_h = 8.0;
  w.step = step;
  w.ghi_w_per_m2.assign(n, ghi);
  w.dni_w_per_m2.assign(n, dni);
  w.dhi_w_per_m2.assign(n, dhi);
  w.temp_air_c.assign(n, temp_c);
  w.temp_dew_c.assign(n, 0.0);
  w.relative_humidity_percent.assign(n, 50.0);
  w.pressure_pa.assign(n, 101325.0);
  w.wind_speed_m_per_s.assign(n, wind);
  w.wind_direction_deg.assign(n, 0.0);
  return w;
}

std::vector<SunPosition> constant_sun(std::size_t n, double zenith, double azimuth) {
  SunPosition s;
  s.zenith_deg = zenith;
  s.zenith_true_deg = zenith;
  s.azimuth_deg = azimuth;
  return std::vector<SunPosition>(n, s);
}

TEST(PvTest, DefaultsAreValid) { EXPECT_TRUE(PvParams{}.check().empty()); }

TEST(PvTest, CheckNamesEveryBadField) {
  PvParams p;
  p.tilt_deg = 95;
  p.azimuth_deg = -1;
  p.dc_capacity_kw = 0;
  p.dc_ac_ratio = 4;
  p.losses_percent = 100;
  p.inverter_efficiency_percent = 99.9;
  p.gcr = 1.0;
  p.max_rotation_deg = 120;
  p.albedo = -0.5;
  p.degradation_percent_per_year = 11;
  const std::vector<FieldIssue> issues = p.check();
  std::vector<std::string> fields;
  fields.reserve(issues.size());
  for (const FieldIssue& i : issues) fields.push_back(i.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre(
                          "tilt_deg", "azimuth_deg", "dc_capacity_kw", "dc_ac_ratio",
                          "losses_percent", "inverter_efficiency_percent", "gcr",
                          "max_rotation_deg", "albedo", "degradation_percent_per_year"));
  for (const FieldIssue& i : issues) {
    if (i.field == "dc_ac_ratio") {
      EXPECT_EQ(i.message, "= 4: must be between 0.5 and 3");
    }
    if (i.field == "albedo") {
      EXPECT_EQ(i.message, "= -0.5: must be -1 (from the weather file) or between 0 and 1");
    }
  }
  PvParams ok;
  ok.albedo = 0.3;
  EXPECT_TRUE(ok.check().empty());
}

TEST(PvTest, SimulateRejectsBadParamsWithTheFieldInTheMessage) {
  PvParams p;
  p.name = "roof";
  p.tilt_deg = 95;
  const resource::WeatherSeries w = constant_weather(1, Duration::hours(1), 0, 0, 0);
  try {
    (void)simulate_pv(p, w, constant_sun(1, 30, 180));
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("roof.tilt_deg = 95°: must be between 0 and 90"));
  }
}

TEST(PvTest, ModuleAndArrayTypeConstants) {
  // PVWatts v5 manual, tables 2 and 3.
  EXPECT_EQ(temperature_coefficient_per_c(ModuleType::kStandard), -0.0047);
  EXPECT_EQ(temperature_coefficient_per_c(ModuleType::kPremium), -0.0035);
  EXPECT_EQ(temperature_coefficient_per_c(ModuleType::kThinFilm), -0.0020);
  EXPECT_EQ(noct_installed_c(ArrayType::kFixedOpenRack), 45.0);
  EXPECT_EQ(noct_installed_c(ArrayType::kFixedRoofMount), 49.0);
  EXPECT_EQ(noct_installed_c(ArrayType::kTwoAxis), 45.0);
}

TEST(PvTest, SunBelowHorizonGivesZeroAndAirTemperature) {
  const resource::WeatherSeries w = constant_weather(3, Duration::hours(1), 50, 0, 50, 7.0);
  const PvSeries s = simulate_pv(PvParams{}, w, constant_sun(3, 95, 300));
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(s.ac_kw[i], 0.0);
    EXPECT_EQ(s.dc_kw[i], 0.0);
    EXPECT_EQ(s.poa_w_per_m2[i], 0.0);
    EXPECT_EQ(s.cell_temp_c[i], 7.0);
  }
}

TEST(PvTest, OneStepByHand) {
  // Horizontal array, isotropic sky, sun at zenith 0: beam on the plane = DNI,
  // aoi 0 (IAM 1 after the 1° hold), no ground term. POA = 800 + 100 = 900.
  // Cell temperature: one Fuentes step from the initial state. DC = 1000 kW ·
  // 0.9 · (1 − 0.0047·(Tc − 25)) · (1 − 0.1408); AC by the inverter curve.
  PvParams p;
  p.tilt_deg = 0;
  p.transposition = TranspositionModel::kIsotropic;
  const resource::WeatherSeries w = constant_weather(1, Duration::hours(1), 900, 800, 100, 25, 2);
  const PvSeries s = simulate_pv(p, w, constant_sun(1, 0.0, 180));
  EXPECT_NEAR(s.poa_w_per_m2[0], 900.0, 1e-9);
  const FuentesModel thermal({.noct_installed_c = 45});
  const double tc = thermal.step({}, 900, 25, 2, Duration::hours(1)).module_temp_k - 273.15;
  EXPECT_NEAR(s.cell_temp_c[0], tc, 1e-12);
  const double dc = 1000.0 * 0.9 * (1 - 0.0047 * (tc - 25)) * (1 - 0.1408);
  EXPECT_NEAR(s.dc_kw[0], dc, 1e-9);
  EXPECT_NEAR(s.ac_kw[0], pvwatts_inverter_ac_kw(dc, 1000.0 / 1.2 / 0.96, 0.96), 1e-9);
}

TEST(PvTest, SelectableCellTemperatureModels) {
  // Same step as OneStepByHand (POA 900, air 25 °C, wind 2 m/s): each model's
  // cell temperature is its function of the untransmitted POA; roof mount
  // switches SAPM and PVsyst to their close-mount / insulated sets.
  PvParams p;
  p.tilt_deg = 0;
  p.transposition = TranspositionModel::kIsotropic;
  const resource::WeatherSeries w = constant_weather(1, Duration::hours(1), 900, 800, 100, 25, 2);
  const std::vector<SunPosition> sun = constant_sun(1, 0.0, 180);
  auto cell = [&](CellTemperatureModel m, ArrayType type) {
    p.cell_temperature = m;
    p.array_type = type;
    return simulate_pv(p, w, sun).cell_temp_c[0];
  };
  EXPECT_DOUBLE_EQ(cell(CellTemperatureModel::kSapm, ArrayType::kFixedOpenRack),
                   sapm_cell_temp_c(900, 25, 2));
  EXPECT_DOUBLE_EQ(cell(CellTemperatureModel::kSapm, ArrayType::kFixedRoofMount),
                   sapm_cell_temp_c(900, 25, 2, {.a = -2.98, .b = -0.0471, .delta_t_c = 1}));
  EXPECT_DOUBLE_EQ(cell(CellTemperatureModel::kPvsyst, ArrayType::kFixedOpenRack),
                   pvsyst_cell_temp_c(900, 25, 2));
  EXPECT_DOUBLE_EQ(cell(CellTemperatureModel::kPvsyst, ArrayType::kFixedRoofMount),
                   pvsyst_cell_temp_c(900, 25, 2, {.u_c_w_per_m2_k = 15}));
  EXPECT_DOUBLE_EQ(cell(CellTemperatureModel::kFaiman, ArrayType::kTwoAxis),
                   faiman_temp_c(900, 25, 2));
  // The DC follows the chosen temperature.
  p.cell_temperature = CellTemperatureModel::kFaiman;
  p.array_type = ArrayType::kFixedOpenRack;
  const double tc = faiman_temp_c(900, 25, 2);
  EXPECT_NEAR(simulate_pv(p, w, sun).dc_kw[0],
              1000.0 * 0.9 * (1 - 0.0047 * (tc - 25)) * (1 - 0.1408), 1e-9);
}

TEST(PvTest, AcNeverExceedsTheInverterRating) {
  PvParams p;
  p.dc_ac_ratio = 2.0;  // 1000 kW DC on a 500 kW inverter
  const resource::WeatherSeries w = constant_weather(4, Duration::hours(1), 1100, 950, 150, 0, 5);
  const PvSeries s = simulate_pv(p, w, constant_sun(4, 20, 180));
  for (double ac : s.ac_kw) {
    EXPECT_LE(ac, 500.0 + 1e-9);
    EXPECT_NEAR(ac, 500.0, 1e-9);  // strongly clipped
  }
}

// Without the detail series the AC output is the same, bit for bit.
TEST(PvTest, AcOnlyGivesTheSameAc) {
  const std::size_t n = 48;
  const resource::WeatherSeries w = constant_weather(n, Duration::hours(1), 800, 600, 200, 15, 4);
  std::vector<SunPosition> sun = constant_sun(n, 30, 180);
  for (std::size_t i = 0; i < n; i += 5)
    sun[i].zenith_deg = sun[i].zenith_true_deg = 95.0;  // night
  const PvSeries all = simulate_pv(PvParams{}, w, sun);
  const PvSeries ac = simulate_pv(PvParams{}, w, sun, PvDetail::kAcOnly);
  EXPECT_EQ(ac.ac_kw, all.ac_kw);
  EXPECT_TRUE(ac.poa_w_per_m2.empty() && ac.cell_temp_c.empty() && ac.dc_kw.empty());
}

TEST(PvTest, DegradationByYearOfTheRun) {
  // Three years of one step per day at the same conditions (2024 is a leap
  // year: anniversaries, not 365-day blocks). Year k multiplies DC by 0.99^k.
  // Step 0 starts the cell temperature from its initial state, so compare with step 1;
  // 1e-9: the Fuentes iteration stops within 1e-6 K.
  PvParams p;
  p.degradation_percent_per_year = 1.0;
  p.dc_ac_ratio = 0.5;                               // keep the inverter far from clipping
  p.transposition = TranspositionModel::kIsotropic;  // Perez varies with the date
  const std::size_t n = 366 + 365 + 365 + 1;
  const resource::WeatherSeries w = constant_weather(n, Duration::days(1), 600, 500, 100, 20, 3);
  const PvSeries s = simulate_pv(p, w, constant_sun(n, 30, 180));
  EXPECT_NEAR(s.dc_kw[365] / s.dc_kw[1], 1.0, 1e-9);           // 2024-12-31: year 0
  EXPECT_NEAR(s.dc_kw[366] / s.dc_kw[1], 0.99, 1e-9);          // 2025-01-01: year 1
  EXPECT_NEAR(s.dc_kw[366 + 365] / s.dc_kw[1], 0.9801, 1e-9);  // 2026-01-01: year 2
  EXPECT_NEAR(s.dc_kw[n - 1] / s.dc_kw[1], 0.970299, 1e-9);    // 2027-01-01: year 3
}

TEST(PvTest, AlbedoFromParamsFileOrDefault) {
  // Vertical south-facing array, sun behind it: POA = sky + ground only.
  PvParams p;
  p.tilt_deg = 90;
  p.transposition = TranspositionModel::kIsotropic;
  resource::WeatherSeries w = constant_weather(1, Duration::hours(1), 400, 0, 400);
  const std::vector<SunPosition> sun = constant_sun(1, 60, 0);
  const double sky = 400 * 0.5;
  EXPECT_NEAR(simulate_pv(p, w, sun).poa_w_per_m2[0], sky + 400 * 0.2 * 0.5, 1e-9);  // 0.2
  w.albedo_frac.assign(1, 0.6);
  EXPECT_NEAR(simulate_pv(p, w, sun).poa_w_per_m2[0], sky + 400 * 0.6 * 0.5, 1e-9);  // file
  p.albedo = 0.1;
  EXPECT_NEAR(simulate_pv(p, w, sun).poa_w_per_m2[0], sky + 400 * 0.1 * 0.5, 1e-9);  // params
}

TEST(PvTest, TrackersCollectMoreThanFixedOnAClearDay) {
  // A clear equinox day at 30° N, hourly (sun from SPA), same weather for all.
  const Site site{.latitude_deg = 30.0, .longitude_deg = 120.0, .utc_offset_h = 8.0};
  resource::WeatherSeries w = constant_weather(24, Duration::hours(1), 0, 0, 0, 20, 2);
  w.start = to_timestamp({.year = 2024, .month = 3, .day = 20}, 8.0);
  const std::vector<SunPosition> sun = sun_at_interval_midpoints(site, w);
  for (std::size_t i = 0; i < 24; ++i) {
    const double cz = std::cos(sun[i].zenith_deg * M_PI / 180.0);
    const double dni = cz > 0 ? 900.0 * std::pow(cz, 0.3) : 0.0;
    w.dni_w_per_m2[i] = dni;
    w.dhi_w_per_m2[i] = cz > 0 ? 80.0 : 0.0;
    w.ghi_w_per_m2[i] = std::max(cz, 0.0) * dni + w.dhi_w_per_m2[i];
  }
  auto energy = [&](ArrayType type) {
    PvParams p;
    p.array_type = type;
    p.tilt_deg = type == ArrayType::kFixedOpenRack ? 30.0 : 0.0;
    p.dc_ac_ratio = 0.8;
    double sum = 0;
    for (double v : simulate_pv(p, w, sun).ac_kw) sum += v;
    return sum;
  };
  const double fixed = energy(ArrayType::kFixedOpenRack);
  const double one = energy(ArrayType::kSingleAxis);
  const double back = energy(ArrayType::kSingleAxisBacktracking);
  const double two = energy(ArrayType::kTwoAxis);
  EXPECT_GT(one, fixed * 1.1);
  EXPECT_GT(two, one);
  EXPECT_LT(back, one);  // backtracking turns away from the sun early and late
  EXPECT_GT(back, fixed);
}

TEST(PvTest, SunlitMidpointInSunriseAndSunsetHours) {
  // Hourly intervals on the SPA example day at Golden (2003-10-17, MST).
  // SAM's convention: sunrise/sunset of the sun's centre on the geometric
  // horizon (SPA A.2 with h0' = 0: 06:17:01 and 17:15:59 that day, about 4 min
  // inside the refracted 06:12:43 / 17:20:19); the 06–07 h interval is
  // evaluated at (sunrise + 07:00)/2, the 17–18 h one at (17:00 + sunset)/2,
  // the others at the half hour.
  const Site golden{.latitude_deg = 39.742476, .longitude_deg = -105.1786, .utc_offset_h = -7};
  resource::WeatherSeries w = constant_weather(24, Duration::hours(1), 0, 0, 0);
  w.start = to_timestamp({.year = 2003, .month = 10, .day = 17}, -7.0);
  const SpaOptions opt{.delta_t_s = 67.0};
  const std::vector<Timestamp> t = interval_sun_times(golden, w, SunTiming::kSunlitMidpoint, opt);
  SpaOptions geometric = opt;
  geometric.atmos_refract_deg = -0.26667;
  const SunTimes st = sun_times(golden, w.start, geometric);
  const SunTimes refracted = sun_times(golden, w.start, opt);
  EXPECT_NEAR(static_cast<double>((st.sunrise - refracted.sunrise).in_seconds()), 258, 30);
  EXPECT_EQ(t[6],
            st.sunrise + Duration::seconds((w.interval_start(7) - st.sunrise).in_seconds() / 2));
  EXPECT_EQ(t[17], w.interval_start(17) +
                       Duration::seconds((st.sunset - w.interval_start(17)).in_seconds() / 2));
  EXPECT_EQ(t[12], w.interval_start(12) + Duration::minutes(30));
  EXPECT_EQ(t[3], w.interval_start(3) + Duration::minutes(30));
  // The default convention is the plain midpoint everywhere.
  EXPECT_EQ(interval_sun_times(golden, w)[6], w.interval_start(6) + Duration::minutes(30));
  // And the sun is up at the sunlit midpoints.
  const std::vector<SunPosition> sun = sun_at_intervals(golden, w, SunTiming::kSunlitMidpoint, opt);
  EXPECT_LT(sun[6].zenith_deg, 90.0);
  EXPECT_LT(sun[17].zenith_deg, 90.0);
}

TEST(PvTest, InvariantsHoldForRandomArraysAndWeather) {
  // Seeded generator: 200 random arrays (every field within check() ranges)
  // on 48 random hours each, with the SPA sun of a random site. Invariants:
  // POA >= 0; 0 <= AC <= AC rating; AC <= DC whenever DC > 0; zero output
  // with the sun down; finite everything.
  std::mt19937_64 rng(20240601);
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  const ArrayType types[] = {ArrayType::kFixedOpenRack, ArrayType::kFixedRoofMount,
                             ArrayType::kSingleAxis, ArrayType::kSingleAxisBacktracking,
                             ArrayType::kTwoAxis};
  const TranspositionModel models[] = {TranspositionModel::kIsotropic,
                                       TranspositionModel::kHayDavies, TranspositionModel::kPerez};
  for (int k = 0; k < 200; ++k) {
    PvParams p;
    p.dc_capacity_kw = uniform(1, 1e5);
    p.dc_ac_ratio = uniform(0.5, 3);
    p.tilt_deg = uniform(0, 90);
    p.azimuth_deg = uniform(0, 360);
    p.array_type = types[k % 5];
    p.module_type = static_cast<ModuleType>(k % 3);
    p.transposition = models[k % 3];
    p.losses_percent = uniform(0, 99);
    p.inverter_efficiency_percent = uniform(50, 99.5);
    p.gcr = uniform(0.01, 0.99);
    p.max_rotation_deg = uniform(0, 90);
    p.albedo = k % 2 ? -1.0 : uniform(0, 1);
    p.cell_temperature = static_cast<CellTemperatureModel>(k % 4);
    ASSERT_TRUE(p.check().empty());
    const Site site{.latitude_deg = uniform(-70, 70), .longitude_deg = uniform(-180, 180)};
    resource::WeatherSeries w = constant_weather(48, Duration::hours(1), 0, 0, 0);
    w.start = to_timestamp({.year = 2025, .month = 1 + k % 12, .day = 10}, 0.0);
    const std::vector<SunPosition> sun = sun_at_interval_midpoints(site, w);
    for (std::size_t i = 0; i < 48; ++i) {
      const double cz = std::max(std::cos(sun[i].zenith_deg * M_PI / 180.0), 0.0);
      w.dni_w_per_m2[i] = cz > 0 ? uniform(0, 1000) : 0.0;
      w.dhi_w_per_m2[i] = cz > 0 ? uniform(0, 500) : 0.0;
      w.ghi_w_per_m2[i] = w.dni_w_per_m2[i] * cz + w.dhi_w_per_m2[i];
      w.temp_air_c[i] = uniform(-30, 45);
      w.wind_speed_m_per_s[i] = uniform(0, 20);
    }
    const PvSeries s = simulate_pv(p, w, sun);
    for (std::size_t i = 0; i < 48; ++i) {
      ASSERT_TRUE(std::isfinite(s.ac_kw[i]) && std::isfinite(s.dc_kw[i]) &&
                  std::isfinite(s.cell_temp_c[i]) && std::isfinite(s.poa_w_per_m2[i]))
          << k << " " << i;
      EXPECT_GE(s.poa_w_per_m2[i], 0.0);
      EXPECT_GE(s.ac_kw[i], 0.0);
      EXPECT_LE(s.ac_kw[i], p.ac_capacity_kw() * (1 + 1e-12));
      if (s.dc_kw[i] > 0) {
        EXPECT_LE(s.ac_kw[i], s.dc_kw[i]);
      }
      if (sun[i].zenith_deg >= 90) {
        EXPECT_EQ(s.ac_kw[i], 0.0);
      }
    }
  }
}

TEST(PvTest, IntervalMidpoints) {
  const resource::WeatherSeries w = constant_weather(3, Duration::minutes(10), 0, 0, 0);
  const std::vector<Timestamp> mid = interval_midpoints(w);
  ASSERT_EQ(mid.size(), 3u);
  EXPECT_EQ(mid[0], w.start + Duration::minutes(5));
  EXPECT_EQ(mid[2], w.start + Duration::minutes(25));
}

}  // namespace
}  // namespace shapan::gen
