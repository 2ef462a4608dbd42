#include "shapan/core/error.h"

#include <fmt/format.h>

namespace shapan {
namespace {

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
  if (!field.empty()) out += field + ": ";
  return out + message;
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
