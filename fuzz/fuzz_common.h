// Helpers shared by the libFuzzer targets (issue 17 item 4; docs/reliability.md).
//
// Each target feeds one parser bytes chosen by the fuzzer. InputError (and the
// server's RequestError) are the correct answer to bad input and are caught in
// the target; anything else (a crash, another exception type, a sanitizer
// report, a leak, a timeout, a broken FUZZ_CHECK) is a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

namespace shapan::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Writes `bytes` to this process's scratch file (under $TMPDIR, else
// /dev/shm, else /tmp; the name holds the process id and `extension`) and
// returns its path. The same path is reused on every call and removed at exit.
// For parsers that read a path rather than bytes.
std::filesystem::path scratch_file(std::string_view bytes, std::string_view extension = ".csv");

// Splits `text` at lines equal to `marker` (without the line end): "a\n--\nb"
// gives {"a\n", "b"}. Targets whose parser takes several inputs read them
// from one fuzzer input this way.
std::vector<std::string_view> split_parts(std::string_view text, std::string_view marker);

// Reports a broken contract of a parser's result and aborts (a finding).
[[noreturn]] void contract_broken(const char* file, int line, const char* what);

}  // namespace shapan::fuzz

#define FUZZ_CHECK(cond) \
  ((cond) ? (void)0 : ::shapan::fuzz::contract_broken(__FILE__, __LINE__, #cond))
