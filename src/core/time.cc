#include "shapan/core/time.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>

namespace shapan {
namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
// days_from_civil algorithm, public domain description).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Ymd {
  std::int64_t y;
  unsigned m;
  unsigned d;
};

Ymd civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2 ? 1 : 0), m, d};
}

std::int64_t offset_seconds(double utc_offset_h) {
  // Rounds half away from zero, as std::llround does, without its libm call
  // (this runs for every step's civil time). The cast truncates toward zero
  // and the fraction left is exact (Sterbenz), so this also holds where
  // s + 0.5 would round up (s = 0.49999999999999994).
  const double s = utc_offset_h * 3600.0;
  const auto whole = static_cast<std::int64_t>(s);
  const double fraction = s - static_cast<double>(whole);
  return whole + (fraction >= 0.5 ? 1 : 0) - (fraction <= -0.5 ? 1 : 0);
}

}  // namespace

double Timestamp::julian_day() const { return static_cast<double>(s_) / 86400.0 + 2440587.5; }

int days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

Timestamp to_timestamp(const CivilTime& c, double utc_offset_h) {
  const std::int64_t days =
      days_from_civil(c.year, static_cast<unsigned>(c.month), static_cast<unsigned>(c.day));
  const std::int64_t local =
      days * 86400 + std::int64_t{c.hour} * 3600 + std::int64_t{c.minute} * 60 + c.second;
  return Timestamp::from_unix_seconds(local - offset_seconds(utc_offset_h));
}

namespace {

// Local seconds since the epoch as whole days and the second of the day.
struct LocalDay {
  std::int64_t days;
  std::int64_t second;
};

LocalDay split_days(std::int64_t local_s) {
  LocalDay d{.days = local_s / 86400, .second = local_s % 86400};
  if (d.second < 0) {
    d.second += 86400;
    d.days -= 1;
  }
  return d;
}

CivilTime date_of(std::int64_t days) {
  const Ymd ymd = civil_from_days(days);
  return CivilTime{.year = static_cast<int>(ymd.y),
                   .month = static_cast<int>(ymd.m),
                   .day = static_cast<int>(ymd.d)};
}

CivilTime with_clock(CivilTime date, std::int64_t second_of_day) {
  date.hour = static_cast<int>(second_of_day / 3600);
  date.minute = static_cast<int>(second_of_day % 3600 / 60);
  date.second = static_cast<int>(second_of_day % 60);
  return date;
}

}  // namespace

CivilTime to_civil(Timestamp t, double utc_offset_h) {
  const LocalDay d = split_days(t.unix_seconds() + offset_seconds(utc_offset_h));
  return with_clock(date_of(d.days), d.second);
}

CivilClock::CivilClock(double utc_offset_h)
    : offset_s_(offset_seconds(utc_offset_h)), local_day_(0), date_(date_of(0)) {}

std::int64_t CivilClock::second_of_day(std::int64_t local_s) {
  // Within the local day held: no division into days.
  const std::int64_t second = local_s - local_day_ * 86400;
  if (second >= 0 && second < 86400) return second;
  const LocalDay d = split_days(local_s);
  date_ = date_of(d.days);
  local_day_ = d.days;
  return d.second;
}

CivilTime CivilClock::at(Timestamp t) {
  return with_clock(date_, second_of_day(t.unix_seconds() + offset_s_));
}

bool CivilClock::enter_local_hour(Timestamp t) {
  const std::int64_t local_s = t.unix_seconds() + offset_s_;
  if (has_hour_ && local_s >= hour_start_s_ && local_s - hour_start_s_ < 3600) return false;
  const std::int64_t second = second_of_day(local_s);
  hour_ = date_;
  hour_.hour = static_cast<int>(second / 3600);
  hour_start_s_ = local_s - second % 3600;
  has_hour_ = true;
  return true;
}

std::string format_iso8601(Timestamp t, double utc_offset_h) {
  const CivilTime c = to_civil(t, utc_offset_h);
  const std::int64_t off_min = offset_seconds(utc_offset_h) / 60;
  const std::int64_t abs_min = off_min < 0 ? -off_min : off_min;
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}{:02d}:{:02d}", c.year, c.month,
                     c.day, c.hour, c.minute, c.second, off_min < 0 ? '-' : '+', abs_min / 60,
                     abs_min % 60);
}

std::optional<Timestamp> parse_iso8601(const std::string& text, double default_utc_offset_h) {
  CivilTime c;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &c.year, &c.month, &c.day, &consumed) != 3 ||
      consumed != 10) {
    return std::nullopt;
  }
  std::size_t pos = 10;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
    int n = 0;
    if (std::sscanf(text.c_str() + pos + 1, "%2d:%2d%n", &c.hour, &c.minute, &n) != 2 || n != 5) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      if (std::sscanf(text.c_str() + pos + 1, "%2d%n", &c.second, &n) != 1 || n != 2) {
        return std::nullopt;
      }
      pos += 3;
    }
  }
  double offset_h = default_utc_offset_h;
  if (pos < text.size()) {
    if (text[pos] == 'Z' && pos + 1 == text.size()) {
      offset_h = 0.0;
    } else if ((text[pos] == '+' || text[pos] == '-') && text.size() == pos + 6 &&
               text[pos + 3] == ':') {
      int oh = 0;
      int om = 0;
      if (std::sscanf(text.c_str() + pos + 1, "%2d:%2d", &oh, &om) != 2) return std::nullopt;
      offset_h = (oh + om / 60.0) * (text[pos] == '-' ? -1.0 : 1.0);
    } else {
      return std::nullopt;
    }
  }
  if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > days_in_month(c.year, c.month) ||
      c.hour < 0 || c.hour > 23 || c.minute < 0 || c.minute > 59 || c.second < 0 || c.second > 59) {
    return std::nullopt;
  }
  return to_timestamp(c, offset_h);
}

}  // namespace shapan
