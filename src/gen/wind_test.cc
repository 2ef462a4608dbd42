// PowerCurve::check and WindParams::check: every rule names its field and the
// bad value.
#include "shapan/gen/wind.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace shapan::gen {
namespace {

Turbine small_turbine() {
  return Turbine{
      .name = "test-2MW",
      .rated_power_kw = 2000.0,
      .rotor_diameter_m = 90.0,
      .hub_height_m = 80.0,
      .curve = {.wind_speed_m_per_s = {3.0, 12.0, 25.0}, .power_kw = {0.0, 2000.0, 2000.0}},
      .cp_wind_speed_m_per_s = {3.0, 12.0},
      .cp = {0.4, 0.3}};
}

WindParams valid_params() { return WindParams{.name = "farm", .turbine = small_turbine()}; }

bool has_issue(const std::vector<FieldIssue>& issues, const std::string& field,
               const std::string& message_part) {
  return std::any_of(issues.begin(), issues.end(), [&](const FieldIssue& i) {
    return i.field == field && i.message.find(message_part) != std::string::npos;
  });
}

TEST(PowerCurveCheckTest, ValidCurveHasNoIssues) {
  EXPECT_TRUE(small_turbine().curve.check().empty());
}

TEST(PowerCurveCheckTest, ReportsEveryBrokenRule) {
  PowerCurve curve{.wind_speed_m_per_s = {3.0, 2.0, -1.0}, .power_kw = {0.0, -5.0}};
  const auto issues = curve.check();
  EXPECT_TRUE(has_issue(issues, "curve", "has 3 wind speeds and 2 power_kw values"));
  EXPECT_TRUE(has_issue(issues, "curve.wind_speed_m_per_s.1",
                        "= 2: must be greater than the previous speed 3"));
  EXPECT_TRUE(has_issue(issues, "curve.wind_speed_m_per_s.2", "= -1: must be >= 0"));
  EXPECT_TRUE(has_issue(issues, "curve.power_kw.1", "= -5: must be >= 0"));
  PowerCurve one{.wind_speed_m_per_s = {3.0}, .power_kw = {0.0}};
  EXPECT_TRUE(has_issue(one.check(), "curve", "has 1 points: needs at least 2"));
}

TEST(WindParamsTest, DefaultsWithATurbineAreValid) {
  EXPECT_TRUE(valid_params().check().empty());
  EXPECT_DOUBLE_EQ(valid_params().effective_hub_height_m(), 80.0);
  EXPECT_DOUBLE_EQ(valid_params().rated_power_kw(), 2000.0);
}

TEST(WindParamsTest, ReportsEachBadField) {
  WindParams p = valid_params();
  p.count = 0;
  p.hub_height_m = 300.0;
  p.roughness_length_m = 0.0;
  p.wake_loss_percent = -1.0;
  p.availability_percent = 101.0;
  p.electrical_loss_percent = 150.0;
  p.hellman_exponent = 2.0;
  p.turbine.rated_power_kw = 0.0;
  const auto issues = p.check();
  EXPECT_TRUE(has_issue(issues, "count", "= 0: must be >= 1"));
  EXPECT_TRUE(has_issue(issues, "hub_height_m", "= 300: must be between 10 and 250"));
  EXPECT_TRUE(has_issue(issues, "roughness_length_m", "= 0: must be between 0.0001 and 5"));
  EXPECT_TRUE(has_issue(issues, "wake_loss_percent", "= -1: must be between 0 and 100"));
  EXPECT_TRUE(has_issue(issues, "availability_percent", "= 101: must be between 0 and 100"));
  EXPECT_TRUE(has_issue(issues, "electrical_loss_percent", "= 150: must be between 0 and 100"));
  EXPECT_TRUE(has_issue(issues, "hellman_exponent", "= 2: must be between 0 and 1"));
  EXPECT_TRUE(has_issue(issues, "turbine.rated_power_kw", "= 0: must be > 0"));
}

TEST(WindParamsTest, HubHeightZeroNeedsTurbineDefault) {
  WindParams p = valid_params();
  p.turbine.hub_height_m = 0.0;
  EXPECT_TRUE(has_issue(p.check(), "hub_height_m", "turbine 'test-2MW' has no default hub height"));
  p.hub_height_m = 9.0;
  EXPECT_TRUE(has_issue(p.check(), "hub_height_m", "= 9: must be between 10 and 250"));
}

TEST(WindParamsTest, ObstacleMustStayBelowHub) {
  WindParams p = valid_params();
  p.obstacle_height_m = 120.0;  // 0.7·120 = 84 m >= 80 m hub
  EXPECT_TRUE(has_issue(p.check(), "obstacle_height_m", "must be below the hub height 80 m"));
}

TEST(WindParamsTest, BrokenTurbineCurveIsReportedUnderTurbine) {
  WindParams p = valid_params();
  p.turbine.curve.power_kw[1] = -1.0;
  EXPECT_TRUE(has_issue(p.check(), "turbine.curve.power_kw.1", "= -1: must be >= 0"));
}

TEST(WindParamsTest, PowerCoefficientModelNeedsCpCurveAndRotor) {
  WindParams p = valid_params();
  p.power_model = WindPowerModel::kPowerCoefficient;
  EXPECT_TRUE(p.check().empty());
  p.turbine.cp.clear();
  p.turbine.rotor_diameter_m = 0.0;
  const auto issues = p.check();
  EXPECT_TRUE(has_issue(issues, "turbine.rotor_diameter_m", "= 0: must be > 0"));
  EXPECT_TRUE(has_issue(issues, "turbine.cp_curve", "has 2 wind speeds and 0 cp values"));
}

TEST(WindParamsTest, HysteresisRestartMustBeBelowCutOut) {
  WindParams p = valid_params();
  p.cut_out_hysteresis = true;
  p.cut_out_m_per_s = 25.0;
  p.restart_m_per_s = 26.0;
  EXPECT_TRUE(has_issue(p.check(), "restart_m_per_s", "= 26: must be below cut_out_m_per_s = 25"));
}

TEST(WindParamsTest, SmoothingSigmaMustBeNonNegative) {
  WindParams p = valid_params();
  p.smoothing = true;
  p.smoothing_sigma_base_m_per_s = -0.1;
  EXPECT_TRUE(has_issue(p.check(), "smoothing_sigma_base_m_per_s", "= -0.1: must be >= 0"));
}

}  // namespace
}  // namespace shapan::gen
