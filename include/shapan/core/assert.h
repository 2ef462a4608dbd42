// SHAPAN_ASSERT(cond, why): a broken internal invariant. Prints file:line and
// the reason, then aborts. User input must never be able to reach one: input
// is validated (InputError) before it gets this far.
#pragma once

namespace shapan::detail {
[[noreturn]] void assert_failed(const char* cond, const char* why, const char* file, int line);
}  // namespace shapan::detail

#define SHAPAN_ASSERT(cond, why)                                                  \
  do {                                                                            \
    if (!(cond)) ::shapan::detail::assert_failed(#cond, why, __FILE__, __LINE__); \
  } while (false)
