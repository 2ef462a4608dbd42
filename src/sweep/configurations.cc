// The configurations of a sweep: the full grid, or seeded random or Latin
// hypercube samples (McKay, Beckman & Conover, Technometrics 21 (1979)
// 239-245: each axis's range cut into N equal strata, one sample per
// stratum, strata paired across axes by independent random permutations).
#include <fmt/format.h>

#include <cmath>
#include <cstdint>

#include "shapan/sweep/definition.h"

namespace shapan::sweep {
namespace {

// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014): a small generator whose
// sequence is fixed by its seed on every platform, unlike the standard
// library's distributions.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1), 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// The axis's value at quantile u in [0, 1).
std::string value_at(const Axis& axis, double u) {
  if (!axis.is_range) {
    const auto n = static_cast<double>(axis.values.size());
    const auto i = std::min(static_cast<std::size_t>(u * n), axis.values.size() - 1);
    return axis.values[i];
  }
  const double v = axis.from + (axis.to - axis.from) * u;
  if (!axis.integer) return toml_float(v);
  // Integers: each of the from..to values an equal share of [0, 1).
  const double span = axis.to - axis.from + 1.0;
  return fmt::format("{}", static_cast<std::int64_t>(axis.from + std::floor(u * span)));
}

std::vector<Configuration> grid(const SweepDefinition& d) {
  std::size_t total = 1;
  for (const Axis& a : d.axes) total *= a.values.size();
  std::vector<Configuration> out;
  out.reserve(total);
  for (std::size_t id = 0; id < total; ++id) {
    Configuration c{.id = static_cast<std::int64_t>(id), .values = {}};
    c.values.resize(d.axes.size());
    std::size_t rest = id;
    for (std::size_t a = d.axes.size(); a-- > 0;) {
      c.values[a] = d.axes[a].values[rest % d.axes[a].values.size()];
      rest /= d.axes[a].values.size();
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Configuration> sampled(const SweepDefinition& d) {
  const auto n = static_cast<std::size_t>(d.samples);
  SplitMix64 rng(d.seed);
  // u[a][i]: axis a's quantile in sample i.
  std::vector<std::vector<double>> u(d.axes.size(), std::vector<double>(n));
  for (auto& column : u) {
    if (d.method == SamplingMethod::kRandom) {
      for (double& x : column) x = rng.uniform();
      continue;
    }
    std::vector<std::size_t> strata(n);
    for (std::size_t i = 0; i < n; ++i) strata[i] = i;
    for (std::size_t i = n; i-- > 1;) {  // Fisher-Yates
      std::swap(strata[i], strata[static_cast<std::size_t>(rng.next() % (i + 1))]);
    }
    for (std::size_t i = 0; i < n; ++i) {
      column[i] = (static_cast<double>(strata[i]) + rng.uniform()) / static_cast<double>(n);
    }
  }
  std::vector<Configuration> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i].id = static_cast<std::int64_t>(i);
    out[i].values.reserve(d.axes.size());
    for (std::size_t a = 0; a < d.axes.size(); ++a) {
      out[i].values.push_back(value_at(d.axes[a], u[a][i]));
    }
  }
  return out;
}

// FNV-1a, 64 bits (Fowler, Noll, Vo): fixed on every platform.
class Fnv1a {
 public:
  void add(const std::string& s) {
    for (const char c : s) {
      hash_ ^= static_cast<unsigned char>(c);
      hash_ *= 0x100000001b3ULL;
    }
    add_separator();
  }
  std::string hex() const { return fmt::format("{:016x}", hash_); }

 private:
  void add_separator() {
    hash_ ^= 0xffU;
    hash_ *= 0x100000001b3ULL;
  }
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::vector<Configuration> configurations(const SweepDefinition& definition) {
  return definition.method == SamplingMethod::kGrid ? grid(definition) : sampled(definition);
}

std::vector<std::string> overrides(const SweepDefinition& definition, const Configuration& config) {
  std::vector<std::string> out;
  out.reserve(definition.axes.size());
  // A configuration without values (the base itself) has no overrides.
  for (std::size_t a = 0; a < definition.axes.size() && a < config.values.size(); ++a) {
    out.push_back(definition.axes[a].key + "=" + config.values[a]);
  }
  return out;
}

std::string definition_hash(const SweepDefinition& definition, const std::string& base_text,
                            const std::vector<Configuration>& configs) {
  Fnv1a h;
  h.add(base_text);
  for (const Axis& a : definition.axes) h.add(a.key);
  for (const std::string& k : definition.keep) h.add(k);
  for (const Configuration& c : configs) {
    for (const std::string& v : c.values) h.add(v);
  }
  return h.hex();
}

}  // namespace shapan::sweep
