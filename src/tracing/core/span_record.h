// The mutable side of SpanData: what a live Span writes into, recycled
// through a pool so that a warm process allocates nothing per span.
//
// Pool: each thread keeps a small free list (no atomics); the export thread
// hands finished records back in chains to a global lock-free stack, which a
// thread whose list is empty takes whole (exchange, so no ABA). Memory is
// bounded by live spans + queue capacity + per-thread caches.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string_view>

#include "parley/tracing/config.h"
#include "parley/tracing/context.h"
#include "parley/tracing/span.h"
#include "parley/tracing/span_data.h"

namespace parley::tracing::detail {

class LocalTrace;

class SpanRecord final : public SpanData {
 public:
  SpanRecord() noexcept { frame.owner = this; }

  void begin(std::string_view name, SpanKind kind, const InstrumentationScope* scope) noexcept;
  void set_ids(const TraceId& trace_id, const SpanId& span_id, const SpanId& parent, bool parent_remote) noexcept {
    trace_id_ = trace_id;
    span_id_ = span_id;
    parent_span_id_ = parent;
    parent_remote_ = parent_remote;
  }
  void set_flags(std::uint8_t flags, bool debug) noexcept {
    flags_ = flags;
    debug_ = debug;
  }
  std::string& mutable_trace_state() noexcept { return trace_state_; }
  void set_name(std::string_view name) noexcept;
  void set_attribute(std::string_view key, const AttributeValue& value, const SpanLimits& limits) noexcept;
  void add_event(std::uint64_t tick, std::string_view name, std::span<const Attribute> attributes,
                 const SpanLimits& limits) noexcept;
  void add_link(const SpanContext& context, std::span<const Attribute> attributes, const SpanLimits& limits) noexcept;
  void set_status(StatusCode code, std::string_view description) noexcept;
  // Converts the tick timestamps to Unix nanoseconds (once; the export
  // thread does it for kept spans, so dropped spans never pay for it).
  void finish_times() noexcept;
  // Duration without converting timestamps when none was given explicitly.
  std::uint64_t elapsed_ns() noexcept;
  // Moves the context's flags and tracestate into the exported fields and
  // lets go of the context's references (local trace, baggage).
  void seal_context() noexcept;
  // True when the span ended with error status or an HTTP status >= 500.
  bool is_error() const noexcept;
  void reset() noexcept;

  void set_start_unix_ns(std::uint64_t ns) noexcept {
    start_unix_ns_ = ns;
    explicit_start_ = true;
  }
  void set_end_unix_ns(std::uint64_t ns) noexcept {
    end_unix_ns_ = ns;
    explicit_end_ = true;
  }
  // Test and tool access (exporters never need it).
  void set_times_unix_ns(std::uint64_t start, std::uint64_t end) noexcept {
    start_unix_ns_ = start;
    end_unix_ns_ = end;
    explicit_start_ = explicit_end_ = true;
  }

  ContextFrame frame;                  // the Span's context and stack entry
  SpanRecord* next = nullptr;          // pool / pending-list link
  std::uint64_t start_tick = 0;
  std::uint64_t end_tick = 0;
  bool explicit_start_ = false;
  bool explicit_end_ = false;
  bool local_root = false;
  bool dirty = false;                  // recorded since the last reset()
  bool times_final = false;            // finish_times() has run
  Sampling sampling = Sampling::dropped;
  LocalTrace* local_trace = nullptr;   // kept alive by the Span's context

 private:
  bool copy_value(const AttributeValue& in, AttributeValue& out, std::uint32_t max_length) noexcept;
};

SpanRecord* acquire_record() noexcept;
// Returns a record to this thread's cache. Its context must already be
// released (seal_context or reset_context); the rest is cleaned lazily when
// the record is acquired again.
void release_record(SpanRecord* record) noexcept;
void release_clean_record(SpanRecord* record) noexcept;
// Returns a chain (linked through `next`) of sealed records to the global stack.
void release_record_chain(SpanRecord* first, SpanRecord* last) noexcept;

// A local trace waiting for its conditional-sampling decision.
class LocalTrace {
 public:
  static constexpr std::uintptr_t kOpen = 0;
  static constexpr std::uintptr_t kKeep = 1;
  static constexpr std::uintptr_t kDrop = 2;

  std::atomic<std::uint32_t> refs{1};
  std::atomic<std::uintptr_t> head{kOpen};  // kOpen, kKeep, kDrop or a SpanRecord*
  std::atomic<bool> has_error{false};
  LocalTrace* next_free = nullptr;
};

LocalTrace* acquire_local_trace() noexcept;
void release_local_trace(LocalTrace* trace) noexcept;

}  // namespace parley::tracing::detail
