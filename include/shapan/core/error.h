// Errors for bad input and for expected failures.
//
// InputError is thrown for anything a user got wrong (scenario, weather file,
// trace, request). It carries where the problem is (source file, line,
// column), which field, what was found and what was expected, so that the
// message alone lets the user fix the input (STYLE.md section 5):
//   site.toml:42:1: battery.0.max_charge_kw = -5 kW: must be >= 0
// Issues collects several of them, so that validation reports every problem
// at once instead of stopping at the first.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace shapan {

struct InputIssue {
  std::string source;   // file path, or "<command line>", "<request>"
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown
  std::string field;    // dotted key ("pv.0.tilt_deg") or column name; may be empty
  std::string message;  // what is wrong and what was expected; "= <value>: <expectation>"
                        // when it quotes the value found

  // "source:line:column: field: message", leaving out the parts that are
  // unknown. A message that quotes the value ("= -5: must be >= 0") reads
  // "source:line:column: field = -5 kW: must be >= 0": no colon after the
  // field, and the field's unit (shapan/core/field_units.h) after a bare
  // number that has none.
  std::string to_string() const;
};

class InputError : public std::runtime_error {
 public:
  explicit InputError(InputIssue issue);
  explicit InputError(std::vector<InputIssue> issues);

  const std::vector<InputIssue>& issues() const { return issues_; }

 private:
  std::vector<InputIssue> issues_;
};

// Builds an InputError from printf-free pieces; throws it.
[[noreturn]] void throw_input_error(std::string source, int line, int column, std::string field,
                                    std::string message);

}  // namespace shapan
