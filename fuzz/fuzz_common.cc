#include "fuzz_common.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace shapan::fuzz {
namespace {

std::filesystem::path scratch_dir() {
  if (const char* tmp = std::getenv("TMPDIR"); tmp != nullptr && *tmp != '\0') return tmp;
  std::error_code ec;
  if (std::filesystem::is_directory("/dev/shm", ec)) return "/dev/shm";
  return "/tmp";
}

// Removes the scratch files this process wrote when it exits.
struct ScratchFiles {
  std::vector<std::filesystem::path> paths;
  ~ScratchFiles() {
    std::error_code ec;
    for (const auto& p : paths) std::filesystem::remove(p, ec);
  }
};

}  // namespace

std::filesystem::path scratch_file(std::string_view bytes, std::string_view extension) {
  static ScratchFiles files;
  const std::filesystem::path path =
      scratch_dir() / ("shapan-fuzz-" + std::to_string(getpid()) + std::string(extension));
  if (std::find(files.paths.begin(), files.paths.end(), path) == files.paths.end()) {
    files.paths.push_back(path);
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "fuzz: cannot write the scratch file %s\n", path.c_str());
    std::abort();
  }
  return path;
}

std::vector<std::string_view> split_parts(std::string_view text, std::string_view marker) {
  std::vector<std::string_view> parts;
  std::size_t part_start = 0;
  std::size_t line_start = 0;
  while (line_start <= text.size()) {
    std::size_t end = text.find('\n', line_start);
    const bool last = end == std::string_view::npos;
    if (last) end = text.size();
    std::string_view line = text.substr(line_start, end - line_start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == marker) {
      parts.push_back(text.substr(part_start, line_start - part_start));
      part_start = last ? text.size() : end + 1;
    }
    if (last) break;
    line_start = end + 1;
  }
  parts.push_back(text.substr(part_start));
  return parts;
}

void contract_broken(const char* file, int line, const char* what) {
  std::fprintf(stderr, "%s:%d: contract broken: %s\n", file, line, what);
  std::abort();
}

}  // namespace shapan::fuzz
