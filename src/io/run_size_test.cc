// The run-size estimate and the machine's means (issue 17, "Sizes"), against
// simulated machines: a FakeMachine answers /proc/meminfo, the cgroup files,
// /proc/self/status, RLIMIT_AS and statvfs with what a test sets.
#include "shapan/io/run_size.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "shapan/core/error.h"
#include "shapan/io/scenario.h"

namespace shapan::io {
namespace {

using ::testing::HasSubstr;

constexpr std::uint64_t kGB = 1000000000;

class FakeMachine final : public Machine {
 public:
  std::map<std::string, std::string> files;
  std::optional<std::uint64_t> address_space;
  std::optional<std::uint64_t> disk;

  std::optional<std::string> read_text(const std::filesystem::path& path) const override {
    const auto it = files.find(path.string());
    if (it == files.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::uint64_t> address_space_limit_bytes() const override { return address_space; }
  std::optional<std::uint64_t> free_disk_bytes(const std::filesystem::path&) const override {
    return disk;
  }
};

// A machine with `available_kb` in /proc/meminfo and nothing else known.
FakeMachine machine_with_memory_kb(std::uint64_t available_kb) {
  FakeMachine m;
  m.files["/proc/meminfo"] =
      "MemTotal:       24683664 kB\nMemFree:         1000000 kB\n"
      "MemAvailable:   " +
      std::to_string(available_kb) + " kB\nBuffers: 1 kB\n";
  return m;
}

TEST(MachineMeansTest, MemAvailableAlone) {
  const MachineMeans means = memory_means(machine_with_memory_kb(2000000));
  ASSERT_TRUE(means.memory_bytes);
  EXPECT_EQ(*means.memory_bytes, 2000000ULL * 1024);
  EXPECT_EQ(means.memory_limited_by, "MemAvailable in /proc/meminfo");
}

TEST(MachineMeansTest, CgroupV2LimitLessUsageWhenSmaller) {
  FakeMachine m = machine_with_memory_kb(8000000);
  m.files["/sys/fs/cgroup/memory.max"] = "2000000000\n";
  m.files["/sys/fs/cgroup/memory.current"] = "500000000\n";
  const MachineMeans means = memory_means(m);
  EXPECT_EQ(*means.memory_bytes, 1500000000ULL);
  EXPECT_EQ(means.memory_limited_by, "the cgroup's memory limit less its usage");
}

TEST(MachineMeansTest, CgroupV2MaxAndV1HugeValueMeanNoLimit) {
  FakeMachine m = machine_with_memory_kb(1000);
  m.files["/sys/fs/cgroup/memory.max"] = "max\n";
  m.files["/sys/fs/cgroup/memory/memory.limit_in_bytes"] = "9223372036854771712\n";
  EXPECT_EQ(memory_means(m).memory_limited_by, "MemAvailable in /proc/meminfo");
}

TEST(MachineMeansTest, CgroupV1IsTheFallback) {
  FakeMachine m = machine_with_memory_kb(8000000);
  m.files["/sys/fs/cgroup/memory/memory.limit_in_bytes"] = "1073741824\n";
  m.files["/sys/fs/cgroup/memory/memory.usage_in_bytes"] = "73741824\n";
  EXPECT_EQ(*memory_means(m).memory_bytes, 1000000000ULL);
}

TEST(MachineMeansTest, AddressSpaceLimitLessWhatIsMapped) {
  FakeMachine m = machine_with_memory_kb(8000000);
  m.address_space = 4 * kGB;
  m.files["/proc/self/status"] = "Name:\tshapan\nVmPeak:\t  300000 kB\nVmSize:\t  200000 kB\n";
  const MachineMeans means = memory_means(m);
  EXPECT_EQ(*means.memory_bytes, 4 * kGB - 200000ULL * 1024);
  EXPECT_THAT(means.memory_limited_by, HasSubstr("ulimit -v"));
}

TEST(MachineMeansTest, NothingKnownIsNoLimit) {
  EXPECT_FALSE(memory_means(FakeMachine()).memory_bytes);
}

TEST(MachineMeansTest, ThisMachineHasSomeMemory) {
  // /proc/meminfo exists on Linux: the real machine gives a number.
  const MachineMeans means = memory_means(this_machine());
  ASSERT_TRUE(means.memory_bytes);
  EXPECT_GT(*means.memory_bytes, 0U);
}

// Calibration (docs/reliability.md, "Run size"): peak resident memory
// (/usr/bin/time -f %M, kB) of `shapan run` at 1-minute steps. qinghai_base:
// one weather source, one hydro plant (its inflow), midpoint sun positions,
// a trace workload of 8,152 pods (replayed once a year), with and without
// timeseries.csv; golmud_solar_wind_storage: no hydro, no jobs. The estimate
// must not be below the measurement, nor more than 30 % above it.
struct Measured {
  const char* run;
  RunShape shape;
  std::uint64_t peak_kb;
};

RunShape qinghai(int years, bool timeseries) {
  return RunShape{.steps = static_cast<std::uint64_t>(years) * 525600,
                  .weather_sources = 1,
                  .per_step_series = 1,
                  .sun_positions = true,
                  .jobs = static_cast<std::uint64_t>(years) * 8152,
                  .years = static_cast<double>(years),
                  .timeseries = timeseries};
}

RunShape golmud(int years) {
  return RunShape{.steps = static_cast<std::uint64_t>(years) * 525600,
                  .sun_positions = true,
                  .years = static_cast<double>(years),
                  .timeseries = false};
}

TEST(RunSizeTest, EstimateBracketsTheMeasuredPeaks) {
  for (const Measured& m : {Measured{"qinghai 1 y", qinghai(1, true), 407408},
                            Measured{"qinghai 3 y", qinghai(3, true), 1195728},
                            Measured{"qinghai 1 y no csv", qinghai(1, false), 292896},
                            Measured{"qinghai 3 y no csv", qinghai(3, false), 831736},
                            Measured{"golmud 1 y no csv", golmud(1), 245156},
                            Measured{"golmud 2 y no csv", golmud(2), 470808}}) {
    const auto measured = static_cast<double>(m.peak_kb * 1024);
    const auto estimated = static_cast<double>(estimate_run_size(m.shape).memory_bytes);
    EXPECT_GE(estimated, measured) << m.run;
    EXPECT_LE(estimated, 1.3 * measured) << m.run;
  }
  // timeseries.csv measured 152,363,649 and 458,701,918 bytes (33 columns:
  // shapan run examples/qinghai_base.toml --set simulation.step_minutes=1
  // --set simulation.years=1, then 3; 2026-12-05).
  for (const auto& [years, csv_bytes] : {std::pair{1, 152363649.0}, std::pair{3, 458701918.0}}) {
    const auto estimated =
        static_cast<double>(estimate_run_size(qinghai(years, true)).output_bytes);
    EXPECT_GE(estimated, csv_bytes) << years;
    EXPECT_LE(estimated, 1.1 * csv_bytes) << years;
  }
}

TEST(RunSizeTest, WithoutTimeseriesTheRunIsSmallerAndWritesLittle) {
  RunShape shape{.steps = 525600};
  const RunSize with = estimate_run_size(shape);
  shape.timeseries = false;
  const RunSize without = estimate_run_size(shape);
  EXPECT_LT(without.memory_bytes, with.memory_bytes);
  EXPECT_LT(without.output_bytes, 1000000U);
}

TEST(RunSizeTest, HugeCountsSaturateInsteadOfWrapping) {
  const RunSize size = estimate_run_size(
      RunShape{.steps = std::uint64_t{1} << 62, .jobs = std::uint64_t{1} << 62, .years = 100});
  EXPECT_EQ(size.memory_bytes, std::numeric_limits<std::uint64_t>::max());
}

TEST(RunSizeTest, RefusalGivesEstimateMeansAndRemedies) {
  const RunShape shape{.steps = 52560000, .years = 100};
  const auto message = memory_refusal(estimate_run_size(shape), shape,
                                      memory_means(machine_with_memory_kb(1000000)));
  ASSERT_TRUE(message);
  EXPECT_THAT(*message, HasSubstr("52560000 steps need about "));
  EXPECT_THAT(*message, HasSubstr("this machine has 1.02 GB (MemAvailable in /proc/meminfo)"));
  EXPECT_THAT(*message, HasSubstr("fewer years"));
  EXPECT_THAT(*message, HasSubstr("step_minutes"));
  EXPECT_THAT(*message, HasSubstr("--no-timeseries"));
  EXPECT_FALSE(memory_refusal(estimate_run_size(shape), shape, MachineMeans{}));
}

TEST(RunSizeTest, DiskRefusal) {
  const RunShape shape{.steps = 525600};
  const RunSize size = estimate_run_size(shape);
  const auto message = disk_refusal(size, shape, 1000000, "out/x");
  ASSERT_TRUE(message);
  EXPECT_THAT(*message, HasSubstr("too large for out/x"));
  EXPECT_THAT(*message, HasSubstr("the disk has 1 MB free"));
  EXPECT_FALSE(disk_refusal(size, shape, 100 * kGB, "out/x"));
  EXPECT_FALSE(disk_refusal(size, shape, std::nullopt, "out/x"));
}

std::string scenario_text(int years, int step_minutes) {
  return "[weather]\nfile = \"data/weather/CHN_Qinghai.Xining.528660_CSWD.epw\"\n"
         "[simulation]\nyears = " +
         std::to_string(years) + "\nstep_minutes = " + std::to_string(step_minutes) +
         "\n[[pv]]\ndc_capacity_kw = 1000.0\n[datacenter]\nit_capacity_kw = 500.0\n";
}

// A year at 1-minute steps (about 0.5 GB) on a simulated 256 MB machine is
// refused before its weather is laid onto the steps; on 8 GB it loads.
TEST(RunSizeTest, LoadRefusesARunTooLargeForASmallMachine) {
  const FakeMachine small = machine_with_memory_kb(250000);
  try {
    (void)load_scenario_text(scenario_text(1, 1), "small.toml", ".", {}, nullptr, local_files(),
                             RunLimits{.machine = &small});
    FAIL() << "a 1-minute year was accepted on a 256 MB machine";
  } catch (const InputError& e) {
    ASSERT_EQ(e.issues().size(), 1U);
    EXPECT_EQ(e.issues()[0].source, "small.toml");
    EXPECT_EQ(e.issues()[0].field, "simulation");
    EXPECT_THAT(e.issues()[0].message, HasSubstr("the run is too large for this machine: 525600 "
                                                 "steps need about"));
    EXPECT_THAT(e.issues()[0].message, HasSubstr("this machine has 256 MB"));
  }
  const FakeMachine large = machine_with_memory_kb(8000000);
  const Scenario s = load_scenario_text(scenario_text(1, 1), "small.toml", ".", {}, nullptr,
                                        local_files(), RunLimits{.machine = &large});
  EXPECT_EQ(sim::step_count(s.setup), 525600U);
}

// `years = 100, step_minutes = 1` (issue 17: std::bad_alloc after using all
// memory) is refused at once on a machine of 16 GB, without allocating it.
TEST(RunSizeTest, HundredYearsOfMinutesIsRefusedWithoutAllocating) {
  const FakeMachine m = machine_with_memory_kb(16000000);
  EXPECT_THROW((void)load_scenario_text(scenario_text(100, 1), "long.toml", ".", {}, nullptr,
                                        local_files(), RunLimits{.machine = &m}),
               InputError);
}

}  // namespace
}  // namespace shapan::io
