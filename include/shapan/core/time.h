// Time in Shapan: integer seconds, UTC.
//
// A Timestamp is seconds since 1970-01-01T00:00:00Z (no leap seconds, as in
// POSIX). Sites work in their standard time (no daylight saving), given as a
// whole or fractional hour offset from UTC; CivilTime converts between the two.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

namespace shapan {

class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration seconds(std::int64_t s) { return Duration(s); }
  static constexpr Duration minutes(std::int64_t m) { return Duration(m * 60); }
  static constexpr Duration hours(std::int64_t h) { return Duration(h * 3600); }
  static constexpr Duration days(std::int64_t d) { return Duration(d * 86400); }

  constexpr std::int64_t in_seconds() const { return s_; }
  constexpr double in_hours() const { return static_cast<double>(s_) / 3600.0; }
  constexpr double in_minutes() const { return static_cast<double>(s_) / 60.0; }

  constexpr Duration operator+(Duration o) const { return Duration(s_ + o.s_); }
  constexpr Duration operator-(Duration o) const { return Duration(s_ - o.s_); }
  constexpr Duration operator*(std::int64_t k) const { return Duration(s_ * k); }
  constexpr auto operator<=>(const Duration&) const = default;

 private:
  constexpr explicit Duration(std::int64_t s) : s_(s) {}
  std::int64_t s_ = 0;
};

class Timestamp {
 public:
  constexpr Timestamp() = default;
  static constexpr Timestamp from_unix_seconds(std::int64_t s) { return Timestamp(s); }
  constexpr std::int64_t unix_seconds() const { return s_; }

  constexpr Timestamp operator+(Duration d) const { return Timestamp(s_ + d.in_seconds()); }
  constexpr Timestamp operator-(Duration d) const { return Timestamp(s_ - d.in_seconds()); }
  constexpr Duration operator-(Timestamp o) const { return Duration::seconds(s_ - o.s_); }
  constexpr auto operator<=>(const Timestamp&) const = default;

  // Julian day (UT) of this instant, for astronomical models.
  double julian_day() const;

 private:
  constexpr explicit Timestamp(std::int64_t s) : s_(s) {}
  std::int64_t s_ = 0;
};

// A calendar date and clock time, with no zone attached.
struct CivilTime {
  int year = 1970;
  int month = 1;   // 1..12
  int day = 1;     // 1..31
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59

  auto operator<=>(const CivilTime&) const = default;
};

// Inline: an hourly profile reads the day of the year at every local hour.
constexpr bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}
int days_in_month(int year, int month);
// Day of the year, 1 for January 1st.
constexpr int day_of_year(int year, int month, int day) {
  // Days before each month in a common year; 29 February shifts the rest.
  constexpr int kDaysBefore[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  return kDaysBefore[month - 1] + day + (month > 2 && is_leap_year(year) ? 1 : 0);
}

// Instant of a civil time read in a zone `utc_offset_h` hours east of UTC.
Timestamp to_timestamp(const CivilTime& civil, double utc_offset_h);
// Civil time of an instant in a zone `utc_offset_h` hours east of UTC.
CivilTime to_civil(Timestamp t, double utc_offset_h);

// to_civil for instants read mostly in time order, such as a run's steps: the
// date, the costly part, is worked out once per local day. at(t) equals
// to_civil(t, utc_offset_h) for every t, in any order.
class CivilClock {
 public:
  explicit CivilClock(double utc_offset_h);
  CivilTime at(Timestamp t);

  // The local hour of t, for what changes by local hour (tariffs, hourly
  // profiles), without reading the calendar at every step: moves the clock
  // to that hour and returns whether it differs from the hour of the last
  // call (true at the first). local_hour() then holds its date and hour,
  // minute and second 0: at(t) with those zeroed, for every t in any order.
  // Within the hour held it costs a subtraction and a compare; a new hour
  // of the day held, a division; the date is read once per local day.
  bool enter_local_hour(Timestamp t);
  const CivilTime& local_hour() const { return hour_; }

 private:
  // Seconds since the local midnight of local_s (local seconds since the
  // epoch), reading the date into date_ when local_s leaves the day held.
  std::int64_t second_of_day(std::int64_t local_s);

  std::int64_t offset_s_;
  std::int64_t local_day_;  // days since 1970-01-01 of the date held in date_
  CivilTime date_;
  bool has_hour_ = false;          // enter_local_hour has been called
  std::int64_t hour_start_s_ = 0;  // local seconds since the epoch at the start of hour_
  CivilTime hour_;
};

// ISO 8601 text ("2024-01-01T00:00:00+08:00") of an instant in a zone.
std::string format_iso8601(Timestamp t, double utc_offset_h);
// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" with an optional "Z" or
// "+HH:MM"/"-HH:MM" suffix; without a suffix the time is read in
// `default_utc_offset_h`. Returns nullopt on malformed text.
std::optional<Timestamp> parse_iso8601(const std::string& text, double default_utc_offset_h);

}  // namespace shapan
