// parley/tracing/span_data.h — a finished span as exporters read it.
//
// SpanData is the neutral record a Span writes into (ids, times, name, kind,
// attributes, events, links, status). It is not any exporter's format: the
// encoders in export/ map it to OTLP, Zipkin or Jaeger on the exporter thread.
// Strings and arrays are views into the record's own arena; they stay valid
// while the exporter call that received the record runs. Records are recycled
// afterwards, so never keep a pointer to one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parley/tracing/attribute.h"
#include "parley/tracing/ids.h"

namespace parley::tracing {

enum class SpanKind : std::uint8_t;
enum class StatusCode : std::uint8_t;

struct InstrumentationScope {
  std::string_view name;
  std::string_view version;
};

struct EventData {
  std::uint64_t time_unix_ns = 0;
  std::string_view name;
  std::uint32_t attribute_begin = 0;  // index into SpanData's event attributes
  std::uint32_t attribute_count = 0;
  std::uint32_t dropped_attributes_count = 0;
};

struct LinkData {
  TraceId trace_id;
  SpanId span_id;
  std::uint8_t flags = 0;
  bool remote = false;
  std::string_view trace_state;
  std::uint32_t attribute_begin = 0;  // index into SpanData's link attributes
  std::uint32_t attribute_count = 0;
  std::uint32_t dropped_attributes_count = 0;
};

namespace detail {
// Bump allocator for a record's strings and arrays. Blocks are never moved,
// so views stay valid; the first block is kept when the record is recycled.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  char* allocate(std::size_t bytes, std::size_t align = 1);
  std::string_view copy(std::string_view text) {
    const std::size_t size = text.size();
    if (size == 0) return {};
    char* out;
    if (static_cast<std::size_t>(limit_ - cursor_) >= size) {
      out = cursor_;
      cursor_ += size;
    } else {
      out = grow(size, 1);
    }
    std::memcpy(out, text.data(), size);
    return {out, size};
  }
  void reset() noexcept;

 private:
  char* grow(std::size_t bytes, std::size_t align);
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::size_t> sizes_;
  char* cursor_ = nullptr;
  char* limit_ = nullptr;
  std::size_t block_index_ = 0;
};
}  // namespace detail

class SpanData {
 public:
  const TraceId& trace_id() const noexcept { return trace_id_; }
  const SpanId& span_id() const noexcept { return span_id_; }
  // Invalid (zero) for a root span.
  const SpanId& parent_span_id() const noexcept { return parent_span_id_; }
  bool parent_is_remote() const noexcept { return parent_remote_; }
  std::uint8_t flags() const noexcept { return flags_; }
  bool debug() const noexcept { return debug_; }
  std::string_view trace_state() const noexcept { return trace_state_; }
  std::string_view name() const noexcept { return name_; }
  SpanKind kind() const noexcept { return kind_; }
  const InstrumentationScope& scope() const noexcept { return *scope_; }
  std::uint64_t start_unix_ns() const noexcept { return start_unix_ns_; }
  std::uint64_t end_unix_ns() const noexcept { return end_unix_ns_; }
  std::uint64_t duration_ns() const noexcept {
    return end_unix_ns_ > start_unix_ns_ ? end_unix_ns_ - start_unix_ns_ : 0;
  }
  StatusCode status_code() const noexcept { return status_code_; }
  std::string_view status_message() const noexcept { return status_message_; }

  std::span<const Attribute> attributes() const noexcept { return attributes_; }
  std::span<const EventData> events() const noexcept { return events_; }
  std::span<const Attribute> attributes_of(const EventData& event) const noexcept {
    return std::span<const Attribute>(event_attributes_).subspan(event.attribute_begin, event.attribute_count);
  }
  std::span<const LinkData> links() const noexcept { return links_; }
  std::span<const Attribute> attributes_of(const LinkData& link) const noexcept {
    return std::span<const Attribute>(link_attributes_).subspan(link.attribute_begin, link.attribute_count);
  }
  std::uint32_t dropped_attributes_count() const noexcept { return dropped_attributes_; }
  std::uint32_t dropped_events_count() const noexcept { return dropped_events_; }
  std::uint32_t dropped_links_count() const noexcept { return dropped_links_; }

  // Value of a string/int attribute by key, for filters and tools.
  const AttributeValue* find_attribute(std::string_view key) const noexcept;

 protected:
  SpanData() = default;
  ~SpanData() = default;

  TraceId trace_id_;
  SpanId span_id_;
  SpanId parent_span_id_;
  std::uint8_t flags_ = 0;
  bool parent_remote_ = false;
  bool debug_ = false;
  SpanKind kind_{};
  StatusCode status_code_{};
  std::string trace_state_;
  std::string_view name_;
  std::string_view status_message_;
  const InstrumentationScope* scope_ = nullptr;
  std::uint64_t start_unix_ns_ = 0;
  std::uint64_t end_unix_ns_ = 0;
  std::vector<Attribute> attributes_;
  std::vector<EventData> events_;
  std::vector<Attribute> event_attributes_;
  std::vector<LinkData> links_;
  std::vector<Attribute> link_attributes_;
  std::uint32_t dropped_attributes_ = 0;
  std::uint32_t dropped_events_ = 0;
  std::uint32_t dropped_links_ = 0;
  detail::Arena arena_;
};

// The entity producing spans: service.name, service.version, host, process,
// telemetry.sdk.*, plus OTEL_RESOURCE_ATTRIBUTES. Immutable once built.
class Resource {
 public:
  Resource() = default;
  // Later keys replace earlier ones.
  void set(std::string_view key, std::string_view value);
  void set(std::string_view key, std::int64_t value);
  std::span<const Attribute> attributes() const noexcept { return attributes_; }
  std::string_view service_name() const noexcept;
  const AttributeValue* find(std::string_view key) const noexcept;

  Resource(const Resource& other);
  Resource& operator=(const Resource& other);
  Resource(Resource&&) noexcept = default;
  Resource& operator=(Resource&&) noexcept = default;

 private:
  void rebuild_views();
  struct Entry {
    std::string key;
    std::string text;
    std::int64_t number = 0;
    bool is_number = false;
  };
  std::vector<Entry> entries_;
  std::vector<Attribute> attributes_;
};

}  // namespace parley::tracing
