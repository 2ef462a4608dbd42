// Result<T>: a value or the reason there is none, for expected outcomes
// (an infeasible LP, a rejected job, a time limit) that callers must handle.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "shapan/core/assert.h"

namespace shapan {

struct Failure {
  std::string message;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
  Result(Failure failure) : v_(std::move(failure)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& {
    SHAPAN_ASSERT(ok(), "Result::value() on a failure");
    return std::get<T>(v_);
  }
  T&& value() && {
    SHAPAN_ASSERT(ok(), "Result::value() on a failure");
    return std::get<T>(std::move(v_));
  }
  const std::string& error() const {
    SHAPAN_ASSERT(!ok(), "Result::error() on a success");
    return std::get<Failure>(v_).message;
  }

 private:
  std::variant<T, Failure> v_;
};

}  // namespace shapan
