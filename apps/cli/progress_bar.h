// A progress bar on stderr that appears only once a task has run for a
// second, so quick runs stay quiet.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace shapan::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label)
      : label_(std::move(label)), started_(std::chrono::steady_clock::now()) {}
  ~ProgressBar() { finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::size_t done, std::size_t total) {
    if (total == 0) return;
    const auto elapsed = std::chrono::steady_clock::now() - started_;
    if (!shown_ && elapsed < std::chrono::seconds(1)) return;
    const int percent = static_cast<int>(100 * done / total);
    if (shown_ && percent == last_percent_) return;
    shown_ = true;
    last_percent_ = percent;
    constexpr int kWidth = 30;
    const int filled = percent * kWidth / 100;
    std::fprintf(stderr, "\r%s [%s%s] %3d%%", label_.c_str(), std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, ' ').c_str(), percent);
    std::fflush(stderr);
  }

  void finish() {
    if (shown_) std::fprintf(stderr, "\n");
    shown_ = false;
  }

 private:
  std::string label_;
  std::chrono::steady_clock::time_point started_;
  bool shown_ = false;
  int last_percent_ = -1;
};

}  // namespace shapan::cli
