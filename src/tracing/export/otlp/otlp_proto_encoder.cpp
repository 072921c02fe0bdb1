#include "export/otlp/otlp_proto_encoder.h"

// The request is written back to front: a message's fields go in from the
// last to the first, then its length and tag in front of them. Every length
// is known the moment it is needed, so nothing is sized twice and nothing is
// moved. Varints and wire types are protozero's; the framing is this file's.
#include <protozero/types.hpp>
#include <protozero/varint.hpp>

#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>
#include <vector>

#include "parley/tracing/span.h"

namespace parley::tracing::detail {
namespace {

using protozero::pbf_wire_type;

constexpr char tag(unsigned field, pbf_wire_type type) {
  return static_cast<char>((field << 3) | static_cast<unsigned>(type));
}

// Tags (opentelemetry-proto trace.proto / common.proto), all one byte but
// Span.flags (field 16, two bytes).
constexpr char kRequestResourceSpans = tag(1, pbf_wire_type::length_delimited);
constexpr char kResourceSpansResource = tag(1, pbf_wire_type::length_delimited);
constexpr char kResourceSpansScopeSpans = tag(2, pbf_wire_type::length_delimited);
constexpr char kResourceAttributes = tag(1, pbf_wire_type::length_delimited);
constexpr char kScopeSpansScope = tag(1, pbf_wire_type::length_delimited);
constexpr char kScopeSpansSpans = tag(2, pbf_wire_type::length_delimited);
constexpr char kScopeName = tag(1, pbf_wire_type::length_delimited);
constexpr char kScopeVersion = tag(2, pbf_wire_type::length_delimited);
constexpr char kSpanTraceId = tag(1, pbf_wire_type::length_delimited);
constexpr char kSpanSpanId = tag(2, pbf_wire_type::length_delimited);
constexpr char kSpanTraceState = tag(3, pbf_wire_type::length_delimited);
constexpr char kSpanParentSpanId = tag(4, pbf_wire_type::length_delimited);
constexpr char kSpanName = tag(5, pbf_wire_type::length_delimited);
constexpr char kSpanKind = tag(6, pbf_wire_type::varint);
constexpr char kSpanStart = tag(7, pbf_wire_type::fixed64);
constexpr char kSpanEnd = tag(8, pbf_wire_type::fixed64);
constexpr char kSpanAttributes = tag(9, pbf_wire_type::length_delimited);
constexpr char kSpanDroppedAttributes = tag(10, pbf_wire_type::varint);
constexpr char kSpanEvents = tag(11, pbf_wire_type::length_delimited);
constexpr char kSpanDroppedEvents = tag(12, pbf_wire_type::varint);
constexpr char kSpanLinks = tag(13, pbf_wire_type::length_delimited);
constexpr char kSpanDroppedLinks = tag(14, pbf_wire_type::varint);
constexpr char kSpanStatus = tag(15, pbf_wire_type::length_delimited);
constexpr char kSpanFlags[] = {static_cast<char>(0x85), 0x01};  // field 16, fixed32: a two-byte varint
constexpr char kEventTime = tag(1, pbf_wire_type::fixed64);
constexpr char kEventName = tag(2, pbf_wire_type::length_delimited);
constexpr char kEventAttributes = tag(3, pbf_wire_type::length_delimited);
constexpr char kEventDroppedAttributes = tag(4, pbf_wire_type::varint);
constexpr char kLinkTraceId = tag(1, pbf_wire_type::length_delimited);
constexpr char kLinkSpanId = tag(2, pbf_wire_type::length_delimited);
constexpr char kLinkTraceState = tag(3, pbf_wire_type::length_delimited);
constexpr char kLinkAttributes = tag(4, pbf_wire_type::length_delimited);
constexpr char kLinkDroppedAttributes = tag(5, pbf_wire_type::varint);
constexpr char kLinkFlags = tag(6, pbf_wire_type::fixed32);
constexpr char kStatusMessage = tag(2, pbf_wire_type::length_delimited);
constexpr char kStatusCode = tag(3, pbf_wire_type::varint);
constexpr char kKeyValueKey = tag(1, pbf_wire_type::length_delimited);
constexpr char kKeyValueValue = tag(2, pbf_wire_type::length_delimited);
constexpr char kAnyString = tag(1, pbf_wire_type::length_delimited);
constexpr char kAnyBool = tag(2, pbf_wire_type::varint);
constexpr char kAnyInt = tag(3, pbf_wire_type::varint);
constexpr char kAnyDouble = tag(4, pbf_wire_type::fixed64);
constexpr char kAnyArray = tag(5, pbf_wire_type::length_delimited);
constexpr char kArrayValues = tag(1, pbf_wire_type::length_delimited);

// OTLP 1.1 SpanFlags: the parent's remoteness is known, and it is remote.
constexpr std::uint32_t kContextHasIsRemote = 0x100;
constexpr std::uint32_t kContextIsRemote = 0x200;

// Writes forward into a block already claimed with its exact size.
struct Block {
  char* p;

  void byte(char value) { *p++ = value; }
  void varint(std::uint64_t value) { p += protozero::add_varint_to_buffer(p, value); }
  void fixed64(std::uint64_t value) {
    if constexpr (std::endian::native == std::endian::big) value = __builtin_bswap64(value);
    std::memcpy(p, &value, 8);
    p += 8;
  }
  void fixed32(std::uint32_t value) {
    if constexpr (std::endian::native == std::endian::big) value = __builtin_bswap32(value);
    std::memcpy(p, &value, 4);
    p += 4;
  }
  void big_endian64(std::uint64_t value) {
    if constexpr (std::endian::native == std::endian::little) value = __builtin_bswap64(value);
    std::memcpy(p, &value, 8);
    p += 8;
  }
  // Attribute keys and values are short: copy them inline, without a call.
  void text(std::string_view text) {
    const char* from = text.data();
    const std::size_t size = text.size();
    if (size >= 8 && size <= 16) {
      std::memcpy(p, from, 8);
      std::memcpy(p + size - 8, from + size - 8, 8);
    } else if (size >= 4 && size < 8) {
      std::memcpy(p, from, 4);
      std::memcpy(p + size - 4, from + size - 4, 4);
    } else if (size < 4) {
      for (std::size_t i = 0; i < size; ++i) p[i] = from[i];
    } else {
      std::memcpy(p, from, size);
    }
    p += size;
  }
};

// protozero::length_of_varint without the loop.
std::size_t varint_size(std::uint64_t value) {
  return (static_cast<std::size_t>(std::bit_width(value | 1)) + 6) / 7;
}

// A buffer filled from its end towards its start. Positions are counted from
// the end (bytes written so far), so they survive the buffer growing.
class ReverseWriter {
 public:
  ReverseWriter(std::unique_ptr<char[]>& storage, std::size_t& capacity) : storage_(storage), capacity_(capacity) {
    begin_ = storage_.get();
    end_ = begin_ + capacity_;
    cursor_ = end_;
  }

  std::size_t written() const noexcept { return static_cast<std::size_t>(end_ - cursor_); }
  std::string_view view() const noexcept { return {cursor_, written()}; }

  // Room for `bytes` more in front of what is written; fill it with Block.
  Block claim(std::size_t bytes) {
    if (static_cast<std::size_t>(cursor_ - begin_) < bytes) [[unlikely]] grow(bytes);
    cursor_ -= bytes;
    return Block{cursor_};
  }

  void varint_field(char field_tag, std::uint64_t value) {
    Block out = claim(1 + varint_size(value));
    out.byte(field_tag);
    out.varint(value);
  }
  void fixed64_field(char field_tag, std::uint64_t value) {
    Block out = claim(9);
    out.byte(field_tag);
    out.fixed64(value);
  }
  void fixed32_field(std::string_view field_tag, std::uint32_t value) {
    Block out = claim(field_tag.size() + 4);
    for (const char c : field_tag) out.byte(c);
    out.fixed32(value);
  }
  void string_field(char field_tag, std::string_view text) {
    Block out = claim(1 + varint_size(text.size()) + text.size());
    out.byte(field_tag);
    out.varint(text.size());
    out.text(text);
  }
  void id_field(char field_tag, const SpanId& id) {
    Block out = claim(10);
    out.byte(field_tag);
    out.byte(8);
    out.big_endian64(id.value);
  }
  void id_field(char field_tag, const TraceId& id) {
    Block out = claim(18);
    out.byte(field_tag);
    out.byte(16);
    out.big_endian64(id.high);
    out.big_endian64(id.low);
  }
  // Closes the message whose fields were written since `mark`.
  void close(char field_tag, std::size_t mark) {
    const std::size_t length = written() - mark;
    Block out = claim(1 + varint_size(length));
    out.byte(field_tag);
    out.varint(length);
  }

 private:
  void grow(std::size_t bytes) {
    const std::size_t used = written();
    const std::size_t capacity = std::max(capacity_ * 2, used + bytes + 4096);
    auto storage = std::make_unique_for_overwrite<char[]>(capacity);
    if (used > 0) std::memcpy(storage.get() + capacity - used, cursor_, used);
    storage_ = std::move(storage);
    capacity_ = capacity;
    begin_ = storage_.get();
    end_ = begin_ + capacity_;
    cursor_ = end_ - used;
  }

  std::unique_ptr<char[]>& storage_;
  std::size_t& capacity_;
  char* begin_;
  char* end_;
  char* cursor_;
};

// AnyValue arms have explicit presence: written even when zero or empty.
void write_scalar(ReverseWriter& w, const AttributeValue& value) {
  switch (value.type()) {
    case ValueType::string: w.string_field(kAnyString, value.as_string()); break;
    case ValueType::boolean: w.varint_field(kAnyBool, value.as_bool() ? 1 : 0); break;
    case ValueType::int64: w.varint_field(kAnyInt, static_cast<std::uint64_t>(value.as_int64())); break;
    case ValueType::float64: w.fixed64_field(kAnyDouble, std::bit_cast<std::uint64_t>(value.as_double())); break;
    default: break;
  }
}

template <typename Item>
void write_array(ReverseWriter& w, std::span<const Item> items) {
  const std::size_t array = w.written();
  for (std::size_t i = items.size(); i-- > 0;) {
    const std::size_t element = w.written();
    write_scalar(w, AttributeValue(items[i]));
    w.close(kArrayValues, element);
  }
  w.close(kAnyArray, array);
}

void write_any(ReverseWriter& w, const AttributeValue& value) {
  switch (value.type()) {
    case ValueType::string_array: write_array(w, value.as_string_array()); break;
    case ValueType::bool_array: write_array(w, value.as_bool_array()); break;
    case ValueType::int64_array: write_array(w, value.as_int64_array()); break;
    case ValueType::double_array: write_array(w, value.as_double_array()); break;
    default: write_scalar(w, value); break;
  }
}

// A KeyValue with a scalar value whose lengths all fit one byte (nearly all
// of them): sized up front and written in one block.
bool write_small_key_value(ReverseWriter& w, char field_tag, const Attribute& attribute) {
  const AttributeValue& value = attribute.value;
  std::size_t any = 0;
  switch (value.type()) {
    case ValueType::string:
      if (value.as_string().size() > 125) return false;
      any = 2 + value.as_string().size();
      break;
    case ValueType::boolean: any = 2; break;
    case ValueType::int64: any = 1 + varint_size(static_cast<std::uint64_t>(value.as_int64())); break;
    case ValueType::float64: any = 9; break;
    default: return false;
  }
  const std::size_t key_value = 2 + attribute.key.size() + 2 + any;
  if (key_value > 127) return false;
  Block out = w.claim(2 + key_value);
  out.byte(field_tag);
  out.byte(static_cast<char>(key_value));
  out.byte(kKeyValueKey);
  out.byte(static_cast<char>(attribute.key.size()));
  out.text(attribute.key);
  out.byte(kKeyValueValue);
  out.byte(static_cast<char>(any));
  switch (value.type()) {
    case ValueType::string:
      out.byte(kAnyString);
      out.byte(static_cast<char>(value.as_string().size()));
      out.text(value.as_string());
      break;
    case ValueType::boolean:
      out.byte(kAnyBool);
      out.byte(value.as_bool() ? 1 : 0);
      break;
    case ValueType::int64:
      out.byte(kAnyInt);
      out.varint(static_cast<std::uint64_t>(value.as_int64()));
      break;
    default:
      out.byte(kAnyDouble);
      out.fixed64(std::bit_cast<std::uint64_t>(value.as_double()));
      break;
  }
  return true;
}

void write_attributes(ReverseWriter& w, char field_tag, std::span<const Attribute> attributes) {
  for (std::size_t i = attributes.size(); i-- > 0;) {
    if (write_small_key_value(w, field_tag, attributes[i])) continue;
    const std::size_t key_value = w.written();
    write_any(w, attributes[i].value);
    w.close(kKeyValueValue, key_value);
    w.string_field(kKeyValueKey, attributes[i].key);
    w.close(field_tag, key_value);
  }
}

void write_event(ReverseWriter& w, const SpanData& span, const EventData& event) {
  const std::size_t mark = w.written();
  if (event.dropped_attributes_count > 0) w.varint_field(kEventDroppedAttributes, event.dropped_attributes_count);
  write_attributes(w, kEventAttributes, span.attributes_of(event));
  w.string_field(kEventName, event.name);
  w.fixed64_field(kEventTime, event.time_unix_ns);
  w.close(kSpanEvents, mark);
}

void write_link(ReverseWriter& w, const SpanData& span, const LinkData& link) {
  const std::size_t mark = w.written();
  w.fixed32_field({&kLinkFlags, 1}, link.flags | kContextHasIsRemote | (link.remote ? kContextIsRemote : 0u));
  if (link.dropped_attributes_count > 0) w.varint_field(kLinkDroppedAttributes, link.dropped_attributes_count);
  write_attributes(w, kLinkAttributes, span.attributes_of(link));
  if (!link.trace_state.empty()) w.string_field(kLinkTraceState, link.trace_state);
  w.id_field(kLinkSpanId, link.span_id);
  w.id_field(kLinkTraceId, link.trace_id);
  w.close(kSpanLinks, mark);
}

// Fields 1 to 8 (ids, trace state, name, kind, times) in one or two blocks.
void write_span_head(ReverseWriter& w, const SpanData& span) {
  const bool parent = span.parent_span_id().valid();
  const std::string_view name = span.name();
  const auto kind = static_cast<std::uint64_t>(span.kind());
  Block out = w.claim((parent ? 10 : 0) + 1 + varint_size(name.size()) + name.size() + 1 + varint_size(kind) + 18);
  if (parent) {
    out.byte(kSpanParentSpanId);
    out.byte(8);
    out.big_endian64(span.parent_span_id().value);
  }
  out.byte(kSpanName);
  out.varint(name.size());
  out.text(name);
  out.byte(kSpanKind);
  out.varint(kind);
  out.byte(kSpanStart);
  out.fixed64(span.start_unix_ns());
  out.byte(kSpanEnd);
  out.fixed64(span.end_unix_ns());
  if (!span.trace_state().empty()) w.string_field(kSpanTraceState, span.trace_state());
  out = w.claim(28);
  out.byte(kSpanTraceId);
  out.byte(16);
  out.big_endian64(span.trace_id().high);
  out.big_endian64(span.trace_id().low);
  out.byte(kSpanSpanId);
  out.byte(8);
  out.big_endian64(span.span_id().value);
}

// Span fields in reverse field order: flags (16) first, trace id (1) last.
void write_span(ReverseWriter& w, const SpanData& span) {
  const std::size_t mark = w.written();
  // W3C flags plus the OTLP 1.1 remote-parent bits.
  w.fixed32_field({kSpanFlags, sizeof(kSpanFlags)},
                  span.flags() | kContextHasIsRemote | (span.parent_is_remote() ? kContextIsRemote : 0u));
  if (span.status_code() != StatusCode::unset) {
    const std::size_t status = w.written();
    w.varint_field(kStatusCode, static_cast<std::uint64_t>(span.status_code()));
    if (!span.status_message().empty()) w.string_field(kStatusMessage, span.status_message());
    w.close(kSpanStatus, status);
  }
  if (span.dropped_links_count() > 0) w.varint_field(kSpanDroppedLinks, span.dropped_links_count());
  const auto links = span.links();
  for (std::size_t i = links.size(); i-- > 0;) write_link(w, span, links[i]);
  if (span.dropped_events_count() > 0) w.varint_field(kSpanDroppedEvents, span.dropped_events_count());
  const auto events = span.events();
  for (std::size_t i = events.size(); i-- > 0;) write_event(w, span, events[i]);
  if (span.dropped_attributes_count() > 0) w.varint_field(kSpanDroppedAttributes, span.dropped_attributes_count());
  write_attributes(w, kSpanAttributes, span.attributes());
  write_span_head(w, span);
  w.close(kScopeSpansSpans, mark);
}

void write_scope(ReverseWriter& w, const InstrumentationScope& scope) {
  const std::size_t mark = w.written();
  if (!scope.version.empty()) w.string_field(kScopeVersion, scope.version);
  w.string_field(kScopeName, scope.name);
  w.close(kScopeSpansScope, mark);
}

// The records of a batch are scattered over the heap and the encoder is
// bound by fetching them: start loading a record four spans ahead, and its
// attribute array and their text two spans ahead of the one being written.
void prefetch_ahead(std::span<const SpanData* const> batch, std::size_t i) {
  if (i >= 4) {
    const char* record = reinterpret_cast<const char*>(batch[i - 4]);
    for (int line = 0; line < 4; ++line) __builtin_prefetch(record + 64 * line);
  }
  if (i >= 2) {
    const auto attributes = batch[i - 2]->attributes();
    if (!attributes.empty()) {
      const char* array = reinterpret_cast<const char*>(attributes.data());
      for (std::size_t line = 0; line < attributes.size_bytes(); line += 64) __builtin_prefetch(array + line);
      __builtin_prefetch(attributes.front().key.data());
    }
  }
}

// Kept per thread between batches: the exporter thread reuses one buffer.
struct Scratch {
  std::unique_ptr<char[]> storage;
  std::size_t capacity = 0;
  std::vector<const InstrumentationScope*> scopes;
  std::vector<std::uint32_t> scope_of;
};

}  // namespace

void OtlpProtoEncoder::encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const {
  thread_local Scratch scratch;
  // One ScopeSpans per instrumentation scope, in first-seen order.
  auto& scopes = scratch.scopes;
  auto& scope_of = scratch.scope_of;
  scopes.clear();
  scope_of.resize(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const InstrumentationScope* scope = &batch[i]->scope();
    std::uint32_t index = 0;
    while (index < scopes.size() && scopes[index] != scope) ++index;
    if (index == scopes.size()) scopes.push_back(scope);
    scope_of[i] = index;
  }

  ReverseWriter w(scratch.storage, scratch.capacity);
  const std::size_t resource_spans = w.written();
  for (std::size_t s = scopes.size(); s-- > 0;) {
    const std::size_t scope_spans = w.written();
    for (std::size_t i = batch.size(); i-- > 0;) {
      prefetch_ahead(batch, i);
      if (scope_of[i] == s) write_span(w, *batch[i]);
    }
    write_scope(w, *scopes[s]);
    w.close(kResourceSpansScopeSpans, scope_spans);
  }
  const std::size_t resource_message = w.written();
  write_attributes(w, kResourceAttributes, resource.attributes());
  w.close(kResourceSpansResource, resource_message);
  w.close(kRequestResourceSpans, resource_spans);
  out.append(w.view());
}

}  // namespace parley::tracing::detail
