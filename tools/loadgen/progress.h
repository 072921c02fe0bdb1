// parley-loadgen's progress display on stderr: a redrawn bar on a terminal,
// plain lines at every tenth of the run otherwise (logs, CI). Thread-safe:
// workers call record() after each request.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <mutex>

namespace parley::tools {

class Progress {
 public:
  Progress(std::size_t total, bool terminal, std::FILE* out);
  void record(bool ok);
  // Draws the final state (and ends the bar's line).
  void finish();

 private:
  void draw_bar(bool final);
  std::mutex mutex_;
  std::size_t total_;
  bool terminal_;
  std::FILE* out_;
  std::size_t done_ = 0;
  std::size_t failed_ = 0;
  std::size_t next_line_ = 1;  // next tenth to print in plain mode
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace parley::tools
