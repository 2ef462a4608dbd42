// Content hashes for the run store's reuse of identical runs (issue 17):
// SHA-256, and a Files that remembers the digest of every file read through
// it.
//
// A run request's key is the SHA-256 of everything its result depends on:
// the build (build_id()), the scenario's name, the overrides as given, and
// the path and bytes of every file loading it read (the scenario file and
// every data file it or an override names). Two requests with the same key
// give the same result, so the server answers the second with the first's
// run. Each field is written with its length before it, so that no two
// different inputs hash the same text.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "shapan/core/files.h"

namespace shapan::server {

// SHA-256 (NIST FIPS 180-4), computed by OpenSSL's libcrypto (Debian's
// libssl-dev). Feed bytes with update(), then take hex_digest() once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  Sha256& update(std::string_view bytes);
  // 64 lowercase hex digits. Ends the hash: update() must not follow.
  std::string hex_digest();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

std::string sha256_hex(std::string_view bytes);

// The build this binary is: the project's version and git commit, with a
// digest of the uncommitted changes when the tree was dirty
// ("0.1.0+<commit>[-dirty.<digest>]"); set at build time (build_id.cmake).
std::string_view build_id();

// Another Files that records the SHA-256 of every file read through it, by
// resolved path. Thread-safety: any number of threads; one request uses one.
class RecordingFiles final : public Files {
 public:
  // `base` must outlive this object.
  explicit RecordingFiles(const Files& base) : base_(base) {}

  FileKind kind(const std::filesystem::path& path) const override { return base_.kind(path); }
  std::string read(const std::filesystem::path& path) const override;
  std::filesystem::path resolve(const std::filesystem::path& path) const override {
    return base_.resolve(path);
  }
  std::optional<std::string> refusal(const std::filesystem::path& path) const override {
    return base_.refusal(path);
  }

  // Resolved path -> SHA-256 of its bytes, for every file read so far.
  std::map<std::string, std::string> digests() const;

 private:
  const Files& base_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::string> digests_;
};

// The key of a run request (see the top of this file).
std::string run_request_key(std::string_view build, const std::string& scenario,
                            const std::vector<std::string>& overrides,
                            const std::map<std::string, std::string>& file_digests);

}  // namespace shapan::server
