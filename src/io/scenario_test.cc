#include "shapan/io/scenario.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "shapan/core/error.h"
#include "shapan/sim/simulation.h"

namespace shapan::io {
namespace {

const char* const kDefault = "examples/qinghai_base.toml";

TEST(ScenarioTest, DefaultScenarioHasAllFourSourcesAndADataCenter) {
  const Scenario s = load_scenario(kDefault);
  EXPECT_EQ(s.setup.site.utc_offset_h, 8.0);
  EXPECT_EQ(s.setup.pv.size(), 1u);
  EXPECT_EQ(s.setup.wind.size(), 1u);
  EXPECT_TRUE(s.setup.hydro.has_value());
  EXPECT_EQ(s.setup.batteries.size(), 1u);
  EXPECT_TRUE(s.setup.grid.has_value());
  ASSERT_TRUE(s.setup.datacenter.has_value());
  EXPECT_EQ(sim::step_count(s.setup), 8760u);
  EXPECT_EQ(s.setup.hydro->inflow_m3_per_s.size(), 8760u);
  EXPECT_EQ(s.setup.datacenter->it_load_series_frac.size(), 8760u);
  EXPECT_EQ(s.setup.wind[0].turbine.name, "V112/3300");
  EXPECT_EQ(s.setup.grid->tou_price_cny_per_kwh.size(), 24u);
}

// Tangnaihai's long-term mean is 635 m³/s (data/hydro/PROVENANCE.md); at a 1 %
// share the mean inflow over the year is close to 6.35 m³/s (the calendar-month
// climatology weights months by their days).
TEST(ScenarioTest, InflowIsScaledToTheShare) {
  const Scenario s = load_scenario(kDefault);
  double sum = 0.0;
  for (const double q : s.setup.hydro->inflow_m3_per_s) sum += q;
  EXPECT_NEAR(sum / 8760.0, 6.35, 0.3);
}

TEST(ScenarioTest, OverridesChangeFieldsIncludingArrayTables) {
  const Scenario s = load_scenario(
      kDefault, {"pv.0.tilt_deg=30", "simulation.step_minutes=15", "battery.0.energy_kwh=1000"});
  EXPECT_EQ(s.setup.pv[0].tilt_deg, 30.0);
  EXPECT_EQ(sim::step_count(s.setup), 8760u * 4);
  EXPECT_EQ(s.setup.batteries[0].energy_kwh, 1000.0);
}

TEST(ScenarioTest, MultiYearRunsRepeatTheTypicalYear) {
  const Scenario s = load_scenario(kDefault, {"simulation.years=2", "simulation.start=2027-01-01"});
  EXPECT_EQ(s.setup.years, 2);
  EXPECT_EQ(sim::step_count(s.setup), 8760u + 8784u);  // 2028 is a leap year
}

TEST(ScenarioTest, PvOnlyScenarioIsValidAndSiteComesFromTheWeatherFile) {
  const Scenario s = load_scenario_text(
      "[weather]\nfile = \"data/weather/CHN_Qinghai.Golmud.528180_CSWD.epw\"\n[[pv]]\n", "pv.toml",
      ".");
  EXPECT_EQ(s.setup.pv.size(), 1u);
  EXPECT_FALSE(s.setup.hydro.has_value());
  EXPECT_FALSE(s.setup.datacenter.has_value());
  EXPECT_NEAR(s.setup.site.latitude_deg, 36.42, 1e-9);
  EXPECT_NEAR(s.setup.site.elevation_m, 2807.6, 1e-9);
  EXPECT_EQ(s.setup.site.utc_offset_h, 8.0);
}

TEST(ScenarioTest, RelativePathsResolveAgainstTheScenarioFolder) {
  // examples/qinghai_base.toml names "../data/...": loading it from the repo
  // root works only if that path is taken relative to examples/.
  EXPECT_NO_THROW((void)load_scenario(kDefault));
  try {
    (void)load_scenario_text("[weather]\nfile = \"../data/weather/none.epw\"\n", "x.toml",
                             "examples");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("looked for data/weather/none.epw"));
  }
}

// The solar and wind model choices of issue 3 reach the parameters; unset,
// each keeps its default (PVWatts' physical IAM, file DNI/DHI, Fuentes,
// midpoints; a constant wake loss).
TEST(ScenarioTest, ModelChoiceKeysReachTheParameters) {
  const Scenario s = load_scenario_text(
      "[weather]\nfile = \"data/weather/CHN_Qinghai.Golmud.528180_CSWD.epw\"\n"
      "[[pv]]\ncell_temperature = \"faiman\"\niam = \"ashrae\"\niam_ashrae_b0 = 0.04\n"
      "sun_timing = \"sunlit_midpoint\"\ndecomposition = \"disc\"\n"
      "[[pv]]\n"
      "[[wind]]\nturbine = \"E-126/4200\"\nwake_model = \"knorr_mean\"\n"
      "[[wind]]\nturbine = \"E-126/4200\"\nwake_model = \"power_efficiency_curve\"\n"
      "wake_efficiency_wind_speed_m_per_s = [0, 5, 10]\nwake_efficiency_frac = [1, 0.9, 0.95]\n"
      "[[wind]]\nturbine = \"E-126/4200\"\nwake_loss_percent = 7\n",
      "choices.toml", ".");
  ASSERT_EQ(s.setup.pv.size(), 2u);
  const gen::PvParams& a = s.setup.pv[0];
  EXPECT_EQ(a.cell_temperature, gen::CellTemperatureModel::kFaiman);
  EXPECT_EQ(a.iam, gen::IamModel::kAshrae);
  EXPECT_EQ(a.iam_ashrae_b0, 0.04);
  EXPECT_EQ(a.sun_timing, gen::SunTiming::kSunlitMidpoint);
  EXPECT_EQ(a.decomposition, gen::DecompositionModel::kDisc);
  const gen::PvParams& b = s.setup.pv[1];
  EXPECT_EQ(b.cell_temperature, gen::CellTemperatureModel::kFuentes);
  EXPECT_EQ(b.iam, gen::IamModel::kPhysical);
  EXPECT_EQ(b.sun_timing, gen::SunTiming::kMidpoint);
  EXPECT_EQ(b.decomposition, gen::DecompositionModel::kNone);
  ASSERT_EQ(s.setup.wind.size(), 3u);
  EXPECT_EQ(s.setup.wind[0].wake_model, gen::WakeModel::kKnorrMean);
  EXPECT_EQ(s.setup.wind[1].wake_model, gen::WakeModel::kPowerEfficiencyCurve);
  EXPECT_EQ(s.setup.wind[1].wake_efficiency_curve.efficiency_frac,
            (std::vector<double>{1.0, 0.9, 0.95}));
  EXPECT_EQ(s.setup.wind[2].wake_model, gen::WakeModel::kConstant);
  EXPECT_EQ(s.setup.wind[2].wake_loss_percent, 7.0);
}

// The default scenario's battery ages with the Naumann et al. LFP preset;
// its parameters can be overridden one by one, and "xu2018" still selects
// the Xu et al. model with its Table I values.
TEST(ScenarioTest, DegradationModelChoosesThePreset) {
  const Scenario s = load_scenario(kDefault);
  const gen::DegradationParams& d = s.setup.batteries[0].degradation;
  EXPECT_TRUE(d.enabled);
  EXPECT_EQ(d.model, gen::DegradationModel::kNaumannLfp);
  EXPECT_EQ(d.naumann.cal_k_ref_per_sqrt_s, 1.2571e-5);
  const Scenario o = load_scenario_text(
      "[weather]\nfile = \"data/weather/CHN_Qinghai.Golmud.528180_CSWD.epw\"\n"
      "[[battery]]\ndegradation_model = \"naumann_lfp\"\n"
      "degradation_naumann_cyc_dod_d = 1.2\ndegradation_calendar_scale = 0.5\n"
      "[[battery]]\ndegradation_model = \"xu2018\"\n[[battery]]\n",
      "ageing.toml", ".");
  ASSERT_EQ(o.setup.batteries.size(), 3u);
  EXPECT_EQ(o.setup.batteries[0].degradation.naumann.cyc_dod_d, 1.2);
  EXPECT_EQ(o.setup.batteries[0].degradation.naumann.cal_soc_d, 0.60225);
  EXPECT_EQ(o.setup.batteries[0].degradation.calendar_scale, 0.5);
  EXPECT_EQ(o.setup.batteries[1].degradation.model, gen::DegradationModel::kXu2018);
  EXPECT_TRUE(o.setup.batteries[1].degradation.enabled);
  EXPECT_FALSE(o.setup.batteries[2].degradation.enabled);
}

// end_of_life_action picks replace / augment / none; the older boolean
// replace_at_end_of_life still reads (true: replace, false: none).
TEST(ScenarioTest, EndOfLifeActionAndItsOlderKey) {
  const Scenario s = load_scenario_text(
      "[weather]\nfile = \"data/weather/CHN_Qinghai.Golmud.528180_CSWD.epw\"\n"
      "[[battery]]\nend_of_life_action = \"augment\"\n"
      "[[battery]]\nreplace_at_end_of_life = false\n"
      "[[battery]]\nreplace_at_end_of_life = true\n[[battery]]\n",
      "eol.toml", ".");
  ASSERT_EQ(s.setup.batteries.size(), 4u);
  EXPECT_EQ(s.setup.batteries[0].end_of_life_action, gen::EndOfLifeAction::kAugment);
  EXPECT_EQ(s.setup.batteries[1].end_of_life_action, gen::EndOfLifeAction::kNone);
  EXPECT_EQ(s.setup.batteries[2].end_of_life_action, gen::EndOfLifeAction::kReplace);
  EXPECT_EQ(s.setup.batteries[3].end_of_life_action, gen::EndOfLifeAction::kReplace);
}

// Pumped storage level tables reach the parameters; without them the head is
// head_m.
TEST(ScenarioTest, PumpedStorageLevelTables) {
  const Scenario s = load_scenario_text(
      "[weather]\nfile = \"data/weather/CHN_Qinghai.Golmud.528180_CSWD.epw\"\n"
      "[[pumped_storage]]\nupper_level_table_hm3 = [0, 10]\nupper_level_table_m = [500, 520]\n"
      "lower_level_table_hm3 = [0, 12]\nlower_level_table_m = [100, 104]\n"
      "[[pumped_storage]]\nhead_m = 350\n",
      "ps.toml", ".");
  ASSERT_EQ(s.setup.pumped_storage.size(), 2u);
  EXPECT_EQ(s.setup.pumped_storage[0].upper_level_table_m, (std::vector<double>{500.0, 520.0}));
  EXPECT_EQ(s.setup.pumped_storage[0].lower_level_table_hm3, (std::vector<double>{0.0, 12.0}));
  EXPECT_TRUE(s.setup.pumped_storage[0].has_level_tables());
  EXPECT_FALSE(s.setup.pumped_storage[1].has_level_tables());
  EXPECT_EQ(s.setup.pumped_storage[1].head_m, 350.0);
}

// The Qinghai examples use Qinghai's provincial average grid factor for 2022
// (156.7 g/kWh, MEE and NBS, announced 2024-12-20) and say so.
TEST(ScenarioTest, QinghaiExamplesUseTheProvincialGridFactor) {
  for (const char* path : {kDefault, "examples/golmud_solar_wind_storage.toml"}) {
    SCOPED_TRACE(path);
    const Scenario s = load_scenario(path);
    ASSERT_TRUE(s.setup.grid.has_value());
    EXPECT_DOUBLE_EQ(s.setup.grid->carbon_intensity_g_per_kwh, 156.7);
    EXPECT_THAT(s.setup.grid->carbon_basis, ::testing::HasSubstr("Qinghai provincial average"));
  }
}

const char* const kGolmudWeather =
    "[weather]\nfile = \"data/weather/CHN_Qinghai.Golmud.528180_CSWD.epw\"\n";

// [direct_supply] thresholds reach the scenario; absent, the defaults of
// 发改能源〔2025〕650号 apply.
TEST(ScenarioTest, DirectSupplyThresholdsAndTheirDefaults) {
  const Scenario plain = load_scenario_text(kGolmudWeather, "a.toml", ".");
  EXPECT_DOUBLE_EQ(plain.direct_supply.self_use_min_frac, 0.60);
  EXPECT_DOUBLE_EQ(plain.direct_supply.consumption_share_min_frac, 0.30);
  EXPECT_DOUBLE_EQ(plain.direct_supply.consumption_share_raised_min_frac, 0.35);
  EXPECT_EQ(plain.direct_supply.consumption_share_raised_from_year, 2030);
  EXPECT_DOUBLE_EQ(plain.direct_supply.export_share_max_frac, 0.20);
  const Scenario set = load_scenario_text(
      std::string(kGolmudWeather) +
          "[direct_supply]\nself_use_min_frac = 0.7\nconsumption_share_min_frac = 0.25\n"
          "consumption_share_raised_min_frac = 0.4\nconsumption_share_raised_from_year = 2028\n"
          "export_share_max_frac = 0.1\n",
      "b.toml", ".");
  EXPECT_DOUBLE_EQ(set.direct_supply.self_use_min_frac, 0.7);
  EXPECT_DOUBLE_EQ(set.direct_supply.consumption_share_min_frac, 0.25);
  EXPECT_DOUBLE_EQ(set.direct_supply.consumption_share_raised_min_frac, 0.4);
  EXPECT_EQ(set.direct_supply.consumption_share_raised_from_year, 2028);
  EXPECT_DOUBLE_EQ(set.direct_supply.export_share_max_frac, 0.1);
}

TEST(ScenarioTest, DirectSupplyBadThresholdIsLocated) {
  try {
    (void)load_scenario_text(
        std::string(kGolmudWeather) + "[direct_supply]\nexport_share_max_frac = 20\n", "c.toml",
        ".");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("c.toml:4:"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("direct_supply.export_share_max_frac"));
  }
}

// Grid limits: TOML's inf means unconstrained (docs/models/grid.md); -inf
// and nan are errors naming the key.
TEST(ScenarioTest, GridLimitsAcceptInfinityOnly) {
  const Scenario s = load_scenario_text(
      std::string(kGolmudWeather) +
          "[grid]\nexport_limit_kw = inf\nimport_limit_kw = +inf\ncarbon_basis = \"test\"\n",
      "d.toml", ".");
  ASSERT_TRUE(s.setup.grid.has_value());
  EXPECT_TRUE(std::isinf(s.setup.grid->export_limit_kw));
  EXPECT_TRUE(std::isinf(s.setup.grid->import_limit_kw));
  EXPECT_EQ(s.setup.grid->carbon_basis, "test");
  for (const char* bad : {"-inf", "nan"}) {
    SCOPED_TRACE(bad);
    try {
      (void)load_scenario_text(
          std::string(kGolmudWeather) + "[grid]\nexport_limit_kw = " + bad + "\n", "e.toml", ".");
      FAIL();
    } catch (const InputError& e) {
      EXPECT_THAT(e.what(), ::testing::HasSubstr("e.toml:4:"));
      EXPECT_THAT(e.what(), ::testing::HasSubstr("grid.export_limit_kw = " + std::string(bad) +
                                                 ": expected a number, or inf for no limit"));
    }
  }
}

}  // namespace
}  // namespace shapan::io
