// The machine this process runs on: /proc and /sys files, getrlimit, statvfs.
#include <sys/resource.h>
#include <sys/statvfs.h>

#include <fstream>
#include <sstream>

#include "shapan/io/run_size.h"

namespace shapan::io {
namespace {

class ThisMachine final : public Machine {
 public:
  std::optional<std::string> read_text(const std::filesystem::path& path) const override {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::optional<std::uint64_t> address_space_limit_bytes() const override {
    rlimit limit{};
    if (getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return std::nullopt;
    return static_cast<std::uint64_t>(limit.rlim_cur);
  }

  // The folder may not exist yet (`--out` is created after the check): the
  // nearest existing parent holds it.
  std::optional<std::uint64_t> free_disk_bytes(const std::filesystem::path& folder) const override {
    std::error_code ec;
    std::filesystem::path at = std::filesystem::absolute(folder, ec);
    if (ec) return std::nullopt;
    while (!std::filesystem::exists(at, ec) && at.has_parent_path() && at != at.parent_path()) {
      at = at.parent_path();
    }
    struct statvfs fs {};
    if (statvfs(at.c_str(), &fs) != 0) return std::nullopt;
    return static_cast<std::uint64_t>(fs.f_bavail) * static_cast<std::uint64_t>(fs.f_frsize);
  }
};

}  // namespace

const Machine& this_machine() {
  static const ThisMachine kThisMachine;
  return kThisMachine;
}

}  // namespace shapan::io
