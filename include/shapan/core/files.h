// Reading input files: one small interface through which every reader opens
// what it reads (after LevelDB's Env, include/leveldb/env.h, and its
// in-memory helpers/memenv; STYLE.md §10), and the one place that decides
// which paths may be opened.
//
//   LocalFiles      the machine's files, every path allowed (the CLI: a user
//                   runs their own scenarios, which may name files anywhere).
//   MemoryFiles     files held in memory, for tests.
//   RestrictedFiles another Files limited to a list of allowed folders
//                   (`shapan serve`: its scenarios folder and its data folder).
//
// A restricted path is refused before anything opens it: the path is made
// absolute and resolved (".." and symlinks, as far as they exist, by the
// underlying Files' resolve()) and must then lie inside one of the allowed
// folders, themselves resolved the same way. A refusal names the path as
// given and the allowed folders, never anything read from the file. Paths are
// taken literally: "%2e%2e" is a file name, not ".." (URLs are decoded once,
// by the HTTP server, before a path segment reaches anything here).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace shapan {

enum class FileKind { kMissing, kRegular, kFolder, kOther };

class Files {
 public:
  Files() = default;
  virtual ~Files() = default;

  // What `path` is, following symlinks. kOther: a device, pipe or socket.
  virtual FileKind kind(const std::filesystem::path& path) const = 0;
  // The whole file. Throws InputError with `path` as its source when the
  // path is refused, does not exist, is a folder or cannot be read.
  virtual std::string read(const std::filesystem::path& path) const = 0;
  // `path` absolute and normal, with symlinks resolved as far as they exist.
  virtual std::filesystem::path resolve(const std::filesystem::path& path) const = 0;
  // Why `path` may not be read (it lies outside the allowed folders), or
  // nullopt when it may. Decided on the path alone: nothing is opened.
  virtual std::optional<std::string> refusal(const std::filesystem::path& path) const;

 protected:
  // Copied only as a whole derived object (MemoryFiles is a value).
  Files(const Files&) = default;
  Files& operator=(const Files&) = default;
  Files(Files&&) = default;
  Files& operator=(Files&&) = default;
};

// The one LocalFiles instance, allowing every path (the default of readers).
const Files& local_files();

class LocalFiles final : public Files {
 public:
  FileKind kind(const std::filesystem::path& path) const override;
  std::string read(const std::filesystem::path& path) const override;
  // std::filesystem::weakly_canonical of the absolute path.
  std::filesystem::path resolve(const std::filesystem::path& path) const override;
};

// Files and folders in memory. Relative paths are taken from "/"; there are
// no symlinks. A file's parent folders exist once the file is added.
class MemoryFiles final : public Files {
 public:
  void add(const std::filesystem::path& path, std::string text);
  void add_folder(const std::filesystem::path& path);

  FileKind kind(const std::filesystem::path& path) const override;
  std::string read(const std::filesystem::path& path) const override;
  std::filesystem::path resolve(const std::filesystem::path& path) const override;

 private:
  std::map<std::string, std::string> files_;  // by resolved path
  std::set<std::string> folders_;
};

// `base` limited to `allowed_folders` (resolved once, here). `base` must
// outlive this object.
class RestrictedFiles final : public Files {
 public:
  RestrictedFiles(const Files& base, const std::vector<std::filesystem::path>& allowed_folders);

  // kMissing for a refused path: its existence is not revealed either.
  FileKind kind(const std::filesystem::path& path) const override;
  std::string read(const std::filesystem::path& path) const override;
  std::filesystem::path resolve(const std::filesystem::path& path) const override;
  std::optional<std::string> refusal(const std::filesystem::path& path) const override;

  const std::vector<std::filesystem::path>& allowed_folders() const { return allowed_; }

 private:
  std::optional<std::string> refusal_of_resolved(const std::filesystem::path& resolved) const;

  const Files& base_;
  std::vector<std::filesystem::path> allowed_;
};

// The message for a path that cannot be read as a file (of kind `kind`), or
// nullopt for a regular file: "is a folder, not a file", ...
std::optional<std::string> not_a_file_message(FileKind kind);

// True when `path` is `folder` or lies below it, comparing whole components
// of the two paths as given (resolve both first).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& folder);

}  // namespace shapan
