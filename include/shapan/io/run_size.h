// How big a run will be, and whether this machine can hold it (issue 17,
// "Sizes"; docs/reliability.md "Run size").
//
// Before a scenario is returned (and its weather laid onto the run's steps
// by sim::prepare), io estimates
// the run's peak memory and output size from its shape (steps, weather
// sources, hydro plants, jobs, result columns) and refuses, with an
// InputError naming the estimate and how to reduce it, a run larger than the
// machine's means: the smallest of the memory available (/proc/meminfo
// MemAvailable), the cgroup's limit less its usage (v2 memory.max, v1
// memory.limit_in_bytes) and the address-space limit (RLIMIT_AS, ulimit -v)
// less the address space in use; and, for `shapan run --out DIR`, the free
// disk in DIR (statvfs). The machine is an interface, so tests can simulate
// a small one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "shapan/sim/simulation.h"

namespace shapan::io {

// The machine's facts, as the kernel reports them.
class Machine {
 public:
  Machine() = default;
  virtual ~Machine() = default;

  // The text of a /proc or /sys file, or nullopt when it cannot be read.
  virtual std::optional<std::string> read_text(const std::filesystem::path& path) const = 0;
  // The soft RLIMIT_AS in bytes, or nullopt when unlimited.
  virtual std::optional<std::uint64_t> address_space_limit_bytes() const = 0;
  // Bytes an unprivileged user may still write in `folder` (statvfs:
  // f_bavail × f_frsize), or nullopt when unknown.
  virtual std::optional<std::uint64_t> free_disk_bytes(
      const std::filesystem::path& folder) const = 0;

 protected:
  // Copied only as a whole derived object (a test's FakeMachine).
  Machine(const Machine&) = default;
  Machine& operator=(const Machine&) = default;
  Machine(Machine&&) = default;
  Machine& operator=(Machine&&) = default;
};

// The machine this process runs on.
const Machine& this_machine();

// What the machine can give a run, each with what limits it.
struct MachineMeans {
  std::optional<std::uint64_t> memory_bytes;  // nullopt: no limit known
  std::string memory_limited_by;              // "MemAvailable in /proc/meminfo", ...
};

// The smallest of MemAvailable, the cgroup limit less its usage, and the
// address-space limit less the address space in use (VmSize in
// /proc/self/status).
MachineMeans memory_means(const Machine& machine);

// What decides a run's size. Counts, not contents.
struct RunShape {
  std::uint64_t steps = 0;
  std::uint64_t weather_sources = 1;  // the main one and every named one
  std::uint64_t per_step_series = 0;  // other inputs with a value per step (inflows, availability)
  bool sun_positions = false;         // the run keeps a sun position per step
  std::uint64_t jobs = 0;             // the workload's jobs over the run
  double years = 1.0;
  bool timeseries = true;  // timeseries.csv is written (built in memory, then to disk)
};

// The estimate, in bytes. docs/reliability.md says how it was calibrated.
struct RunSize {
  std::uint64_t memory_bytes = 0;  // peak resident memory of `shapan run`
  std::uint64_t output_bytes = 0;  // summary.json + timeseries.csv + report.html
};

RunSize estimate_run_size(const RunShape& shape);

// The shape of a run of `setup` over `steps` steps, from its config alone
// (before its weather is laid onto the steps): weather sources, hydro plants'
// inflows, availability files, sun positions, and the workload's jobs
// (synthetic: jobs per day × days; a trace: its pods once per year of run).
RunShape shape_of(const sim::Setup& setup, std::uint64_t steps, bool timeseries);

// The refusal's text when `size` does not fit in `means` (what the run needs,
// what the machine has and what limits it, how to make the run smaller), or
// nullopt when it fits.
std::optional<std::string> memory_refusal(const RunSize& size, const RunShape& shape,
                                          const MachineMeans& means);
// The same for the disk: nullopt when `free_bytes` is unknown or enough.
std::optional<std::string> disk_refusal(const RunSize& size, const RunShape& shape,
                                        std::optional<std::uint64_t> free_bytes,
                                        const std::filesystem::path& folder);

// What a load checks a run against.
struct RunLimits {
  const Machine* machine = &this_machine();
  bool timeseries = true;  // the caller writes timeseries.csv
};

// Bytes for messages: "1.2 GB" (decimal units, 3 significant digits).
std::string format_bytes(std::uint64_t bytes);

}  // namespace shapan::io
