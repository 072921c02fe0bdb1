// parley/tracing/tracer.h — tracers and span creation.
//
// get_tracer(name) returns the tracer of one instrumentation scope; tracers
// live for the whole process (never destroyed), so cache the reference.
// Starting a span when tracing is disabled is one predictable branch; when
// enabled, the sampler decides at start (and, with conditional sampling, again
// when the local root ends). Tracers are thread-safe; nothing here throws.
//
//   auto& tracer = parley::tracing::get_tracer("chat.messages");
//   auto span = tracer.start_as_current_span("database_query");
//   span.set_attribute("query.table", "messages");
#pragma once

#include <atomic>
#include <chrono>
#include <span>
#include <string>
#include <string_view>

#include "parley/tracing/span.h"
#include "parley/tracing/span_data.h"

namespace parley::tracing {

struct StartOptions {
  SpanKind kind = SpanKind::internal;
  // Explicit parent; when null the current context is the parent.
  const Context* parent = nullptr;
  // Start a new trace, ignoring the current context.
  bool new_root = false;
  std::span<const Link> links;
  // Attributes known at start (visible to the sampler's decision).
  std::span<const Attribute> attributes;
  // Start time; the default is now.
  std::chrono::system_clock::time_point start_time{};
};

namespace detail {
// Fixed at init/shutdown; the only thing the disabled path reads.
extern std::atomic<bool> g_tracing_enabled;
}  // namespace detail

class Tracer {
 public:
  Tracer(const Tracer&) = delete;
  Tracer& operator=(const Tracer&) = delete;

  // Starts a span. It is not made current.
  Span start_span(std::string_view name, const StartOptions& options = {}) noexcept {
    if (!detail::g_tracing_enabled.load(std::memory_order_relaxed)) return Span();
    return start_span_enabled(name, options);
  }
  // Starts a span and makes it current until it ends (the seed's
  // `with tracer.start_as_current_span(...) as span`).
  Span start_as_current_span(std::string_view name, const StartOptions& options = {}) noexcept {
    if (!detail::g_tracing_enabled.load(std::memory_order_relaxed)) return Span();
    return start_as_current_enabled(name, options);
  }

  std::string_view name() const noexcept { return name_; }
  std::string_view version() const noexcept { return version_; }

  // The seed's tracer.set_sample_rate(x): global, thread-safe, for new traces.
  void set_sample_rate(double rate) noexcept;
  void set_batch_size(std::size_t spans) noexcept;
  void set_batch_timeout(std::chrono::milliseconds timeout) noexcept;

 private:
  friend Tracer& get_tracer(std::string_view, std::string_view);
  Tracer(std::string name, std::string version)
      : name_(std::move(name)), version_(std::move(version)), scope_{name_, version_} {}
  Span start_span_enabled(std::string_view name, const StartOptions& options) noexcept;
  Span start_as_current_enabled(std::string_view name, const StartOptions& options) noexcept;

  std::string name_;
  std::string version_;
  InstrumentationScope scope_;
};

// The tracer for an instrumentation scope (e.g. "chat.messages").
Tracer& get_tracer(std::string_view name, std::string_view version = {});
// Export is always asynchronous; kept for the seed's get_async_tracer().
inline Tracer& get_async_tracer(std::string_view name = "parley") { return get_tracer(name); }

// Whether a new trace would be kept by the configured rate: uses the current
// trace id when a span is current, a fresh random draw otherwise.
bool should_sample_trace() noexcept;

}  // namespace parley::tracing

#define PARLEY_TRACING_CONCAT_INNER(a, b) a##b
#define PARLEY_TRACING_CONCAT(a, b) PARLEY_TRACING_CONCAT_INNER(a, b)
// The seed's @trace_function(name=...): a span current for the rest of the
// enclosing block.
#define PARLEY_TRACE_FUNCTION(name)                                            \
  auto PARLEY_TRACING_CONCAT(parley_traced_function_span_, __LINE__) =         \
      ::parley::tracing::get_tracer("parley.function").start_as_current_span(name)
