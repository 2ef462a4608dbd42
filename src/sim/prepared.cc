#include "shapan/sim/prepared.h"

#include <mutex>
#include <utility>

#include "shapan/core/assert.h"
#include "shapan/gen/pv.h"
#include "shapan/gen/wind.h"
#include "shapan/resource/weather.h"

namespace shapan::sim {
namespace {

using Series = std::vector<double>;
using SunSeries = std::vector<gen::SunPosition>;

// The entries of one kind of part: (key, value), found by comparing keys.
// The few entries a run has (one per distinct weather, array, farm) make a
// linear search cheaper than hashing a key as large as a WeatherSeries.
template <class Key, class Value>
class Shelf {
 public:
  std::shared_ptr<const Value> find(const Key& key) const {
    for (const auto& [k, v] : entries_) {
      if (k == key) return v;
    }
    return nullptr;
  }
  // Keeps `value` under `key` (when full, only if `drop_oldest`, in place of
  // the oldest entry); returns the value kept under the key (an equal entry
  // another thread put first wins).
  std::shared_ptr<const Value> put(Key key, std::shared_ptr<const Value> value,
                                   std::size_t max_entries, bool drop_oldest) {
    if (auto found = find(key)) return found;
    if (drop_oldest && max_entries > 0 && entries_.size() >= max_entries) {
      entries_.erase(entries_.begin());
    }
    if (entries_.size() < max_entries) entries_.emplace_back(std::move(key), value);
    return value;
  }
  std::size_t size() const { return entries_.size(); }

 private:
  std::vector<std::pair<Key, std::shared_ptr<const Value>>> entries_;
};

// Keys name the weather (and the sun) by the shared copy they were made from,
// compared by address; holding it keeps the address from being reused by
// another series while the key lives (a copy the full store did not keep).
using WeatherPtr = std::shared_ptr<const resource::WeatherSeries>;

// A series as read, named by its values: equal series (a file read again by
// another load) find the copy kept first.
struct AsReadKey {
  WeatherPtr series;
  bool operator==(const AsReadKey& other) const {
    return series == other.series || *series == *other.series;
  }
};

struct RunWeatherKey {
  WeatherPtr as_read;  // the kept copy
  RunSteps steps;
  int years;
  bool operator==(const RunWeatherKey&) const = default;
};

struct SunKey {
  WeatherPtr weather;
  Site site;
  gen::SunTiming timing;
  bool operator==(const SunKey&) const = default;
};

struct PlaneKey {
  WeatherPtr weather;  // the array's source
  std::shared_ptr<const SunSeries> sun;
  gen::PvParams array;  // gen::pv_plane_key
  bool operator==(const PlaneKey&) const = default;
};

struct WindKey {
  WeatherPtr weather;  // the farm's source
  Site site;
  gen::WindParams farm;  // name reset (costs are the cost book's, not in the Params)
  bool operator==(const WindKey&) const = default;
};

struct DatacenterKey {
  WeatherPtr weather;
  double utc_offset_h;
  load::DatacenterParams params;  // name reset
  bool operator==(const DatacenterKey&) const = default;
};

struct JobsKey {
  load::WorkloadParams params;
  Timestamp start;
  Timestamp end;
  bool operator==(const JobsKey&) const = default;
};

}  // namespace

struct PreparedStore::Shelves {
  std::size_t max_entries;
  bool drop_oldest;
  mutable std::mutex mu;
  Shelf<AsReadKey, resource::WeatherSeries> as_read;
  Shelf<RunWeatherKey, resource::WeatherSeries> run_weather;
  Shelf<SunKey, SunSeries> sun;
  Shelf<PlaneKey, gen::PvPlaneSeries> plane;
  Shelf<WindKey, Series> wind;
  Shelf<DatacenterKey, load::DatacenterSeries> datacenter;
  Shelf<JobsKey, std::vector<load::Job>> jobs;
};

PreparedStore::PreparedStore(std::size_t max_entries_per_part, WhenFull when_full)
    : shelves_(std::make_unique<Shelves>()) {
  shelves_->max_entries = max_entries_per_part;
  shelves_->drop_oldest = when_full == WhenFull::kDropOldest;
}

PreparedStore::~PreparedStore() = default;

std::size_t PreparedStore::size() const {
  std::lock_guard lock(shelves_->mu);
  const Shelves& s = *shelves_;
  return s.as_read.size() + s.run_weather.size() + s.sun.size() + s.plane.size() + s.wind.size() +
         s.datacenter.size() + s.jobs.size();
}

namespace {

// The part under `key` on `shelf` (of `shelves`), made by `make()` when it is
// not there; without shelves, just made. `make` runs outside the lock.
template <class Key, class Value, class Make>
std::shared_ptr<const Value> part(PreparedStore::Shelves* shelves,
                                  Shelf<Key, Value> PreparedStore::Shelves::*shelf, const Key& key,
                                  Make make) {
  if (shelves == nullptr) return std::make_shared<const Value>(make());
  {
    std::lock_guard lock(shelves->mu);
    if (auto found = (shelves->*shelf).find(key)) return found;
  }
  auto made = std::make_shared<const Value>(make());
  std::lock_guard lock(shelves->mu);
  return (shelves->*shelf).put(key, std::move(made), shelves->max_entries, shelves->drop_oldest);
}

// The store's copy of a series as read: the first one kept equal to it
// (itself when none is, or there is no store).
WeatherPtr kept_as_read(PreparedStore::Shelves* shelves, const WeatherPtr& w) {
  SHAPAN_ASSERT(w != nullptr, "a Setup's weather is set (io sets it)");
  if (shelves == nullptr) return w;
  const AsReadKey key{.series = w};
  std::lock_guard lock(shelves->mu);
  if (auto found = shelves->as_read.find(key)) return found;
  return shelves->as_read.put(key, w, shelves->max_entries, shelves->drop_oldest);
}

// `w` on the run's steps: laid onto them when the setup has run_steps.
WeatherPtr run_weather(const Setup& setup, PreparedStore::Shelves* shelves, const WeatherPtr& w) {
  WeatherPtr as_read = kept_as_read(shelves, w);
  if (!setup.run_steps) return as_read;
  const RunSteps& steps = *setup.run_steps;
  return part(shelves, &PreparedStore::Shelves::run_weather,
              RunWeatherKey{.as_read = as_read, .steps = steps, .years = setup.years}, [&] {
                return resource::prepare_for_simulation(*as_read, steps.start, setup.years,
                                                        steps.step);
              });
}

// Preparation of one setup: the weather each component runs on, on the
// run's steps, as the store's shared copy (so that keys can name it by
// address).
class Preparer {
 public:
  Preparer(const Setup& setup, PreparedStore::Shelves* shelves)
      : setup_(setup), shelves_(shelves), weather_(run_weather(setup, shelves, setup.weather)) {}

  const WeatherPtr& weather() const { return weather_; }

  std::shared_ptr<const SunSeries> sun(gen::SunTiming timing) {
    return part(shelves_, &PreparedStore::Shelves::sun,
                SunKey{.weather = weather_, .site = setup_.site, .timing = timing},
                [&] { return gen::sun_at_intervals(setup_.site, *weather_, timing); });
  }

  PreparedRun prepare() {
    sources_.reserve(setup_.weather_sources.size());
    for (const WeatherPtr& w : setup_.weather_sources) {
      sources_.push_back(run_weather(setup_, shelves_, w));
    }
    PreparedRun out;
    out.weather = weather_;
    out.weather_sources = sources_;
    out.pv_ac_kw.reserve(setup_.pv.size());
    for (std::size_t a = 0; a < setup_.pv.size(); ++a) out.pv_ac_kw.push_back(pv(a, out));
    out.wind_ac_kw.reserve(setup_.wind.size());
    for (std::size_t f = 0; f < setup_.wind.size(); ++f) out.wind_ac_kw.push_back(wind(f));
    if (setup_.datacenter) out.datacenter = datacenter();
    if (setup_.workload) out.unit_jobs = jobs();
    return out;
  }

 private:
  // The weather of component `i` by its index into weather_sources (-1 or
  // none: the main weather); as pv_weather / wind_weather choose it.
  const WeatherPtr& source(const std::vector<int>& index, std::size_t i) const {
    if (i >= index.size() || index[i] < 0) return weather_;
    const auto k = static_cast<std::size_t>(index[i]);
    SHAPAN_ASSERT(k < sources_.size(), "a weather source index inside weather_sources");
    SHAPAN_ASSERT(sources_[k]->size() == weather_->size(),
                  "every weather source on the run's steps like Setup::weather");
    return sources_[k];
  }

  std::shared_ptr<const Series> pv(std::size_t a, PreparedRun& out) {
    const gen::PvParams& array = setup_.pv[a];
    if (!array.availability_per_kw.empty()) {
      // A per-unit series replaces the physical model (io checks its length).
      Series kw(array.availability_per_kw);
      for (double& v : kw) v *= array.dc_capacity_kw;
      return std::make_shared<const Series>(std::move(kw));
    }
    // Positions at each interval's midpoint represent the interval's mean;
    // SAM's timing (sunlit part of the sunrise/sunset intervals) only for
    // the arrays that ask for it. Every source has the same steps, so the
    // sun of the main weather serves all.
    const bool sam = array.sun_timing == gen::SunTiming::kSunlitMidpoint;
    std::shared_ptr<const SunSeries>& at = sam ? sunlit_ : out.sun;
    if (!at) at = sun(array.sun_timing);
    const WeatherPtr& w = source(setup_.pv_weather_source, a);
    const auto plane = part(shelves_, &PreparedStore::Shelves::plane,
                            PlaneKey{.weather = w, .sun = at, .array = pv_plane_key(array)},
                            [&] { return gen::simulate_pv_plane(array, *w, *at); });
    return std::make_shared<const Series>(
        gen::pv_output(array, *plane, gen::PvDetail::kAcOnly).ac_kw);
  }

  std::shared_ptr<const Series> wind(std::size_t f) {
    const gen::WindParams& farm = setup_.wind[f];
    if (!farm.availability_per_kw.empty()) {
      // A per-unit series replaces the physical model (io checks its length).
      Series kw(farm.availability_per_kw);
      for (double& v : kw) v *= farm.rated_power_kw();
      return std::make_shared<const Series>(std::move(kw));
    }
    gen::WindParams key = farm;
    key.name.clear();
    const WeatherPtr& w = source(setup_.wind_weather_source, f);
    return part(shelves_, &PreparedStore::Shelves::wind,
                WindKey{.weather = w, .site = setup_.site, .farm = std::move(key)}, [&] {
                  return gen::simulate_wind(farm, setup_.site, *w, gen::WindDetail::kAcOnly).ac_kw;
                });
  }

  std::shared_ptr<const load::DatacenterSeries> datacenter() {
    load::DatacenterParams key = *setup_.datacenter;
    key.name.clear();
    return part(shelves_, &PreparedStore::Shelves::datacenter,
                DatacenterKey{.weather = weather_,
                              .utc_offset_h = setup_.site.utc_offset_h,
                              .params = std::move(key)},
                [&] {
                  return load::simulate_datacenter(*setup_.datacenter, *weather_,
                                                   setup_.site.utc_offset_h);
                });
  }

  std::shared_ptr<const std::vector<load::Job>> jobs() {
    const Timestamp start = weather_->interval_start(0);
    const Timestamp end = start + weather_->step * static_cast<std::int64_t>(weather_->size());
    return part(shelves_, &PreparedStore::Shelves::jobs,
                JobsKey{.params = *setup_.workload, .start = start, .end = end},
                [&] { return load::make_jobs(*setup_.workload, start, end, 1.0); });
  }

  const Setup& setup_;
  PreparedStore::Shelves* shelves_;
  WeatherPtr weather_;  // the main weather on the run's steps
  std::vector<WeatherPtr> sources_;
  std::shared_ptr<const SunSeries> sunlit_;
};

}  // namespace

PreparedRun prepare(const Setup& setup, PreparedStore* store) {
  return Preparer(setup, store == nullptr ? nullptr : store->shelves_.get()).prepare();
}

std::shared_ptr<const resource::WeatherSeries> prepare_weather(const Setup& setup,
                                                               PreparedStore* store) {
  return Preparer(setup, store == nullptr ? nullptr : store->shelves_.get()).weather();
}

std::shared_ptr<const std::vector<gen::SunPosition>> prepare_sun(const Setup& setup,
                                                                 PreparedStore* store) {
  return Preparer(setup, store == nullptr ? nullptr : store->shelves_.get())
      .sun(gen::SunTiming::kMidpoint);
}

namespace {

const resource::WeatherSeries& pick(const std::vector<int>& index, const PreparedRun& prepared,
                                    std::size_t i) {
  if (i >= index.size() || index[i] < 0) return *prepared.weather;
  const auto k = static_cast<std::size_t>(index[i]);
  SHAPAN_ASSERT(k < prepared.weather_sources.size(),
                "a weather source index inside weather_sources");
  return *prepared.weather_sources[k];
}

}  // namespace

const resource::WeatherSeries& pv_weather(const Setup& setup, const PreparedRun& prepared,
                                          std::size_t i) {
  return pick(setup.pv_weather_source, prepared, i);
}

const resource::WeatherSeries& wind_weather(const Setup& setup, const PreparedRun& prepared,
                                            std::size_t i) {
  return pick(setup.wind_weather_source, prepared, i);
}

}  // namespace shapan::sim
