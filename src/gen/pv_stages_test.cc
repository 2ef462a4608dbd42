// The stages of simulate_pv, each against the model function it calls
// (pv.h's chain, PVWatts v5 manual, Dobos 2014, NREL/TP-6A20-62641; the
// model functions' own tests cite their sources).
#include "pv_stages.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "shapan/gen/clear_sky.h"
#include "shapan/gen/iam.h"
#include "shapan/gen/irradiance.h"
#include "shapan/gen/pvwatts.h"
#include "shapan/gen/tracking.h"

namespace shapan::gen::detail {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

SunPosition sun_at(double zenith_deg, double azimuth_deg) {
  SunPosition s;
  s.zenith_deg = zenith_deg;
  s.zenith_true_deg = zenith_deg + 0.05;
  s.azimuth_deg = azimuth_deg;
  return s;
}

// Three days of hourly weather from 2025-06-01 local time (UTC+8).
resource::WeatherSeries hourly_weather(std::size_t n) {
  resource::WeatherSeries w;
  w.start = to_timestamp({.year = 2025, .month = 6, .day = 1}, 8.0);
  w.location.utc_offset_h = 8.0;
  w.location.elevation_m = 3000.0;
  w.step = Duration::hours(1);
  w.ghi_w_per_m2.assign(n, 600.0);
  w.dni_w_per_m2.assign(n, 700.0);
  w.dhi_w_per_m2.assign(n, 150.0);
  w.temp_air_c.assign(n, 20.0);
  w.wind_speed_m_per_s.assign(n, 2.0);
  return w;
}

TEST(PvPlaneTest, FixedArrayIsCosAoiOfItsTiltAndAzimuth) {
  PvParams p;
  p.tilt_deg = 33.0;
  p.azimuth_deg = 170.0;
  const PvPlane plane(p);
  for (const double zenith : {5.0, 40.0, 75.0, 89.5}) {
    for (const double azimuth : {60.0, 170.0, 250.0}) {
      const PlaneSunCosines c = plane.at(sun_at(zenith, azimuth));
      // The same arithmetic as cos_aoi(), so the same number to the last bit.
      EXPECT_EQ(c.cos_aoi, cos_aoi(33.0, 170.0, zenith, azimuth)) << zenith << " " << azimuth;
      EXPECT_DOUBLE_EQ(c.cos_tilt, std::cos(33.0 * std::numbers::pi / 180.0));
      EXPECT_DOUBLE_EQ(c.cos_zenith, std::cos(zenith * std::numbers::pi / 180.0));
    }
  }
}

TEST(PvPlaneTest, TrackersFollowTrackingH) {
  PvParams p;
  p.array_type = ArrayType::kSingleAxisBacktracking;
  p.tilt_deg = 0.0;
  p.gcr = 0.35;
  const PvPlane plane(p);
  const SurfaceOrientation o = single_axis_orientation(
      {.axis_tilt_deg = 0.0, .axis_azimuth_deg = 180.0, .backtrack = true, .gcr = 0.35}, 70.0,
      100.0);
  const PlaneSunCosines c = plane.at(sun_at(70.0, 100.0));
  EXPECT_DOUBLE_EQ(c.cos_aoi, o.cos_aoi);
  EXPECT_DOUBLE_EQ(c.cos_tilt, std::cos(o.tilt_deg * std::numbers::pi / 180.0));
  p.array_type = ArrayType::kTwoAxis;
  EXPECT_DOUBLE_EQ(PvPlane(p).at(sun_at(70.0, 100.0)).cos_aoi, 1.0);
}

TEST(PvSkyDiffuseTest, EachModelIsTranspositionH) {
  const PlaneAndSun g{.surface_tilt_deg = 30.0,
                      .surface_azimuth_deg = 180.0,
                      .sun_zenith_deg = 50.0,
                      .sun_azimuth_deg = 150.0};
  const PlaneSunCosines c = plane_sun_cosines(g);
  const double dhi = 180.0;
  const double dni = 650.0;
  const double extra = 1380.0;
  EXPECT_DOUBLE_EQ(
      pv_sky_diffuse_w_per_m2(TranspositionModel::kIsotropic, c, dhi, dni, extra, 50.0),
      isotropic_sky_w_per_m2(30.0, dhi));
  EXPECT_DOUBLE_EQ(
      pv_sky_diffuse_w_per_m2(TranspositionModel::kHayDavies, c, dhi, dni, extra, 50.0),
      hay_davies_sky(g, dhi, dni, extra).total_w_per_m2);
  EXPECT_DOUBLE_EQ(
      pv_sky_diffuse_w_per_m2(TranspositionModel::kPerez, c, dhi, dni, extra, 50.0),
      perez_sky(g, dhi, dni, extra, relative_airmass_kasten_young(50.0)).total_w_per_m2);
  // The models differ: a test of the switch, not of one model thrice.
  EXPECT_NE(pv_sky_diffuse_w_per_m2(TranspositionModel::kIsotropic, c, dhi, dni, extra, 50.0),
            pv_sky_diffuse_w_per_m2(TranspositionModel::kPerez, c, dhi, dni, extra, 50.0));
}

TEST(PvBeamIamTest, PhysicalWithArGlassForPremiumOrAshrae) {
  PvParams p;
  const double aoi_deg = 70.0;
  const double cos_aoi_70 = std::cos(aoi_deg * std::numbers::pi / 180.0);
  p.module_type = ModuleType::kStandard;
  EXPECT_NEAR(pv_beam_iam(p, cos_aoi_70), pvwatts_iam(aoi_deg, false), 1e-12);
  p.module_type = ModuleType::kPremium;
  EXPECT_NEAR(pv_beam_iam(p, cos_aoi_70), pvwatts_iam(aoi_deg, true), 1e-12);
  EXPECT_GT(pv_beam_iam(p, cos_aoi_70), pvwatts_iam(aoi_deg, false));  // the AR layer helps
  p.iam = IamModel::kAshrae;
  p.iam_ashrae_b0 = 0.1;
  EXPECT_NEAR(pv_beam_iam(p, cos_aoi_70), ashrae_iam(aoi_deg, 0.1), 1e-12);
}

TEST(PvCellTemperatureTest, RoofMountUsesTheCloseMountParameterSets) {
  PvParams p;
  p.cell_temperature = CellTemperatureModel::kSapm;
  EXPECT_DOUBLE_EQ(PvCellTemperature(p, Duration::hours(1)).step(800.0, 25.0, 2.0),
                   sapm_cell_temp_c(800.0, 25.0, 2.0));
  p.array_type = ArrayType::kFixedRoofMount;
  const SapmTempParams close_mount{.a = -2.98, .b = -0.0471, .delta_t_c = 1.0};
  EXPECT_DOUBLE_EQ(PvCellTemperature(p, Duration::hours(1)).step(800.0, 25.0, 2.0),
                   sapm_cell_temp_c(800.0, 25.0, 2.0, close_mount));
  p.cell_temperature = CellTemperatureModel::kPvsyst;
  EXPECT_DOUBLE_EQ(PvCellTemperature(p, Duration::hours(1)).step(800.0, 25.0, 2.0),
                   pvsyst_cell_temp_c(800.0, 25.0, 2.0, {.u_c_w_per_m2_k = 15.0}));
  p.cell_temperature = CellTemperatureModel::kFaiman;
  // Wind below 0 is read as 0.
  EXPECT_DOUBLE_EQ(PvCellTemperature(p, Duration::hours(1)).step(800.0, 25.0, -3.0),
                   faiman_temp_c(800.0, 25.0, 0.0));
}

TEST(PvCellTemperatureTest, FuentesCarriesItsStateWithTheArraysNoct) {
  PvParams p;
  p.array_type = ArrayType::kFixedRoofMount;
  PvCellTemperature stage(p, Duration::minutes(15));
  const FuentesModel model({.noct_installed_c = 49.0});
  FuentesState s;
  for (const double poa : {0.0, 300.0, 900.0, 600.0}) {
    s = model.step(s, poa, 10.0, 1.5, Duration::minutes(15));
    EXPECT_DOUBLE_EQ(stage.step(poa, 10.0, 1.5), s.module_temp_k - 273.15) << poa;
  }
}

TEST(RunYearFactorTest, FallsAtEachAnniversaryOfTheStart) {
  resource::WeatherSeries w = hourly_weather(1);
  w.start = to_timestamp({.year = 2024, .month = 2, .day = 29}, 8.0);  // leap day
  RunYearFactor factor(w, 1.0);
  EXPECT_DOUBLE_EQ(factor.at(w.start), 1.0);
  const Timestamp first = to_timestamp({.year = 2025, .month = 2, .day = 28}, 8.0);
  EXPECT_DOUBLE_EQ(factor.at(first - Duration::seconds(1)), 1.0);
  EXPECT_DOUBLE_EQ(factor.at(first), 0.99);
  EXPECT_DOUBLE_EQ(factor.at(to_timestamp({.year = 2026, .month = 3, .day = 1}, 8.0)), 0.99 * 0.99);
}

TEST(PvAlbedoTest, ParamsThenFileThenDefault) {
  EXPECT_DOUBLE_EQ(pv_albedo_frac(0.3, 0.5), 0.3);
  EXPECT_DOUBLE_EQ(pv_albedo_frac(-1.0, 0.5), 0.5);
  EXPECT_DOUBLE_EQ(pv_albedo_frac(-1.0, 1.0), kDefaultAlbedoFrac);
  EXPECT_DOUBLE_EQ(pv_albedo_frac(-1.0, -1.0), kDefaultAlbedoFrac);
  EXPECT_DOUBLE_EQ(pv_albedo_frac(-1.0, kNan), kDefaultAlbedoFrac);
}

TEST(PvIrradianceSourceTest, FileValuesWithNegativeAndNanAsZero) {
  resource::WeatherSeries w = hourly_weather(3);
  w.dni_w_per_m2[1] = -5.0;
  w.dhi_w_per_m2[2] = kNan;
  const std::vector<SunPosition> sun(3, sun_at(40.0, 180.0));
  PvParams p;
  const PvIrradianceSource source(p, w, sun);
  EXPECT_DOUBLE_EQ(source.at(0).dni_w_per_m2, 700.0);
  EXPECT_DOUBLE_EQ(source.at(1).dni_w_per_m2, 0.0);
  EXPECT_DOUBLE_EQ(source.at(2).dhi_w_per_m2, 0.0);
  EXPECT_DOUBLE_EQ(source.at(2).ghi_w_per_m2, 600.0);
}

TEST(PvIrradianceSourceTest, ErbsAndClearSkyAsTheirFunctions) {
  const resource::WeatherSeries w = hourly_weather(2);
  const std::vector<SunPosition> sun(2, sun_at(40.0, 180.0));
  // The middle of step 1 is 2025-05-31 17:30 UTC: day 151.
  const double doy = 151.0;
  PvParams p;
  p.decomposition = DecompositionModel::kErbs;
  const BeamDiffuse split = erbs(600.0, 40.05, extraterrestrial_dni_spencer_w_per_m2(doy));
  const HorizontalIrradiance e = PvIrradianceSource(p, w, sun).at(1);
  EXPECT_DOUBLE_EQ(e.dni_w_per_m2, split.dni_w_per_m2);
  EXPECT_DOUBLE_EQ(e.dhi_w_per_m2, split.dhi_w_per_m2);
  p.irradiance = IrradianceSource::kClearSky;
  p.linke_turbidity.constant = 2.5;
  const ClearSky cs =
      clear_sky_ineichen(40.0, 3000.0, 2.5, extraterrestrial_dni_spencer_w_per_m2(doy));
  const HorizontalIrradiance c = PvIrradianceSource(p, w, sun).at(1);
  EXPECT_DOUBLE_EQ(c.ghi_w_per_m2, cs.ghi_w_per_m2);
  EXPECT_DOUBLE_EQ(c.dni_w_per_m2, cs.dni_w_per_m2);
  EXPECT_DOUBLE_EQ(c.dhi_w_per_m2, cs.dhi_w_per_m2);
}

TEST(DailyDniExtraTest, OncePerUtcDayNearTheSpaValue) {
  DailyDniExtra daily;
  const Timestamp day_start = to_timestamp({.year = 2025, .month = 1, .day = 3}, 0.0);
  const double first = daily.at(day_start + Duration::hours(1));
  EXPECT_EQ(daily.at(day_start + Duration::hours(20)), first);  // the day's value, kept
  EXPECT_NEAR(first, extraterrestrial_dni_w_per_m2(day_start), 0.002 * first);
  const double july = daily.at(to_timestamp({.year = 2025, .month = 7, .day = 4}, 0.0));
  EXPECT_LT(july, first);  // aphelion in early July, perihelion in early January
}

}  // namespace
}  // namespace shapan::gen::detail
