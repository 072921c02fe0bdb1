// parley/tracing/integration/spdlog.h — trace ids in spdlog lines.
//
// Integration header (includes spdlog; the core headers never do). Adds two
// pattern flags: %* writes the current trace id (32 hex), %& the current span
// id (16 hex); both write nothing when no span is current, so log lines keep
// working with tracing off (the seed's "request logging still available").
//
//   spdlog::set_formatter(parley::tracing::make_trace_formatter(
//       "[%Y-%m-%d %H:%M:%S.%e] [%l] trace_id=%* span_id=%& %v"));
#pragma once

#include <spdlog/pattern_formatter.h>

#include <memory>
#include <string>

#include "parley/tracing/context.h"

namespace parley::tracing {

class TraceIdFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
    const auto* frame = detail::current_frame();
    if (frame == nullptr || !frame->context.valid()) return;
    char hex[32];
    frame->context.span_context().trace_id.write_hex(hex);
    dest.append(hex, hex + sizeof(hex));
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<TraceIdFlag>(); }
};

class SpanIdFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
    const auto* frame = detail::current_frame();
    if (frame == nullptr || !frame->context.valid()) return;
    char hex[16];
    frame->context.span_context().span_id.write_hex(hex);
    dest.append(hex, hex + sizeof(hex));
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<SpanIdFlag>(); }
};

// A pattern formatter that understands %* (trace id) and %& (span id).
inline std::unique_ptr<spdlog::formatter> make_trace_formatter(
    const std::string& pattern = "[%Y-%m-%d %H:%M:%S.%e] [%^%l%$] trace_id=%* span_id=%& %v") {
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<TraceIdFlag>('*').add_flag<SpanIdFlag>('&').set_pattern(pattern);
  return formatter;
}

}  // namespace parley::tracing
