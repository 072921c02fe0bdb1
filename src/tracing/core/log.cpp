#include "core/log.h"

#include <cstdio>
#include <mutex>
#include <string>

namespace parley::tracing {
namespace {

struct LogState {
  std::mutex mutex;
  std::function<void(LogLevel, std::string_view)> sink;
};

LogState& log_state() {
  static auto* state = new LogState();  // never destroyed: usable during exit
  return *state;
}

std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warning: return "warning";
    case LogLevel::error: return "error";
  }
  return "info";
}

}  // namespace

void set_log_sink(std::function<void(LogLevel, std::string_view)> sink) {
  auto& state = log_state();
  std::lock_guard lock(state.mutex);
  state.sink = std::move(sink);
}

namespace detail {

void log(LogLevel level, std::string_view message) noexcept {
  try {
    auto& state = log_state();
    std::lock_guard lock(state.mutex);
    if (state.sink) {
      state.sink(level, message);
      return;
    }
    std::string line = "parley-tracing: ";
    line += level_name(level);
    line += ": ";
    line += message;
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
  } catch (...) {
    // A failing sink must not reach the caller.
  }
}

}  // namespace detail
}  // namespace parley::tracing
