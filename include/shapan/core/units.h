// Strong types for physical quantities.
//
// Every quantity stores one base unit internally and is only built or read
// through a function that names the unit (`kw(3.0)`, `p.in_kw()`), so a number
// never crosses an interface without its unit being spelled out.
//
// Base units: power kW, energy kWh, irradiance W/m², volume m³, flow m³/s,
// price CNY/kWh. Duration lives in time.h (integer seconds).
#pragma once

#include "shapan/core/time.h"

namespace shapan {

// Arithmetic shared by all quantities of one dimension. Derived is the concrete
// quantity (CRTP) so that Power + Power is a Power and not a base type.
template <class Derived>
class Quantity {
 public:
  constexpr Quantity() = default;

  constexpr Derived operator+(Derived o) const { return make(base_ + o.base_); }
  constexpr Derived operator-(Derived o) const { return make(base_ - o.base_); }
  constexpr Derived operator-() const { return make(-base_); }
  constexpr Derived operator*(double k) const { return make(base_ * k); }
  constexpr Derived operator/(double k) const { return make(base_ / k); }
  constexpr double operator/(Derived o) const { return base_ / o.base_; }
  constexpr Derived& operator+=(Derived o) {
    base_ += o.base_;
    return self();
  }
  constexpr Derived& operator-=(Derived o) {
    base_ -= o.base_;
    return self();
  }
  constexpr auto operator<=>(const Quantity&) const = default;
  // The relational operators on the base values, as plain comparisons of
  // doubles. They are chosen over the ones rewritten from <=>, whose partial
  // ordering GCC compiles to several branches (quantities are compared in
  // every step's dispatch). Same results, NaN included (always false).
  friend constexpr bool operator<(const Quantity& a, const Quantity& b) {
    return a.base_ < b.base_;
  }
  friend constexpr bool operator>(const Quantity& a, const Quantity& b) {
    return a.base_ > b.base_;
  }
  friend constexpr bool operator<=(const Quantity& a, const Quantity& b) {
    return a.base_ <= b.base_;
  }
  friend constexpr bool operator>=(const Quantity& a, const Quantity& b) {
    return a.base_ >= b.base_;
  }
  friend constexpr Derived operator*(double k, Derived q) { return q * k; }

 protected:
  constexpr explicit Quantity(double base) : base_(base) {}
  static constexpr Derived make(double base) {
    Derived d;
    d.base_ = base;
    return d;
  }
  double base_ = 0.0;

 private:
  constexpr Derived& self() { return static_cast<Derived&>(*this); }
};

class Power : public Quantity<Power> {
 public:
  constexpr Power() = default;
  static constexpr Power from_kw(double v) { return make(v); }
  constexpr double in_kw() const { return base_; }
  constexpr double in_mw() const { return base_ / 1000.0; }
  constexpr double in_w() const { return base_ * 1000.0; }
};
constexpr Power kw(double v) { return Power::from_kw(v); }
constexpr Power mw(double v) { return Power::from_kw(v * 1000.0); }
constexpr Power watts(double v) { return Power::from_kw(v / 1000.0); }

class Energy : public Quantity<Energy> {
 public:
  constexpr Energy() = default;
  static constexpr Energy from_kwh(double v) { return make(v); }
  constexpr double in_kwh() const { return base_; }
  constexpr double in_mwh() const { return base_ / 1000.0; }
};
constexpr Energy kwh(double v) { return Energy::from_kwh(v); }
constexpr Energy mwh(double v) { return Energy::from_kwh(v * 1000.0); }

constexpr Energy operator*(Power p, Duration d) { return kwh(p.in_kw() * d.in_hours()); }
constexpr Energy operator*(Duration d, Power p) { return p * d; }
constexpr Power operator/(Energy e, Duration d) { return kw(e.in_kwh() / d.in_hours()); }

class Irradiance : public Quantity<Irradiance> {
 public:
  constexpr Irradiance() = default;
  static constexpr Irradiance from_w_per_m2(double v) { return make(v); }
  constexpr double in_w_per_m2() const { return base_; }
};
constexpr Irradiance w_per_m2(double v) { return Irradiance::from_w_per_m2(v); }

class Volume : public Quantity<Volume> {
 public:
  constexpr Volume() = default;
  static constexpr Volume from_m3(double v) { return make(v); }
  constexpr double in_m3() const { return base_; }
  constexpr double in_hm3() const { return base_ / 1e6; }
};
constexpr Volume m3(double v) { return Volume::from_m3(v); }
constexpr Volume hm3(double v) { return Volume::from_m3(v * 1e6); }

class Flow : public Quantity<Flow> {
 public:
  constexpr Flow() = default;
  static constexpr Flow from_m3_per_s(double v) { return make(v); }
  constexpr double in_m3_per_s() const { return base_; }
};
constexpr Flow m3_per_s(double v) { return Flow::from_m3_per_s(v); }

constexpr Volume operator*(Flow q, Duration d) {
  return m3(q.in_m3_per_s() * static_cast<double>(d.in_seconds()));
}
constexpr Volume operator*(Duration d, Flow q) { return q * d; }
constexpr Flow operator/(Volume v, Duration d) {
  return m3_per_s(v.in_m3() / static_cast<double>(d.in_seconds()));
}

// Price of energy. Shapan's currency is the Chinese yuan (CNY); scenarios that
// use another currency keep the same numbers and read the unit as theirs.
class Price : public Quantity<Price> {
 public:
  constexpr Price() = default;
  static constexpr Price from_cny_per_kwh(double v) { return make(v); }
  constexpr double in_cny_per_kwh() const { return base_; }
  constexpr double in_cny_per_mwh() const { return base_ * 1000.0; }
};
constexpr Price cny_per_kwh(double v) { return Price::from_cny_per_kwh(v); }

// Cost of an energy quantity at a price, in CNY.
constexpr double cost_cny(Energy e, Price p) { return e.in_kwh() * p.in_cny_per_kwh(); }

}  // namespace shapan
