// parley/tracing/span.h — the span handle.
//
// A Span is a move-only RAII handle (two pointers) onto a pooled record. It
// ends when destroyed (or at end()),
// and if it was made current by Tracer::start_as_current_span it restores the
// previous current context at the same moment. A default-constructed Span, a
// span of disabled tracing and an unsampled span are *non-recording*: every
// operation on them is a branch and nothing else. Non-recording spans still
// carry a valid SpanContext (when tracing is on) so that the trace continues
// downstream with the sampled flag off.
//
// Thread-safety: a Span is used by one thread at a time (move it to hand it
// over). Ending it on another thread than the one that made it current is a
// bug when it is current.
//
// Cost (see docs/PERFORMANCE.md): disabled start+end ~1 ns, unsampled ~10 ns,
// sampled ~40 ns; no lock, no system call and no allocation once warm.
// Nothing here throws.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <span>
#include <string_view>

#include "parley/tracing/attribute.h"
#include "parley/tracing/context.h"
#include "parley/tracing/ids.h"

namespace parley::tracing {

enum class SpanKind : std::uint8_t { internal = 1, server = 2, client = 3, producer = 4, consumer = 5 };
enum class StatusCode : std::uint8_t { unset = 0, ok = 1, error = 2 };

// "internal", "server", "client", "producer", "consumer".
std::string_view to_string(SpanKind kind) noexcept;
// "unset", "ok", "error".
std::string_view to_string(StatusCode code) noexcept;

// A link to another span (e.g. the message that caused this work).
struct Link {
  SpanContext context;
  std::span<const Attribute> attributes;
};

namespace detail {
class SpanRecord;
}

class Span {
 public:
  Span() noexcept = default;
  Span(Span&& other) noexcept : frame_(other.frame_), record_(other.record_) {
    other.frame_ = nullptr;
    other.record_ = nullptr;
  }
  Span& operator=(Span&& other) noexcept {
    if (this != &other) {
      end();
      frame_ = other.frame_;
      record_ = other.record_;
      other.frame_ = nullptr;
      other.record_ = nullptr;
    }
    return *this;
  }
  Span(const Span&) = delete;
  Span& operator=(const Span&) = delete;
  ~Span() {
    if (frame_ != nullptr) finish();
  }

  // True while the span records data (sampled or awaiting its trace's
  // conditional decision). The seed's span.is_recording(). False after end().
  bool is_recording() const noexcept { return record_ != nullptr; }
  // Ids and flags; invalid after end() and when tracing is off.
  const SpanContext& context() const noexcept {
    return frame_ != nullptr ? frame_->context.span_context() : detail::empty_context().span_context();
  }
  // This span as a parent for explicit-context APIs.
  const Context& as_context() const noexcept { return frame_ != nullptr ? frame_->context : detail::empty_context(); }

  void set_attribute(std::string_view key, AttributeValue value) noexcept {
    if (record_ != nullptr) set_attribute_slow(key, value);
  }
  void set_attribute(std::string_view key, std::initializer_list<std::string_view> values) noexcept {
    set_attribute(key, AttributeValue(std::span<const std::string_view>(values.begin(), values.size())));
  }
  void set_attribute(std::string_view key, std::initializer_list<std::int64_t> values) noexcept {
    set_attribute(key, AttributeValue(std::span<const std::int64_t>(values.begin(), values.size())));
  }
  void set_attribute(std::string_view key, std::initializer_list<double> values) noexcept {
    set_attribute(key, AttributeValue(std::span<const double>(values.begin(), values.size())));
  }
  void set_attribute(std::string_view key, std::initializer_list<bool> values) noexcept {
    set_attribute(key, AttributeValue(std::span<const bool>(values.begin(), values.size())));
  }

  void add_event(std::string_view name) noexcept {
    if (record_ != nullptr) add_event_slow(name, {});
  }
  void add_event(std::string_view name, std::initializer_list<Attribute> attributes) noexcept {
    if (record_ != nullptr) add_event_slow(name, std::span<const Attribute>(attributes.begin(), attributes.size()));
  }
  void add_event(std::string_view name, std::span<const Attribute> attributes) noexcept {
    if (record_ != nullptr) add_event_slow(name, attributes);
  }

  void add_link(const SpanContext& context, std::span<const Attribute> attributes = {}) noexcept {
    if (record_ != nullptr) add_link_slow(context, attributes);
  }

  // Ok > Error > Unset: once Ok, later calls are ignored; the description is
  // kept only with Error.
  void set_status(StatusCode code, std::string_view description = {}) noexcept {
    if (record_ != nullptr) set_status_slow(code, description);
  }

  // Adds an "exception" event (exception.type, exception.message) and sets
  // the status to Error with the message as description.
  void record_exception(const std::exception& error) noexcept;
  void record_exception(std::exception_ptr error) noexcept;
  void record_exception(std::string_view type, std::string_view message) noexcept {
    if (record_ != nullptr) record_exception_slow(type, message);
  }

  void update_name(std::string_view name) noexcept {
    if (record_ != nullptr) update_name_slow(name);
  }

  // Ends the span (idempotent). Later operations are ignored.
  void end() noexcept {
    if (frame_ != nullptr) finish();
  }
  void end(std::chrono::system_clock::time_point end_time) noexcept;

 private:
  friend class Tracer;
  void finish() noexcept;
  void set_attribute_slow(std::string_view key, const AttributeValue& value) noexcept;
  void add_event_slow(std::string_view name, std::span<const Attribute> attributes) noexcept;
  void add_link_slow(const SpanContext& context, std::span<const Attribute> attributes) noexcept;
  void set_status_slow(StatusCode code, std::string_view description) noexcept;
  void record_exception_slow(std::string_view type, std::string_view message) noexcept;
  void update_name_slow(std::string_view name) noexcept;

  detail::ContextFrame* frame_ = nullptr;  // lives in the pooled record; null when ended or off
  detail::SpanRecord* record_ = nullptr;   // set only while recording
};

}  // namespace parley::tracing
