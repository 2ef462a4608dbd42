// Validation of wind parameters and power curves.
#include "shapan/gen/wind.h"

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

namespace shapan::gen {
namespace {

// Checks one (speed, value) table; `prefix` names it in the issues.
void check_table(FieldChecker& c, const std::string& prefix, const std::vector<double>& speeds,
                 const std::vector<double>& values, const std::string& value_name) {
  c.expect(speeds.size() == values.size(), prefix,
           fmt::format("has {} wind speeds and {} {} values: lengths must be equal", speeds.size(),
                       values.size(), value_name));
  c.expect(speeds.size() >= 2, prefix,
           fmt::format("has {} points: needs at least 2", speeds.size()));
  for (std::size_t i = 0; i < speeds.size(); ++i) {
    const std::string field = fmt::format("{}.wind_speed_m_per_s.{}", prefix, i);
    c.at_least(field, speeds[i], 0.0);
    if (i > 0) {
      c.expect(speeds[i] > speeds[i - 1], field,
               fmt::format("= {}: must be greater than the previous speed {}",
                           format_number(speeds[i]), format_number(speeds[i - 1])));
    }
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    c.at_least(fmt::format("{}.{}.{}", prefix, value_name, i), values[i], 0.0);
  }
}

}  // namespace

std::vector<FieldIssue> PowerCurve::check() const {
  FieldChecker c;
  check_table(c, "curve", wind_speed_m_per_s, power_kw, "power_kw");
  return c.issues();
}

std::vector<FieldIssue> WindParams::check() const {
  FieldChecker c;
  if (!availability_per_kw.empty()) {
    c.above("capacity_kw", turbine.rated_power_kw * count, 0.0);
    return c.issues();
  }
  c.at_least("count", count, 1);
  if (hub_height_m != 0.0) {
    c.in_range("hub_height_m", hub_height_m, 10.0, 250.0);
  } else {
    c.expect(turbine.hub_height_m > 0.0, "hub_height_m",
             fmt::format("= 0 and turbine '{}' has no default hub height: give one (10..250 m)",
                         turbine.name));
  }
  c.in_range("roughness_length_m", roughness_length_m, 0.0001, 5.0);
  c.at_least("obstacle_height_m", obstacle_height_m, 0.0);
  const double hub = effective_hub_height_m();
  if (hub > 0.0) {
    c.expect(0.7 * obstacle_height_m < hub, "obstacle_height_m",
             fmt::format("= {}: 0.7 x obstacle height must be below the hub height {} m",
                         format_number(obstacle_height_m), format_number(hub)));
  }
  if (hellman_exponent >= 0.0 || !std::isfinite(hellman_exponent)) {
    c.in_range("hellman_exponent", hellman_exponent, 0.0, 1.0);
  }
  c.in_range("wake_loss_percent", wake_loss_percent, 0.0, 100.0);
  if (wake_model != WakeModel::kConstant) {
    c.expect(wake_loss_percent == 0.0, "wake_loss_percent",
             fmt::format("= {}: applies only with wake_model = \"constant\"; the wake "
                         "efficiency curve already holds the wake losses",
                         format_number(wake_loss_percent)));
  }
  if (wake_model == WakeModel::kPowerEfficiencyCurve) {
    for (const auto& issue : wake_efficiency_curve.check("wake_efficiency")) {
      c.expect(false, issue.field, issue.message);
    }
  }
  c.in_range("availability_percent", availability_percent, 0.0, 100.0);
  c.in_range("electrical_loss_percent", electrical_loss_percent, 0.0, 100.0);
  c.at_least("temp_air_height_m", temp_air_height_m, 0.0);
  c.at_least("pressure_height_m", pressure_height_m, 0.0);
  c.above("turbine.rated_power_kw", turbine.rated_power_kw, 0.0);
  if (power_model == WindPowerModel::kPowerCurve) {
    for (auto issue : turbine.curve.check()) {
      issue.field = "turbine." + issue.field;
      c.expect(false, issue.field, issue.message);
    }
  } else {
    c.above("turbine.rotor_diameter_m", turbine.rotor_diameter_m, 0.0);
    check_table(c, "turbine.cp_curve", turbine.cp_wind_speed_m_per_s, turbine.cp, "cp");
  }
  if (smoothing) {
    c.at_least("smoothing_sigma_base_m_per_s", smoothing_sigma_base_m_per_s, 0.0);
    c.in_range("smoothing_sigma_frac", smoothing_sigma_frac, 0.0, 1.0);
  }
  if (cut_out_hysteresis) {
    c.at_least("cut_out_m_per_s", cut_out_m_per_s, 0.0);
    c.at_least("restart_m_per_s", restart_m_per_s, 0.0);
    if (cut_out_m_per_s > 0.0 && restart_m_per_s > 0.0) {
      c.expect(restart_m_per_s < cut_out_m_per_s, "restart_m_per_s",
               fmt::format("= {}: must be below cut_out_m_per_s = {}",
                           format_number(restart_m_per_s), format_number(cut_out_m_per_s)));
    }
  }
  return c.issues();
}

}  // namespace shapan::gen
