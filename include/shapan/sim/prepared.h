// The prepared run: what a run derives from its Setup before the time loop.
//
// A Setup is plain configuration (io builds it; nothing in it is a cache).
// prepare() derives from it what the loop needs and that does not change
// while it runs: the weather on the run's steps, the sun positions, each PV
// array's and wind farm's AC output, the data center's online demand and the
// workload's jobs. The result is immutable; any number of runs (the sweep's
// threads, the optimiser's replay, the server) may share it read-only.
//
// With a PreparedStore, prepare() reuses the parts an earlier call through
// the same store made. Each part is keyed by exactly what it depends on,
// compared by value (the Params types' defaulted operator==, so a field added
// to them joins the key by itself; as for doubles, -0.0 equals 0.0 and a NaN
// setting equals nothing, so it is never reused):
//   weather       each series as read (Setup::weather, weather_sources):
//                 equal series share one copy, compared by value (a load
//                 that read the same file again finds the same copy); the
//                 keys below name it by that copy's address
//   run weather   the series as read, the run's start, step and years
//                 (Setup::run_steps, years): resource::prepare_for_simulation
//                 of it; without run_steps, the series as read itself
//   sun           site, run weather, timing (midpoint or SAM's sunlit
//                 midpoint)
//   PV plane      gen::pv_plane_key(array) (every PV setting except name,
//                 size, DC/AC ratio, losses and inverter efficiency; costs
//                 are not in the Params: metrics::CostBook),
//                 the array's run weather and the sun; the AC output is then
//                 recomputed from the plane for each size (gen::pv_output):
//                 inverter clipping makes it non-linear in the size, so it is
//                 never scaled. This is the costly part (transposition, IAM,
//                 cell temperature), so a sweep over PV size computes it once.
//   wind farm     the WindParams (name aside), site and run weather
//   data center   the DatacenterParams (name aside), UTC offset and run
//                 weather
//   jobs          the WorkloadParams and the run's start and end
// A run through a prepared part gives the same results, bit for bit, as one
// that computed it (src/sim/prepared_test.cc).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "shapan/gen/solar_position.h"
#include "shapan/load/datacenter.h"
#include "shapan/load/jobs.h"
#include "shapan/resource/weather.h"
#include "shapan/sim/simulation.h"

namespace shapan::sim {

struct PreparedRun {
  // Setup::weather on the run's steps (never null), and each of
  // Setup::weather_sources likewise (same start, step and size).
  std::shared_ptr<const resource::WeatherSeries> weather;
  std::vector<std::shared_ptr<const resource::WeatherSeries>> weather_sources;
  // Sun positions at the midpoints of the run's steps (gen::sun_at_interval_
  // midpoints of site and weather); null when no PV array models with them.
  std::shared_ptr<const std::vector<gen::SunPosition>> sun;
  // AC output of PV array i / wind farm i, kW, one value per step (>= 0).
  std::vector<std::shared_ptr<const std::vector<double>>> pv_ac_kw;
  std::vector<std::shared_ptr<const std::vector<double>>> wind_ac_kw;
  // The data center's online demand; null without a data center.
  std::shared_ptr<const load::DatacenterSeries> datacenter;
  // The workload's jobs over the run with powers per kW of job capacity
  // (load::make_jobs with a capacity of 1 kW; run() scales them to the
  // capacity it finds); null without a workload.
  std::shared_ptr<const std::vector<load::Job>> unit_jobs;
};

// Keeps prepared parts for reuse by later prepare() calls. Thread-safe: any
// number of threads may prepare through one store (a part two threads make
// at once is made twice and one copy kept). Holds at most
// `max_entries_per_part` entries of each kind, so that memory stays bounded
// (a sweep over thousands of weather files or tilts, a server that runs for
// months). What happens to a new part when its kind is full is `when_full`.
class PreparedStore {
 public:
  enum class WhenFull {
    // The new part is made and not kept: the first entries stay (the sweep,
    // whose configurations all share the base's parts).
    kKeepFirst,
    // The oldest entry of that kind is dropped for the new part (the server:
    // the scenario a user works on now is the one worth keeping; runs that
    // hold a dropped part keep it alive until they end).
    kDropOldest,
  };
  explicit PreparedStore(std::size_t max_entries_per_part = 64,
                         WhenFull when_full = WhenFull::kKeepFirst);
  ~PreparedStore();
  PreparedStore(const PreparedStore&) = delete;
  PreparedStore& operator=(const PreparedStore&) = delete;

  std::size_t size() const;  // entries of all kinds

  struct Shelves;  // private to prepared.cc

 private:
  std::unique_ptr<Shelves> shelves_;
  friend PreparedRun prepare(const Setup& setup, PreparedStore* store);
  friend std::shared_ptr<const resource::WeatherSeries> prepare_weather(const Setup& setup,
                                                                        PreparedStore* store);
  friend std::shared_ptr<const std::vector<gen::SunPosition>> prepare_sun(const Setup& setup,
                                                                          PreparedStore* store);
};

// Derives the prepared run of `setup`, through `store` when not null.
// Throws InputError if a PV array's, wind farm's, data center's or
// workload's parameters are invalid.
PreparedRun prepare(const Setup& setup, PreparedStore* store = nullptr);

// The main weather on the run's steps alone (prepare(setup, store).weather,
// for the optimiser's inputs), through `store` when not null.
std::shared_ptr<const resource::WeatherSeries> prepare_weather(const Setup& setup,
                                                               PreparedStore* store = nullptr);

// The sun at the midpoints of the run's steps (PreparedRun::sun when a PV
// array models with them), through `store` when not null: the same part, so
// that a check that needs these positions before the run (io's weather check
// on a file whose rows are the run's steps) and the run compute them once.
std::shared_ptr<const std::vector<gen::SunPosition>> prepare_sun(const Setup& setup,
                                                                 PreparedStore* store = nullptr);

// The weather PV array `i` / wind farm `i` runs on (Setup::pv_weather_source,
// wind_weather_source) among the prepared run's.
const resource::WeatherSeries& pv_weather(const Setup& setup, const PreparedRun& prepared,
                                          std::size_t i);
const resource::WeatherSeries& wind_weather(const Setup& setup, const PreparedRun& prepared,
                                            std::size_t i);

// Runs `setup` on its prepared inputs. Requires: `prepared` is prepare() of
// this setup (or of one equal to it in every key above).
Results run(const Setup& setup, const PreparedRun& prepared, const ProgressFn& progress = {});

}  // namespace shapan::sim
