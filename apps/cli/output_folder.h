// `shapan run --out DIR`: the run's files are written into a staging folder
// and put in place at once, so that DIR is at every moment either the older
// run's complete set or the new complete set, never a mix (issue 17 item 6;
// docs/reliability.md, "Crashes").
//
// The staging folder is a hidden sibling of DIR, ".<DIR's name>.shapan-new-
// <pid>-XXXXXX", on the same file system. commit():
//   - DIR missing: the staging folder is renamed to DIR;
//   - DIR a folder holding only a run's files (the names in `file_names`,
//     and write_file_atomically's leftovers of them): the two folders are
//     swapped in one rename (renameat2 RENAME_EXCHANGE), then the older run,
//     now under the staging name, is deleted;
//   - otherwise (DIR holds other files, is a symlink, is or holds the working
//     folder, or the file system cannot swap folders): the older run's files
//     are deleted, summary-first, and the new ones renamed in one by one,
//     the last name of `file_names` last. DIR then holds no older file
//     beside a newer one, but is incomplete until the last rename.
// A process killed before commit() leaves its staging folder, which the next
// OutputFolder for the same DIR deletes (its process no longer exists); one
// killed between the swap and the deletion leaves the older run there.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace shapan::cli {

class OutputFolder {
 public:
  // Creates the staging folder (and DIR's parent folders). `file_names`: the
  // run's files, the one that marks a complete run last (summary.json).
  // Throws std::runtime_error naming the folder when it cannot be created.
  OutputFolder(const std::filesystem::path& dir, std::vector<std::string> file_names);
  // Deletes the staging folder unless committed.
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  // Where to write the run's files until commit().
  const std::filesystem::path& staging() const { return staging_; }
  // Puts the staged files in place (see above). Throws std::runtime_error
  // naming DIR when the file system refuses.
  void commit();

 private:
  bool holds_only_run_files() const;
  void swap_folders();
  void replace_file_by_file();

  std::filesystem::path dir_;
  std::vector<std::string> file_names_;
  std::filesystem::path staging_;
  bool staged_inside_ = false;  // the parent is not writable: staging inside DIR
  bool committed_ = false;
};

}  // namespace shapan::cli
