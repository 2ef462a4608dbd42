#include "shapan/core/error.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <string_view>

#include "shapan/core/field_units.h"

namespace shapan {
namespace {

// True when `text` is one finite number and nothing else ("-5000", "1e+308";
// not "inf" or "nan", which read better without a unit).
bool is_finite_number(std::string_view text) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return !text.empty() && ec == std::errc() && ptr == end && std::isfinite(value);
}

// A message "= <value>: <expectation>" with the field's unit after the value
// when the value is a bare finite number and the field's name carries a unit
// (shapan/core/field_units.h). A value that already has words after it
// ("= 3300 m, but ...", "= 'tmy3': ...") is left as it is.
std::string with_unit(std::string_view field, const std::string& message) {
  const std::size_t value_end = message.find_first_of(":,", 2);
  const std::string_view value = std::string_view(message).substr(
      2, value_end == std::string::npos ? std::string::npos : value_end - 2);
  const std::string_view unit = unit_of_field(field);
  if (unit.empty() || !is_finite_number(value)) return message;
  std::string out = message;
  out.insert(2 + value.size(), fmt::format("{}{}", unit_separator(unit), unit));
  return out;
}

std::string join_issues(const std::vector<InputIssue>& issues) {
  std::string out;
  for (const auto& issue : issues) {
    if (!out.empty()) out += '\n';
    out += issue.to_string();
  }
  return out;
}

}  // namespace

std::string InputIssue::to_string() const {
  std::string where = source;
  if (line > 0) where += fmt::format(":{}", line);
  if (line > 0 && column > 0) where += fmt::format(":{}", column);
  std::string out = where.empty() ? "" : where + ": ";
  if (field.empty()) return out + message;
  // STYLE.md section 5: "field = value unit: expectation" when the message
  // starts with the value found, else "field: message".
  if (message.rfind("= ", 0) == 0) return out + field + " " + with_unit(field, message);
  return out + field + ": " + message;
}

InputError::InputError(InputIssue issue) : InputError(std::vector<InputIssue>{std::move(issue)}) {}

InputError::InputError(std::vector<InputIssue> issues)
    : std::runtime_error(join_issues(issues)), issues_(std::move(issues)) {}

void throw_input_error(std::string source, int line, int column, std::string field,
                       std::string message) {
  throw InputError(InputIssue{.source = std::move(source),
                              .line = line,
                              .column = column,
                              .field = std::move(field),
                              .message = std::move(message)});
}

}  // namespace shapan
