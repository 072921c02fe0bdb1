// parley/tracing/context.h — explicit context values and the current context.
//
// A Context is the truth about "which span is my parent": a SpanContext plus,
// for spans of this process, a handle on the local trace they belong to (so a
// trace held back for conditional sampling is decided as one), plus baggage.
// Contexts are values: copy them into lambdas, across threads, into
// coroutines. Copying costs one reference-count increment only while a trace
// awaits its conditional-sampling decision or carries baggage.
//
// The thread's *current* context is a convenience for synchronous code: a
// stack of frames owned by live Span and ContextScope objects. Spans started
// without an explicit parent take the current one. Coroutine code keeps it
// right across co_await with parley/tracing/integration/asio.h.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "parley/tracing/ids.h"

namespace parley::tracing {

class Baggage;
class Context;
class ContextScope;

namespace detail {
class LocalTrace;
void reset_context(Context& context) noexcept;

// How spans of a local trace are being kept.
enum class Sampling : std::uint8_t {
  dropped,  // not recorded (unsampled or tracing disabled)
  pending,  // recorded; kept or dropped when the local root ends
  sampled,  // recorded and exported
};

// Intrusive reference to a LocalTrace (pending conditional decision).
class LocalTraceRef {
 public:
  LocalTraceRef() noexcept = default;
  explicit LocalTraceRef(LocalTrace* adopted) noexcept : trace_(adopted) {}
  LocalTraceRef(const LocalTraceRef& other) noexcept;
  LocalTraceRef(LocalTraceRef&& other) noexcept : trace_(other.trace_) { other.trace_ = nullptr; }
  LocalTraceRef& operator=(const LocalTraceRef& other) noexcept;
  LocalTraceRef& operator=(LocalTraceRef&& other) noexcept;
  ~LocalTraceRef() {
    if (trace_ != nullptr) release();
  }
  LocalTrace* get() const noexcept { return trace_; }
  explicit operator bool() const noexcept { return trace_ != nullptr; }

 private:
  void release() noexcept;
  LocalTrace* trace_ = nullptr;
};
}  // namespace detail

class Context {
 public:
  Context() noexcept = default;
  // A context whose parent is `span_context` (typically extracted from a
  // carrier: then span_context.remote is true).
  explicit Context(SpanContext span_context) noexcept;

  // Snapshot of the thread's current context (empty when there is none).
  static Context current() noexcept;

  const SpanContext& span_context() const noexcept { return span_context_; }
  bool valid() const noexcept { return span_context_.valid(); }

  // Baggage carried by this context (empty when none).
  const Baggage& baggage() const noexcept;
  Context with_baggage(std::shared_ptr<const Baggage> baggage) const;
  const std::shared_ptr<const Baggage>& baggage_ptr() const noexcept { return baggage_; }

  // Makes this context current on this thread until the scope ends.
  [[nodiscard]] ContextScope attach() const;

 private:
  friend class Span;
  friend class Tracer;
  friend class ContextScope;
  friend void detail::reset_context(Context&) noexcept;
  SpanContext span_context_;
  detail::LocalTraceRef local_trace_;
  detail::Sampling sampling_ = detail::Sampling::dropped;
  std::shared_ptr<const Baggage> baggage_;
};

namespace detail {
class SpanRecord;
// One entry of the thread's current-context stack.
struct ContextFrame {
  Context context;
  ContextFrame* previous = nullptr;
  bool installed = false;
  SpanRecord* owner = nullptr;  // the pooled record holding this frame, for spans
};
// An invalid context (what ended and disabled spans report).
const Context& empty_context() noexcept;

// The thread's innermost frame, or null.
inline thread_local constinit ContextFrame* tl_current_frame = nullptr;
inline ContextFrame*& current_frame() noexcept { return tl_current_frame; }
// While a coroutine chain's handler runs, every change of the current frame
// is also written to the chain's own slot at once (not when the handler
// returns: on a thread pool the chain may already resume elsewhere).
inline thread_local constinit ContextFrame** tl_frame_mirror = nullptr;
inline void set_current_frame(ContextFrame* frame) noexcept {
  tl_current_frame = frame;
  if (tl_frame_mirror != nullptr) *tl_frame_mirror = frame;
}
void install_frame(ContextFrame& frame) noexcept;
void uninstall_frame(ContextFrame& frame) noexcept;
// Moves `from` (context and stack position) into `to`.
void transfer_frame(ContextFrame& from, ContextFrame& to) noexcept;
}  // namespace detail

// RAII: a context made current; restores the previous one at scope exit.
// Move-only; must be destroyed on the thread that created it.
class ContextScope {
 public:
  ContextScope() noexcept = default;
  explicit ContextScope(Context context) noexcept;
  ContextScope(ContextScope&& other) noexcept;
  ContextScope& operator=(ContextScope&&) = delete;
  ContextScope(const ContextScope&) = delete;
  ContextScope& operator=(const ContextScope&) = delete;
  ~ContextScope();

  const Context& context() const noexcept { return frame_.context; }

 private:
  detail::ContextFrame frame_;
};

// The current span's trace id (32 hex) and span id (16 hex), or "" when no
// valid span is current. The seed's get_current_trace_id / get_current_span_id.
std::string get_current_trace_id();
std::string get_current_span_id();

}  // namespace parley::tracing
