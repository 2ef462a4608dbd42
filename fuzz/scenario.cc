// The scenario TOML with `--set` overrides (io::load_scenario_text), as
// `shapan run SCENARIO --set key=value ...` loads it. The input is the TOML
// text, then optionally a line "#--set" (a TOML comment, so seeds stay valid
// scenarios) followed by one override per line. Relative file paths are taken
// from the source tree's examples/ folder, so the seeds can name the shipped
// data files as the examples do.
#include "shapan/io/scenario.h"

#include <string>
#include <vector>

#include "fuzz_common.h"
#include "shapan/core/error.h"
#include "shapan/io/run_size.h"

namespace {

// The fuzzer's memory, as io's size check sees it: 1 GB, below libFuzzer's
// -rss_limit_mb=2048, so that a run too long for it (years = 100 at 1-minute
// steps, issue 17) is refused by io, as on a small machine, not reported as
// out-of-memory.
class FuzzMachine final : public shapan::io::Machine {
 public:
  std::optional<std::string> read_text(const std::filesystem::path& path) const override {
    if (path == "/proc/meminfo") return "MemAvailable: 1000000 kB\n";
    return std::nullopt;
  }
  std::optional<std::uint64_t> address_space_limit_bytes() const override { return std::nullopt; }
  std::optional<std::uint64_t> free_disk_bytes(const std::filesystem::path&) const override {
    return std::nullopt;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = shapan::fuzz::split_parts(shapan::fuzz::as_text(data, size), "#--set");
  std::vector<std::string> overrides;
  for (std::size_t p = 1; p < parts.size(); ++p) {
    std::string_view rest = parts[p];
    while (!rest.empty()) {
      const std::size_t end = std::min(rest.find('\n'), rest.size());
      if (end > 0) overrides.emplace_back(rest.substr(0, end));
      rest.remove_prefix(std::min(end + 1, rest.size()));
    }
  }
  static const FuzzMachine kMachine;
  try {
    const shapan::io::Scenario s = shapan::io::load_scenario_text(
        std::string(parts.front()), "fuzz.toml", SHAPAN_SOURCE_DIR "/examples", overrides, nullptr,
        shapan::local_files(), {.machine = &kMachine});
    FUZZ_CHECK(shapan::sim::step_count(s.setup) > 0);
  } catch (const shapan::InputError&) {
  }
  return 0;
}
