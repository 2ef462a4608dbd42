// Query strings of the server's GET routes: the raw query split and
// percent-decoded by cpp-httplib (httplib::detail::parse_query_text, what the
// server runs on every request), then each parameter the routes read checked
// by server::parse_query_count (limit, wait_ms, from, to) or
// server::parse_run_id (a, b of /api/compare).
#include <httplib.h>

#include "fuzz_common.h"
#include "shapan/server/requests.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  httplib::Params params;
  httplib::detail::parse_query_text(std::string(shapan::fuzz::as_text(data, size)), params);
  for (const auto& [name, value] : params) {
    try {
      if (name == "a" || name == "b") {
        FUZZ_CHECK(shapan::server::parse_run_id(value) > 0);
      } else {
        (void)shapan::server::parse_query_count(name, value, "a count");
      }
    } catch (const shapan::server::RequestError& e) {
      FUZZ_CHECK(e.status() == 400 || e.status() == 404);
    }
  }
  return 0;
}
