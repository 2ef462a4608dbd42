// A small seeded random number generator whose output is the same on every
// platform and standard library (std:: distributions are not). (Private to load.)
#pragma once

#include <cmath>
#include <cstdint>

namespace shapan::load {

// SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): full-period, 64-bit state.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1), 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Standard normal (Box–Muller).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }
  // Exponential with the given mean.
  double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }

 private:
  std::uint64_t state_;
};

}  // namespace shapan::load
