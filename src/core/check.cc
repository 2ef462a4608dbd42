#include "shapan/core/check.h"

#include <fmt/format.h>

#include <cmath>

#include "shapan/core/error.h"

namespace shapan {

std::string format_number(double value) { return fmt::format("{}", value); }

// Messages are formatted only for values that fail: checks run on every
// element of long series, and formatting is what costs.
FieldChecker& FieldChecker::in_range(std::string_view field, double value, double lo, double hi) {
  if (std::isfinite(value) && value >= lo && value <= hi) return *this;
  return expect(false, field,
                fmt::format("= {}: must be between {} and {}", format_number(value),
                            format_number(lo), format_number(hi)));
}

FieldChecker& FieldChecker::at_least(std::string_view field, double value, double lo) {
  if (std::isfinite(value) && value >= lo) return *this;
  return expect(false, field,
                fmt::format("= {}: must be >= {}", format_number(value), format_number(lo)));
}

FieldChecker& FieldChecker::above(std::string_view field, double value, double lo) {
  if (std::isfinite(value) && value > lo) return *this;
  return expect(false, field,
                fmt::format("= {}: must be > {}", format_number(value), format_number(lo)));
}

FieldChecker& FieldChecker::at_most(std::string_view field, double value, double hi) {
  if (std::isfinite(value) && value <= hi) return *this;
  return expect(false, field,
                fmt::format("= {}: must be <= {}", format_number(value), format_number(hi)));
}

FieldChecker& FieldChecker::expect(bool ok, std::string_view field, std::string message) {
  if (!ok)
    issues_.push_back(FieldIssue{.field = std::string(field), .message = std::move(message)});
  return *this;
}

void require_valid(std::string_view what, const std::vector<FieldIssue>& issues) {
  if (issues.empty()) return;
  std::vector<InputIssue> out;
  out.reserve(issues.size());
  for (const auto& issue : issues) {
    out.push_back(InputIssue{.source = "<parameters>",
                             .field = fmt::format("{}.{}", what, issue.field),
                             .message = issue.message});
  }
  throw InputError(std::move(out));
}

}  // namespace shapan
