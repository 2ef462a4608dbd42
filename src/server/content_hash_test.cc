#include "content_hash.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "shapan/io/scenario.h"

namespace shapan::server {
namespace {

// NIST's examples for SHA-256 (FIPS 180-2, appendix B.1-B.3; the same in
// the CSRC "Examples with intermediate values"), and the empty message.
TEST(Sha256Test, NistExamples) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// Messages whose padding ends a block exactly or spills into a second one
// (55, 56, 63, 64, 119 bytes); expected digests from Python's hashlib.
TEST(Sha256Test, PaddingAtBlockBoundaries) {
  EXPECT_EQ(sha256_hex(std::string(55, 'x')),
            "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
  EXPECT_EQ(sha256_hex(std::string(56, 'x')),
            "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e");
  EXPECT_EQ(sha256_hex(std::string(63, 'x')),
            "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2");
  EXPECT_EQ(sha256_hex(std::string(64, 'x')),
            "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c");
  EXPECT_EQ(sha256_hex(std::string(119, 'x')),
            "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c");
  // Fed in pieces, the same digest.
  Sha256 h;
  h.update(std::string(50, 'x')).update(std::string(69, 'x'));
  EXPECT_EQ(h.hex_digest(), sha256_hex(std::string(119, 'x')));
}

// The key changes with every input it covers, and only with them; fields
// cannot run into one another ("a=1","b" vs "a=1b").
TEST(RunRequestKeyTest, EveryInputChangesTheKey) {
  const std::map<std::string, std::string> files = {{"/d/w.epw", sha256_hex("weather")},
                                                    {"/s/a.toml", sha256_hex("scenario")}};
  const std::string key = run_request_key("1+abc", "a", {"x=1"}, files);
  EXPECT_EQ(key, run_request_key("1+abc", "a", {"x=1"}, files));
  EXPECT_EQ(key.size(), 64u);
  EXPECT_NE(key, run_request_key("1+abd", "a", {"x=1"}, files));
  EXPECT_NE(key, run_request_key("1+abc", "b", {"x=1"}, files));
  EXPECT_NE(key, run_request_key("1+abc", "a", {"x=2"}, files));
  EXPECT_NE(key, run_request_key("1+abc", "a", {}, files));
  EXPECT_NE(run_request_key("1", "a", {"x=1", "b"}, {}), run_request_key("1", "a", {"x=1b"}, {}));
  auto changed = files;
  changed["/d/w.epw"] = sha256_hex("weather!");
  EXPECT_NE(key, run_request_key("1+abc", "a", {"x=1"}, changed));
  auto moved = files;
  moved.erase("/d/w.epw");
  moved["/d/v.epw"] = sha256_hex("weather");
  EXPECT_NE(key, run_request_key("1+abc", "a", {"x=1"}, moved));
}

TEST(RecordingFilesTest, RecordsTheDigestOfEveryFileRead) {
  MemoryFiles base;
  base.add("/data/w.csv", "1,2,3\n");
  base.add("/s/a.toml", "x = 1\n");
  const RecordingFiles files(base);
  EXPECT_EQ(files.read("/s/a.toml"), "x = 1\n");
  EXPECT_EQ(files.read("/s/../data/w.csv"), "1,2,3\n");
  EXPECT_THROW((void)files.read("/s/missing.toml"), std::exception);
  const auto digests = files.digests();
  ASSERT_EQ(digests.size(), 2u);
  EXPECT_EQ(digests.at("/data/w.csv"), sha256_hex("1,2,3\n"));
  EXPECT_EQ(digests.at("/s/a.toml"), sha256_hex("x = 1\n"));
  EXPECT_FALSE(build_id().empty());
}

// A run's key covers what loading its scenario reads: every file that
// examples/qinghai_base.toml names is read through the Files it is given
// (a reader that opened a file by itself would leave that file out of the
// key, and a changed file would wrongly reuse a stored run).
TEST(RecordingFilesTest, LoadingAScenarioRecordsEveryFileItNames) {
  const RecordingFiles files(local_files());
  (void)io::load_scenario("examples/qinghai_base.toml", {}, files);
  const auto digests = files.digests();
  for (const char* name :
       {"examples/qinghai_base.toml", "data/weather/CHN_Qinghai.Xinghai.529430_CSWD.epw",
        "data/hydro/yellow_river_tangnaihai_guide_monthly_1957_2018.csv",
        "data/workload/greendcc_Alibaba_CPU_Data_Hourly_1.csv",
        "data/workload/openb_pod_list_default.csv", "data/workload/openb_node_list_gpu_node.csv",
        "data/workload/gpu_models.csv"}) {
    const std::string path = std::filesystem::weakly_canonical(name).string();
    EXPECT_TRUE(digests.count(path)) << path << " was read without the run's Files";
  }
  EXPECT_EQ(digests.size(), 7u);
}

}  // namespace
}  // namespace shapan::server
