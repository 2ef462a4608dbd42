#include "output_folder.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <system_error>

#include "shapan/core/files.h"

namespace shapan::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStagingMark = ".shapan-new-";

// Deletes staging folders in `folder` named `prefix`<pid>-... whose process
// no longer exists (a run killed before it committed).
void remove_stale_staging(const fs::path& folder, const std::string& prefix) {
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
  }
}

// A fresh folder named `prefix`<pid>-XXXXXX in `folder`, or empty when
// `folder` does not take one.
fs::path make_staging(const fs::path& folder, const std::string& prefix) {
  std::string name = (folder / fmt::format("{}{}-XXXXXX", prefix, ::getpid())).string();
  if (::mkdtemp(name.data()) == nullptr) return {};
  return name;
}

// Folders are created with 0777 less the umask; mkdtemp gives 0700.
mode_t new_folder_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0777 & ~mask);
}

}  // namespace

OutputFolder::OutputFolder(const fs::path& dir, std::vector<std::string> file_names)
    : dir_(fs::absolute(dir).lexically_normal()), file_names_(std::move(file_names)) {
  if (!dir_.has_filename() && dir_.has_parent_path() && dir_ != dir_.root_path()) {
    dir_ = dir_.parent_path();  // "out/" is "out"
  }
  const fs::path parent = dir_.parent_path();
  const std::string prefix = fmt::format(".{}{}", dir_.filename().string(), kStagingMark);
  std::error_code ec;
  if (dir_.has_filename()) {
    fs::create_directories(parent, ec);
    if (ec) {
      throw std::runtime_error(
          fmt::format("{}: cannot create the folder: {}", parent.string(), ec.message()));
    }
    remove_stale_staging(parent, prefix);
    staging_ = make_staging(parent, prefix);
  }
  if (staging_.empty()) {
    // The parent takes no new folder (read-only, or DIR is "/"): stage
    // inside DIR, and replace file by file.
    fs::create_directories(dir_, ec);
    if (ec) {
      throw std::runtime_error(
          fmt::format("{}: cannot create the folder: {}", dir_.string(), ec.message()));
    }
    remove_stale_staging(dir_, kStagingMark);
    staging_ = make_staging(dir_, kStagingMark);
    staged_inside_ = true;
    if (staging_.empty()) {
      throw std::runtime_error(fmt::format("{}: cannot create a folder in it: {}", dir_.string(),
                                           std::generic_category().message(errno)));
    }
  }
}

OutputFolder::~OutputFolder() {
  if (committed_) return;
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
}

bool OutputFolder::holds_only_run_files() const {
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool ours = std::any_of(file_names_.begin(), file_names_.end(), [&](const auto& f) {
      // write_file_atomically's leftovers: "<name>.tmp<pid>"
      return name == f || (name.rfind(f, 0) == 0 && name.compare(f.size(), 4, ".tmp") == 0);
    });
    if (!ours) return false;
  }
  return !ec;
}

void OutputFolder::commit() {
  struct stat st {};
  if (!staged_inside_ && ::lstat(dir_.c_str(), &st) != 0 && errno == ENOENT) {
    ::chmod(staging_.c_str(), new_folder_mode());
    if (::rename(staging_.c_str(), dir_.c_str()) != 0) {
      throw std::runtime_error(fmt::format("{}: cannot move the finished run into place: {}",
                                           dir_.string(), std::generic_category().message(errno)));
    }
    committed_ = true;
    return;
  }
  std::error_code ec;
  const fs::path cwd = fs::weakly_canonical(fs::current_path(ec), ec);
  const bool swappable = !staged_inside_ && S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode) && !ec &&
                         !is_within(cwd, fs::weakly_canonical(dir_, ec)) && !ec &&
                         holds_only_run_files();
  if (swappable) {
    ::chmod(staging_.c_str(), st.st_mode & 07777);
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) == 0) {
      committed_ = true;
      fs::remove_all(staging_, ec);  // the older run; a failure leaves it for the next run
      return;
    }
  }
  replace_file_by_file();
  committed_ = true;
}

void OutputFolder::replace_file_by_file() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) {
    throw std::runtime_error(
        fmt::format("{}: cannot create the folder: {}", dir_.string(), ec.message()));
  }
  // The file that marks a complete run goes first and comes back last.
  std::vector<std::string> order(file_names_.rbegin(), file_names_.rend());
  for (const std::string& name : order) {
    fs::remove(dir_ / name, ec);
    if (ec) {
      throw std::runtime_error(fmt::format("{}: cannot replace the older run's file: {}",
                                           (dir_ / name).string(), ec.message()));
    }
  }
  for (const std::string& name : file_names_) {
    if (!fs::exists(staging_ / name, ec)) continue;
    fs::rename(staging_ / name, dir_ / name, ec);
    if (ec) {
      throw std::runtime_error(fmt::format("{}: cannot move the finished file into place: {}",
                                           (dir_ / name).string(), ec.message()));
    }
  }
  fs::remove_all(staging_, ec);
}

}  // namespace shapan::cli
