// Checking the fields of a model's Params.
//
// Every Params struct has `std::vector<FieldIssue> check() const`, which names
// each bad field and says what was expected. io runs it after parsing and
// turns each issue into an InputError located at the field's line in the
// scenario file; model constructors run it too (via require_valid), so a model
// can never be built from bad parameters, whoever built them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace shapan {

struct FieldIssue {
  std::string field;    // the field's name as in the scenario ("tilt_deg", "curve.2")
  std::string message;  // "= 95: must be between -90 and 90"

  bool operator==(const FieldIssue&) const = default;
};

class FieldChecker {
 public:
  // value must lie in [lo, hi].
  FieldChecker& in_range(std::string_view field, double value, double lo, double hi);
  FieldChecker& at_least(std::string_view field, double value, double lo);
  // value must be > lo.
  FieldChecker& above(std::string_view field, double value, double lo);
  FieldChecker& at_most(std::string_view field, double value, double hi);
  // A free-form rule: adds `message` for `field` when `ok` is false.
  FieldChecker& expect(bool ok, std::string_view field, std::string message);

  const std::vector<FieldIssue>& issues() const { return issues_; }

 private:
  std::vector<FieldIssue> issues_;
};

// Throws InputError listing every issue, each prefixed by `what` (for example
// "battery"), when `issues` is not empty.
void require_valid(std::string_view what, const std::vector<FieldIssue>& issues);

// Formats a number for messages: shortest text that reads back the same.
std::string format_number(double value);

}  // namespace shapan
