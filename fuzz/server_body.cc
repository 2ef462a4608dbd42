// The body of POST /api/runs (server::parse_run_request), then the scenario
// lookup the server does with the name it gives. The scenarios folder is the
// source tree's examples/.
#include "fuzz_common.h"
#include "shapan/server/requests.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path dir = SHAPAN_SOURCE_DIR "/examples";
  try {
    const shapan::server::RunRequest r =
        shapan::server::parse_run_request(std::string(shapan::fuzz::as_text(data, size)));
    for (const auto& o : r.overrides) FUZZ_CHECK(o.find('=') != std::string::npos);
    const shapan::server::ScenarioEntry e = shapan::server::find_scenario(dir, r.scenario);
    FUZZ_CHECK(e.path.parent_path() == dir);
  } catch (const shapan::server::RequestError& e) {
    FUZZ_CHECK(e.status() >= 400 && e.status() < 500);
  }
  return 0;
}
