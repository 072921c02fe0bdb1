// docs/TRACING.md, "Linking logs to traces": spdlog lines that carry the
// current trace and span ids, the ids as strings for any other logger, and
// the library's own diagnostics routed into spdlog.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <string>
#include <string_view>

#include <parley/tracing/integration/spdlog.h>
#include <parley/tracing/provider.h>
#include <parley/tracing/tracer.h>

int main() {
  // [doc:log_sink]
  // The library's own lines (rejected settings, exporter state changes) into
  // spdlog instead of "parley-tracing: <level>: ..." on stderr.
  parley::tracing::set_log_sink([](parley::tracing::LogLevel level, std::string_view message) {
    switch (level) {
      case parley::tracing::LogLevel::debug: spdlog::debug("tracing: {}", message); break;
      case parley::tracing::LogLevel::info: spdlog::info("tracing: {}", message); break;
      case parley::tracing::LogLevel::warning: spdlog::warn("tracing: {}", message); break;
      case parley::tracing::LogLevel::error: spdlog::error("tracing: {}", message); break;
    }
  });
  parley::tracing::init_from_env();  // after the sink: its diagnostics go there too
  // [/doc:log_sink]
  auto& tracer = parley::tracing::get_tracer("chat.api");

  // [doc:spdlog]
  spdlog::set_formatter(parley::tracing::make_trace_formatter(
      "[%Y-%m-%d %H:%M:%S.%e] [%l] trace_id=%* span_id=%& %v"));
  {
    auto span = tracer.start_as_current_span("POST /api/messages");
    spdlog::info("Request processed");  // ... trace_id=<32 hex> span_id=<16 hex> Request processed
  }
  spdlog::info("outside any span");     // ... trace_id= span_id= outside any span
  // [/doc:spdlog]

  bool ok = parley::tracing::get_current_trace_id().empty();  // no span is current here
  {
    auto span = tracer.start_as_current_span("POST /api/rooms");
    // [doc:ids]
    const std::string trace_id = parley::tracing::get_current_trace_id();  // "" when no span is current
    const std::string span_id = parley::tracing::get_current_span_id();
    std::fprintf(stderr, "Request processed trace_id=%s span_id=%s\n", trace_id.c_str(), span_id.c_str());
    // [/doc:ids]
    // With tracing on every span has ids (sampled or not); with it off, none.
    const bool on = parley::tracing::is_enabled();
    ok &= trace_id.size() == (on ? 32u : 0u) && span_id.size() == (on ? 16u : 0u);
  }
  parley::tracing::shutdown();
  if (!ok) std::fprintf(stderr, "logging: unexpected trace or span id\n");
  return ok ? 0 : 1;
}
