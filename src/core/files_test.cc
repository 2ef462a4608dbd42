// The file interface: what each kind of path reads as, and the allowed-folder
// policy against "..", symlinks, absolute paths and look-alike prefixes.
#include "shapan/core/files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "shapan/core/error.h"

namespace shapan {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::string error_of(const Files& files, const fs::path& path) {
  try {
    (void)files.read(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(read)";
}

// tmp/<unique>/{allowed/a.txt, allowed/sub/, allowedX/b.txt, outside/secret.txt}
// with allowed/link -> ../outside/secret.txt and allowed/dirlink -> ../outside.
class TempTree : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("shapan_files_test_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "allowed" / "sub");
    fs::create_directories(root_ / "allowedX");
    fs::create_directories(root_ / "outside");
    std::ofstream(root_ / "allowed" / "a.txt") << "alpha";
    std::ofstream(root_ / "allowedX" / "b.txt") << "SECRET-b";
    std::ofstream(root_ / "outside" / "secret.txt") << "SECRET-s";
    fs::create_symlink("../outside/secret.txt", root_ / "allowed" / "link");
    fs::create_symlink("../outside", root_ / "allowed" / "dirlink");
    fs::create_symlink("a.txt", root_ / "allowed" / "inner_link");
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(TempTree, LocalFilesReadAndSayWhatIsWrong) {
  const Files& files = local_files();
  EXPECT_EQ(files.read(root_ / "allowed" / "a.txt"), "alpha");
  EXPECT_EQ(files.kind(root_ / "allowed"), FileKind::kFolder);
  EXPECT_EQ(files.kind(root_ / "nope"), FileKind::kMissing);
  EXPECT_EQ(files.kind("/dev/null"), FileKind::kOther);
  EXPECT_THAT(error_of(files, root_ / "allowed"), HasSubstr("allowed: is a folder, not a file"));
  EXPECT_THAT(error_of(files, root_ / "nope"),
              HasSubstr("nope: cannot open the file (does it exist?)"));
  // A pipe or device is refused unopened (reading one could block for ever).
  EXPECT_THAT(error_of(files, "/dev/zero"), HasSubstr("is not a regular file"));
  EXPECT_EQ(files.resolve(root_ / "allowed" / ".." / "allowed" / "link"),
            fs::canonical(root_ / "outside" / "secret.txt"));
}

TEST_F(TempTree, RestrictedFilesAllowOnlyInsideTheFolders) {
  const RestrictedFiles files(local_files(), {root_ / "allowed/"});
  EXPECT_EQ(files.read(root_ / "allowed" / "a.txt"), "alpha");
  EXPECT_EQ(files.read(root_ / "allowed" / "sub" / ".." / "a.txt"), "alpha");
  EXPECT_EQ(files.read(root_ / "allowed" / "inner_link"), "alpha");  // a symlink that stays inside
  for (const fs::path& p : {root_ / "outside" / "secret.txt",        // absolute
                            root_ / "allowed" / ".." / "outside" / "secret.txt",  // ".."
                            root_ / "allowed" / "link",                           // file symlink
                            root_ / "allowed" / "dirlink" / "secret.txt",         // folder symlink
                            root_ / "allowedX" / "b.txt",  // a look-alike prefix
                            fs::path("/etc/passwd")}) {
    EXPECT_TRUE(files.refusal(p).has_value()) << p;
    EXPECT_EQ(files.kind(p), FileKind::kMissing) << p;  // existence is not revealed
    const std::string message = error_of(files, p);
    EXPECT_THAT(message, HasSubstr(p.string() + ": is outside the allowed folders (" +
                                   fs::canonical(root_ / "allowed").string() + ")"));
    EXPECT_THAT(message, Not(HasSubstr("SECRET")));
    EXPECT_THAT(message, Not(HasSubstr("root:")));
  }
  // Errors inside the folders name the path as given, not as resolved.
  EXPECT_THAT(
      error_of(files, root_ / "allowed" / "sub" / ".." / "sub"),
      HasSubstr((root_ / "allowed" / "sub" / ".." / "sub").string() + ": is a folder, not a file"));
  // Relative paths are taken from the working folder, like the OS does.
  EXPECT_TRUE(files.refusal("data/anything.csv").has_value());
}

TEST(MemoryFilesTest, HoldsFilesAndFolders) {
  MemoryFiles files;
  files.add("/a/b/c.csv", "x,y\n");
  files.add("rel.txt", "r");
  EXPECT_EQ(files.read("/a/b/c.csv"), "x,y\n");
  EXPECT_EQ(files.read("/a/x/../b/c.csv"), "x,y\n");
  EXPECT_EQ(files.read("/rel.txt"), "r");
  EXPECT_EQ(files.kind("/a/b"), FileKind::kFolder);
  EXPECT_EQ(files.kind("/a/b/d.csv"), FileKind::kMissing);
  EXPECT_THAT(error_of(files, "/a/b"), HasSubstr("/a/b: is a folder, not a file"));
  EXPECT_THAT(error_of(files, "/nope"), HasSubstr("/nope: cannot open the file"));
  const RestrictedFiles only_b(files, {"/a/b"});
  EXPECT_EQ(only_b.read("/a/b/c.csv"), "x,y\n");
  EXPECT_THAT(error_of(only_b, "/a/b/../../rel.txt"),
              HasSubstr("/a/b/../../rel.txt: is outside the allowed folders (/a/b)"));
}

TEST(FilesTest, IsWithinComparesWholeComponents) {
  EXPECT_TRUE(is_within("/a/b/c", "/a/b"));
  EXPECT_TRUE(is_within("/a/b", "/a/b/"));
  EXPECT_FALSE(is_within("/a/bc", "/a/b"));
  EXPECT_FALSE(is_within("/a", "/a/b"));
  EXPECT_TRUE(is_within("/anything", "/"));
}

}  // namespace
}  // namespace shapan
