// A memo of the costly parts of loading a scenario, shared by many loads of
// variants of one scenario (sweeps, what-if reruns).
//
// Loading reads and parses files (weather, inflow, IT load, job traces) and
// checks each weather source's irradiance closure (weather_quality.h). A
// sweep loads its base scenario once per configuration with different
// overrides; most of them change none of these inputs. (What a run derives
// from the loaded config, such as the weather on the run's steps, sun
// positions, PV and wind output and jobs, is not io's: sim::prepare and its
// PreparedStore, shapan/sim/prepared.h.) With a LoadCache, load_scenario_text() keys each such part
// on the exact content of the TOML it comes from (its section, with every number written in
// hexadecimal floating point, the base folder, and the run frame or site where they matter) and
// computes it once. A part read with any issue is never stored, so errors are reported as without
// the cache. The loaded Scenario is the same, value for value, as one loaded without it (tested in
// src/io/load_cache_test.cc).
//
// Assumes that files do not change while the cache lives.
// Thread-safety: any number of threads may load through one cache.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace shapan::io {

class LoadCache {
 public:
  // The value stored under `key`, or null. T must be the type it was put as.
  template <class T>
  std::shared_ptr<const T> find(const std::string& key) const {
    std::lock_guard lock(mu_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    return std::static_pointer_cast<const T>(it->second);
  }
  // Stores a copy of `value` under `key` unless a value is already there.
  template <class T>
  void put(const std::string& key, const T& value) {
    put_shared(key, std::make_shared<const T>(value));
  }
  // Stores `value` itself (shared) under `key` unless a value is already there.
  template <class T>
  void put_shared(const std::string& key, std::shared_ptr<const T> value) {
    std::lock_guard lock(mu_);
    entries_.emplace(key, std::move(value));
  }
  std::size_t size() const {
    std::lock_guard lock(mu_);
    return entries_.size();
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const void>> entries_;
};

}  // namespace shapan::io
