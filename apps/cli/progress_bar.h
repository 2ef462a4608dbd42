// A progress bar on stderr that appears only once a task has run for a
// second, so quick runs stay quiet. With a `unit` ("configurations"), it also
// shows the rate since the start and the time left at that rate.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace shapan::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label, std::string unit = "")
      : label_(std::move(label)),
        unit_(std::move(unit)),
        started_(std::chrono::steady_clock::now()) {}

  ~ProgressBar() { finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::size_t done, std::size_t total) {
    if (total == 0) return;
    // The rate counts from the first update (work done before this process
    // began, as when a sweep resumes, is left out).
    if (!first_seen_) {
      first_ = done;
      first_seen_ = true;
    }
    const auto elapsed = std::chrono::steady_clock::now() - started_;
    if (!shown_ && elapsed < std::chrono::seconds(1)) return;
    const int percent = static_cast<int>(100 * done / total);
    if (shown_ && percent == last_percent_) return;
    shown_ = true;
    last_percent_ = percent;
    constexpr int kWidth = 30;
    const int filled = percent * kWidth / 100;
    std::string rate;
    const double seconds = std::chrono::duration<double>(elapsed).count();
    if (!unit_.empty() && done > first_ && seconds > 0) {
      const double per_s = static_cast<double>(done - first_) / seconds;
      const auto left_s = static_cast<long>(static_cast<double>(total - done) / per_s);
      char text[160];
      std::snprintf(text, sizeof text, " %.1f %s/s, %ld min %02ld s left  ", per_s, unit_.c_str(),
                    left_s / 60, left_s % 60);
      rate = text;
    }
    std::fprintf(stderr, "\r%s [%s%s] %3d%%%s", label_.c_str(), std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, ' ').c_str(), percent, rate.c_str());
    std::fflush(stderr);
  }

  void finish() {
    if (shown_) std::fprintf(stderr, "\n");
    shown_ = false;
  }

 private:
  std::string label_;
  std::string unit_;
  std::size_t first_ = 0;
  bool first_seen_ = false;
  std::chrono::steady_clock::time_point started_;
  bool shown_ = false;
  int last_percent_ = -1;
};

}  // namespace shapan::cli
