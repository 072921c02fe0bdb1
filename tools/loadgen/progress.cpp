#include "progress.h"

#include <string>

namespace parley::tools {
namespace {
constexpr std::size_t kBarWidth = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
}  // namespace

Progress::Progress(std::size_t total, bool terminal, std::FILE* out) : total_(total), terminal_(terminal), out_(out) {}

void Progress::record(bool ok) {
  const std::lock_guard lock(mutex_);
  ++done_;
  failed_ += ok ? 0 : 1;
  if (terminal_) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ >= kRedrawInterval) {
      last_draw_ = now;
      draw_bar(false);
    }
    return;
  }
  while (next_line_ <= 10 && done_ * 10 >= next_line_ * total_) {
    std::fprintf(out_, "progress: %zu/%zu requests, %zu failed\n", done_, total_, failed_);
    std::fflush(out_);
    next_line_ = done_ * 10 / total_ + 1;
  }
}

void Progress::finish() {
  const std::lock_guard lock(mutex_);
  if (terminal_) draw_bar(true);
}

void Progress::draw_bar(bool final) {
  const std::size_t filled = total_ == 0 ? kBarWidth : done_ * kBarWidth / total_;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::string bar = std::string(filled, '#') + std::string(kBarWidth - filled, '-');
  std::fprintf(out_, "\r[%s] %zu/%zu requests, %zu failed, %.1f req/s%s", bar.c_str(), done_, total_, failed_,
               seconds > 0 ? static_cast<double>(done_) / seconds : 0.0, final ? "\n" : "");
  std::fflush(out_);
}

}  // namespace parley::tools
