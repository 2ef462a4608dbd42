#include "size_limits.h"

#include <fmt/format.h>

#include <cmath>

namespace shapan::io {

void check_size(TableReader& r, const SizeLimit& limit, double value, std::string_view key) {
  if (std::isinf(value) || !(value > limit.max)) return;
  const std::string_view field = key.empty() ? limit.key : key;
  r.report(FieldChecker()
               .expect(false, field,
                       fmt::format("= {} {}: must be <= {} {} ({})", format_number(value),
                                   limit.unit, format_number(limit.max), limit.unit, limit.basis))
               .issues());
}

}  // namespace shapan::io
