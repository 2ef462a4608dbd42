#include "shapan/core/files.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "shapan/core/error.h"

namespace shapan {
namespace fs = std::filesystem;

namespace {

// The message when `path` cannot be read as a file; nullopt when it can.
void throw_if_not_a_file(const fs::path& path, FileKind kind) {
  if (const auto message = not_a_file_message(kind)) {
    throw_input_error(path.string(), 0, 0, "", *message);
  }
}

// "a/b/" -> "a/b": a trailing separator would add an empty last component.
fs::path without_trailing_separator(fs::path p) {
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  return p;
}

std::string folder_list(const std::vector<fs::path>& folders) {
  std::string out;
  for (const auto& f : folders) {
    if (!out.empty()) out += ", ";
    out += f.string();
  }
  return out.empty() ? "none" : out;
}

}  // namespace

std::optional<std::string> Files::refusal(const fs::path& /*path*/) const { return std::nullopt; }

std::optional<std::string> not_a_file_message(FileKind kind) {
  switch (kind) {
    case FileKind::kRegular:
      return std::nullopt;
    case FileKind::kMissing:
      return "cannot open the file (does it exist?)";
    case FileKind::kFolder:
      return "is a folder, not a file";
    case FileKind::kOther:
      return "is not a regular file (a device, pipe or socket)";
  }
  return "cannot open the file";
}

bool is_within(const fs::path& path, const fs::path& folder) {
  const fs::path f = without_trailing_separator(folder);
  const fs::path p = without_trailing_separator(path);
  const auto [fi, pi] = std::mismatch(f.begin(), f.end(), p.begin(), p.end());
  return fi == f.end();
}

const Files& local_files() {
  static const LocalFiles kLocal;
  return kLocal;
}

// --- LocalFiles ---------------------------------------------------------------

FileKind LocalFiles::kind(const fs::path& path) const {
  std::error_code ec;
  const fs::file_status s = fs::status(path, ec);
  if (ec || !fs::exists(s)) return FileKind::kMissing;
  if (fs::is_regular_file(s)) return FileKind::kRegular;
  if (fs::is_directory(s)) return FileKind::kFolder;
  return FileKind::kOther;
}

std::string LocalFiles::read(const fs::path& path) const {
  // Checked first so that a pipe or device is never opened (it could block).
  throw_if_not_a_file(path, kind(path));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_input_error(path.string(), 0, 0, "", "cannot open the file (no permission?)");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw_input_error(path.string(), 0, 0, "", "reading the file failed");
  return std::move(text).str();
}

fs::path LocalFiles::resolve(const fs::path& path) const {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) absolute = path;
  fs::path resolved = fs::weakly_canonical(absolute, ec);
  if (ec) return absolute.lexically_normal();
  return without_trailing_separator(resolved);
}

// --- MemoryFiles --------------------------------------------------------------

void MemoryFiles::add(const fs::path& path, std::string text) {
  const fs::path p = resolve(path);
  files_[p.string()] = std::move(text);
  for (fs::path parent = p.parent_path(); !parent.empty(); parent = parent.parent_path()) {
    folders_.insert(parent.string());
    if (parent == parent.root_path()) break;
  }
}

void MemoryFiles::add_folder(const fs::path& path) { add(resolve(path) / ".folder", ""); }

FileKind MemoryFiles::kind(const fs::path& path) const {
  const std::string p = resolve(path).string();
  if (files_.count(p) != 0) return FileKind::kRegular;
  if (folders_.count(p) != 0) return FileKind::kFolder;
  return FileKind::kMissing;
}

std::string MemoryFiles::read(const fs::path& path) const {
  throw_if_not_a_file(path, kind(path));
  return files_.at(resolve(path).string());
}

fs::path MemoryFiles::resolve(const fs::path& path) const {
  const fs::path absolute = path.is_absolute() ? path : fs::path("/") / path;
  return without_trailing_separator(absolute.lexically_normal());
}

// --- RestrictedFiles ----------------------------------------------------------

RestrictedFiles::RestrictedFiles(const Files& base, const std::vector<fs::path>& allowed_folders)
    : base_(base) {
  allowed_.reserve(allowed_folders.size());
  for (const auto& folder : allowed_folders) allowed_.push_back(base_.resolve(folder));
}

std::optional<std::string> RestrictedFiles::refusal_of_resolved(const fs::path& resolved) const {
  for (const auto& folder : allowed_) {
    if (is_within(resolved, folder)) return std::nullopt;
  }
  return fmt::format("is outside the allowed folders ({})", folder_list(allowed_));
}

std::optional<std::string> RestrictedFiles::refusal(const fs::path& path) const {
  return refusal_of_resolved(base_.resolve(path));
}

FileKind RestrictedFiles::kind(const fs::path& path) const {
  return refusal(path) ? FileKind::kMissing : base_.kind(path);
}

std::string RestrictedFiles::read(const fs::path& path) const {
  // The path checked is the path opened: resolved once, so that no symlink
  // followed at opening differs from the one judged (short of one swapped
  // inside an allowed folder in between).
  const fs::path resolved = base_.resolve(path);
  if (const auto why = refusal_of_resolved(resolved)) {
    throw_input_error(path.string(), 0, 0, "", *why);
  }
  try {
    return base_.read(resolved);
  } catch (const InputError& e) {
    throw_input_error(path.string(), 0, 0, "", e.issues().front().message);  // the path as given
  }
}

fs::path RestrictedFiles::resolve(const fs::path& path) const { return base_.resolve(path); }

}  // namespace shapan
