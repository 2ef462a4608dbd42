#include "shapan/core/assert.h"

#include <cstdio>
#include <cstdlib>

namespace shapan::detail {

void assert_failed(const char* cond, const char* why, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: internal error: %s (%s)\n", file, line, why, cond);
  std::abort();
}

}  // namespace shapan::detail
