// The workload's pod trace (load::read_pod_trace, a path reader: the input
// goes through a scratch file).
#include <cmath>

#include "fuzz_common.h"
#include "shapan/core/error.h"
#include "shapan/load/jobs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto pods =
        shapan::load::read_pod_trace(shapan::fuzz::scratch_file(shapan::fuzz::as_text(data, size)));
    for (const auto& p : pods) {
      FUZZ_CHECK(std::isfinite(p.creation_s) && std::isfinite(p.deletion_s));
      FUZZ_CHECK(p.vcpus >= 0.0 && p.gpus >= 0.0);
      FUZZ_CHECK(p.creation_s <= p.scheduled_s && p.scheduled_s <= p.deletion_s);
    }
  } catch (const shapan::InputError&) {
  }
  return 0;
}
