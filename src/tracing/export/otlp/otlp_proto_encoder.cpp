#include "export/otlp/otlp_proto_encoder.h"

// protozero 1.7.1 does not clear a parent writer's open-sub-message marker
// when a sub-message of known size closes, so its debug assertion fires on
// the next sibling although the bytes are right (byte-exact against protoc,
// decoded by protobufjs in the interop suite). Known sizes are the point of
// this encoder, so its assertions are off in this file only (this file is
// the only user of the fixed-buffer writer instantiation).
#define protozero_assert(x) static_cast<void>(0)
#include <protozero/basic_pbf_writer.hpp>
#include <protozero/buffer_fixed.hpp>
#include <vector>

#include "parley/tracing/span.h"

namespace parley::tracing::detail {
namespace {

// The exact size of the request is known before writing (every message is
// sized first), so protozero writes into the output buffer resized once.
using Writer = protozero::basic_pbf_writer<protozero::fixed_size_buffer_adaptor>;

// Field numbers (opentelemetry-proto).
enum : protozero::pbf_tag_type {
  kRequestResourceSpans = 1,
  kResourceSpansResource = 1,
  kResourceSpansScopeSpans = 2,
  kResourceAttributes = 1,
  kScopeSpansScope = 1,
  kScopeSpansSpans = 2,
  kScopeName = 1,
  kScopeVersion = 2,
  kSpanTraceId = 1,
  kSpanSpanId = 2,
  kSpanTraceState = 3,
  kSpanParentSpanId = 4,
  kSpanName = 5,
  kSpanKind = 6,
  kSpanStart = 7,
  kSpanEnd = 8,
  kSpanAttributes = 9,
  kSpanDroppedAttributes = 10,
  kSpanEvents = 11,
  kSpanDroppedEvents = 12,
  kSpanLinks = 13,
  kSpanDroppedLinks = 14,
  kSpanStatus = 15,
  kSpanFlags = 16,
  kEventTime = 1,
  kEventName = 2,
  kEventAttributes = 3,
  kEventDroppedAttributes = 4,
  kLinkTraceId = 1,
  kLinkSpanId = 2,
  kLinkTraceState = 3,
  kLinkAttributes = 4,
  kLinkDroppedAttributes = 5,
  kLinkFlags = 6,
  kStatusMessage = 2,
  kStatusCode = 3,
  kKeyValueKey = 1,
  kKeyValueValue = 2,
  kAnyString = 1,
  kAnyBool = 2,
  kAnyInt = 3,
  kAnyDouble = 4,
  kAnyArray = 5,
  kArrayValues = 1,
};

void add_id(Writer& writer, protozero::pbf_tag_type tag, const TraceId& id) {
  const auto bytes = id.to_bytes();
  writer.add_bytes(tag, reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

void add_id(Writer& writer, protozero::pbf_tag_type tag, const SpanId& id) {
  const auto bytes = id.to_bytes();
  writer.add_bytes(tag, reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

// ---- sizes -----------------------------------------------------------------
// Every sub-message is opened with its exact size, so protozero writes the
// length up front instead of reserving bytes and moving the contents back.

std::size_t varint_size(std::uint64_t value) {
  std::size_t bytes = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++bytes;
  }
  return bytes;
}
std::size_t tag_size(protozero::pbf_tag_type tag) { return varint_size(static_cast<std::uint64_t>(tag) << 3); }
std::size_t len_field(protozero::pbf_tag_type tag, std::size_t length) {
  return tag_size(tag) + varint_size(length) + length;
}
std::size_t int64_field(protozero::pbf_tag_type tag, std::int64_t value) {
  return tag_size(tag) + varint_size(static_cast<std::uint64_t>(value));
}

std::size_t any_size(const AttributeValue& value) {
  switch (value.type()) {
    case ValueType::string: return len_field(kAnyString, value.as_string().size());
    case ValueType::boolean: return tag_size(kAnyBool) + 1;
    case ValueType::int64: return int64_field(kAnyInt, value.as_int64());
    case ValueType::float64: return tag_size(kAnyDouble) + 8;
    case ValueType::string_array: {
      std::size_t array = 0;
      for (const auto item : value.as_string_array()) array += len_field(kArrayValues, len_field(kAnyString, item.size()));
      return len_field(kAnyArray, array);
    }
    case ValueType::bool_array:
      return len_field(kAnyArray, value.as_bool_array().size() * len_field(kArrayValues, tag_size(kAnyBool) + 1));
    case ValueType::int64_array: {
      std::size_t array = 0;
      for (const auto item : value.as_int64_array()) array += len_field(kArrayValues, int64_field(kAnyInt, item));
      return len_field(kAnyArray, array);
    }
    case ValueType::double_array:
      return len_field(kAnyArray, value.as_double_array().size() * len_field(kArrayValues, tag_size(kAnyDouble) + 8));
  }
  return 0;
}

std::size_t key_value_size(const Attribute& attribute) {
  return len_field(kKeyValueKey, attribute.key.size()) + len_field(kKeyValueValue, any_size(attribute.value));
}

std::size_t attributes_size(protozero::pbf_tag_type tag, std::span<const Attribute> attributes) {
  std::size_t total = 0;
  for (const auto& attribute : attributes) total += len_field(tag, key_value_size(attribute));
  return total;
}

// Opens a sub-message of known size (protozero treats 0 as unknown, and an
// empty one is written directly).
template <typename Body>
void sub_message(Writer& parent, protozero::pbf_tag_type tag, std::size_t size, Body body) {
  if (size == 0) {
    parent.add_bytes(tag, "", 0);
    return;
  }
  Writer child(parent, tag, size);
  body(child);
}

// AnyValue arms have explicit presence: written even when zero or empty.
void add_scalar(Writer& any, const AttributeValue& value) {
  switch (value.type()) {
    case ValueType::string: any.add_string(kAnyString, value.as_string().data(), value.as_string().size()); break;
    case ValueType::boolean: any.add_bool(kAnyBool, value.as_bool()); break;
    case ValueType::int64: any.add_int64(kAnyInt, value.as_int64()); break;
    case ValueType::float64: any.add_double(kAnyDouble, value.as_double()); break;
    default: break;
  }
}

template <typename Item>
void add_array(Writer& any, std::span<const Item> items) {
  std::size_t array = 0;
  for (const auto& item : items) array += len_field(kArrayValues, any_size(AttributeValue(item)));
  sub_message(any, kAnyArray, array, [&](Writer& values) {
    for (const auto& item : items) {
      const AttributeValue element(item);
      sub_message(values, kArrayValues, any_size(element), [&](Writer& value) { add_scalar(value, element); });
    }
  });
}

void add_any(Writer& any, const AttributeValue& value) {
  switch (value.type()) {
    case ValueType::string_array: add_array(any, value.as_string_array()); break;
    case ValueType::bool_array: add_array(any, value.as_bool_array()); break;
    case ValueType::int64_array: add_array(any, value.as_int64_array()); break;
    case ValueType::double_array: add_array(any, value.as_double_array()); break;
    default: add_scalar(any, value); break;
  }
}

void add_attributes(Writer& writer, protozero::pbf_tag_type tag, std::span<const Attribute> attributes) {
  for (const auto& attribute : attributes) {
    sub_message(writer, tag, key_value_size(attribute), [&](Writer& key_value) {
      key_value.add_string(kKeyValueKey, attribute.key.data(), attribute.key.size());
      sub_message(key_value, kKeyValueValue, any_size(attribute.value), [&](Writer& any) { add_any(any, attribute.value); });
    });
  }
}

std::size_t event_size(const SpanData& span, const EventData& event) {
  std::size_t size = tag_size(kEventTime) + 8 + len_field(kEventName, event.name.size()) +
                     attributes_size(kEventAttributes, span.attributes_of(event));
  if (event.dropped_attributes_count > 0) size += int64_field(kEventDroppedAttributes, event.dropped_attributes_count);
  return size;
}

std::size_t link_size(const SpanData& span, const LinkData& link) {
  std::size_t size = len_field(kLinkTraceId, 16) + len_field(kLinkSpanId, 8) + attributes_size(kLinkAttributes, span.attributes_of(link)) +
                     tag_size(kLinkFlags) + 4;
  if (!link.trace_state.empty()) size += len_field(kLinkTraceState, link.trace_state.size());
  if (link.dropped_attributes_count > 0) size += int64_field(kLinkDroppedAttributes, link.dropped_attributes_count);
  return size;
}

std::size_t status_size(const SpanData& span) {
  std::size_t size = int64_field(kStatusCode, static_cast<std::int64_t>(span.status_code()));
  if (!span.status_message().empty()) size += len_field(kStatusMessage, span.status_message().size());
  return size;
}

std::size_t span_size(const SpanData& span) {
  std::size_t size = len_field(kSpanTraceId, 16) + len_field(kSpanSpanId, 8) + len_field(kSpanName, span.name().size()) +
                     int64_field(kSpanKind, static_cast<std::int64_t>(span.kind())) + 2 * (tag_size(kSpanStart) + 8) +
                     attributes_size(kSpanAttributes, span.attributes()) + tag_size(kSpanFlags) + 4;
  if (!span.trace_state().empty()) size += len_field(kSpanTraceState, span.trace_state().size());
  if (span.parent_span_id().valid()) size += len_field(kSpanParentSpanId, 8);
  if (span.dropped_attributes_count() > 0) size += int64_field(kSpanDroppedAttributes, span.dropped_attributes_count());
  for (const auto& event : span.events()) size += len_field(kSpanEvents, event_size(span, event));
  if (span.dropped_events_count() > 0) size += int64_field(kSpanDroppedEvents, span.dropped_events_count());
  for (const auto& link : span.links()) size += len_field(kSpanLinks, link_size(span, link));
  if (span.dropped_links_count() > 0) size += int64_field(kSpanDroppedLinks, span.dropped_links_count());
  if (span.status_code() != StatusCode::unset) size += len_field(kSpanStatus, status_size(span));
  return size;
}

void add_span(Writer& out, const SpanData& span) {
  add_id(out, kSpanTraceId, span.trace_id());
  add_id(out, kSpanSpanId, span.span_id());
  if (!span.trace_state().empty()) out.add_string(kSpanTraceState, span.trace_state().data(), span.trace_state().size());
  if (span.parent_span_id().valid()) add_id(out, kSpanParentSpanId, span.parent_span_id());
  out.add_string(kSpanName, span.name().data(), span.name().size());
  out.add_enum(kSpanKind, static_cast<std::int32_t>(span.kind()));
  out.add_fixed64(kSpanStart, span.start_unix_ns());
  out.add_fixed64(kSpanEnd, span.end_unix_ns());
  add_attributes(out, kSpanAttributes, span.attributes());
  if (span.dropped_attributes_count() > 0) out.add_uint32(kSpanDroppedAttributes, span.dropped_attributes_count());
  for (const auto& event : span.events()) {
    sub_message(out, kSpanEvents, event_size(span, event), [&](Writer& e) {
      e.add_fixed64(kEventTime, event.time_unix_ns);
      e.add_string(kEventName, event.name.data(), event.name.size());
      add_attributes(e, kEventAttributes, span.attributes_of(event));
      if (event.dropped_attributes_count > 0) e.add_uint32(kEventDroppedAttributes, event.dropped_attributes_count);
    });
  }
  if (span.dropped_events_count() > 0) out.add_uint32(kSpanDroppedEvents, span.dropped_events_count());
  for (const auto& link : span.links()) {
    sub_message(out, kSpanLinks, link_size(span, link), [&](Writer& l) {
      add_id(l, kLinkTraceId, link.trace_id);
      add_id(l, kLinkSpanId, link.span_id);
      if (!link.trace_state.empty()) l.add_string(kLinkTraceState, link.trace_state.data(), link.trace_state.size());
      add_attributes(l, kLinkAttributes, span.attributes_of(link));
      if (link.dropped_attributes_count > 0) l.add_uint32(kLinkDroppedAttributes, link.dropped_attributes_count);
      l.add_fixed32(kLinkFlags, link.flags | 0x100u | (link.remote ? 0x200u : 0u));
    });
  }
  if (span.dropped_links_count() > 0) out.add_uint32(kSpanDroppedLinks, span.dropped_links_count());
  if (span.status_code() != StatusCode::unset) {
    sub_message(out, kSpanStatus, status_size(span), [&](Writer& status) {
      if (!span.status_message().empty()) {
        status.add_string(kStatusMessage, span.status_message().data(), span.status_message().size());
      }
      status.add_enum(kStatusCode, static_cast<std::int32_t>(span.status_code()));
    });
  }
  // W3C flags, plus "parent remoteness known" and "parent is remote" (OTLP 1.1).
  out.add_fixed32(kSpanFlags, span.flags() | 0x100u | (span.parent_is_remote() ? 0x200u : 0u));
}

std::size_t scope_size(const InstrumentationScope& scope) {
  std::size_t size = len_field(kScopeName, scope.name.size());
  if (!scope.version.empty()) size += len_field(kScopeVersion, scope.version.size());
  return size;
}

}  // namespace

void OtlpProtoEncoder::encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const {
  // Sizes first (spans grouped by instrumentation scope, in first-seen order).
  std::vector<const InstrumentationScope*> scopes;
  std::vector<std::size_t> scope_of(batch.size());
  std::vector<std::size_t> span_sizes(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const InstrumentationScope* scope = &batch[i]->scope();
    std::size_t index = 0;
    while (index < scopes.size() && scopes[index] != scope) ++index;
    if (index == scopes.size()) scopes.push_back(scope);
    scope_of[i] = index;
    span_sizes[i] = span_size(*batch[i]);
  }
  std::vector<std::size_t> scope_spans_sizes(scopes.size());
  for (std::size_t s = 0; s < scopes.size(); ++s) scope_spans_sizes[s] = len_field(kScopeSpansScope, scope_size(*scopes[s]));
  for (std::size_t i = 0; i < batch.size(); ++i) scope_spans_sizes[scope_of[i]] += len_field(kScopeSpansSpans, span_sizes[i]);
  const std::size_t resource_size = attributes_size(kResourceAttributes, resource.attributes());
  std::size_t resource_spans_size = len_field(kResourceSpansResource, resource_size);
  for (const auto size : scope_spans_sizes) resource_spans_size += len_field(kResourceSpansScopeSpans, size);

  const std::size_t total = len_field(kRequestResourceSpans, resource_spans_size);
  const std::size_t offset = out.size();
  out.resize(offset + total);
  protozero::fixed_size_buffer_adaptor buffer(out.data() + offset, total);
  Writer request(buffer);
  sub_message(request, kRequestResourceSpans, resource_spans_size, [&](Writer& resource_spans) {
    sub_message(resource_spans, kResourceSpansResource, resource_size,
                [&](Writer& resource_message) { add_attributes(resource_message, kResourceAttributes, resource.attributes()); });
    for (std::size_t s = 0; s < scopes.size(); ++s) {
      sub_message(resource_spans, kResourceSpansScopeSpans, scope_spans_sizes[s], [&](Writer& scope_spans) {
        sub_message(scope_spans, kScopeSpansScope, scope_size(*scopes[s]), [&](Writer& scope_message) {
          scope_message.add_string(kScopeName, scopes[s]->name.data(), scopes[s]->name.size());
          if (!scopes[s]->version.empty()) {
            scope_message.add_string(kScopeVersion, scopes[s]->version.data(), scopes[s]->version.size());
          }
        });
        for (std::size_t i = 0; i < batch.size(); ++i) {
          if (scope_of[i] == s) sub_message(scope_spans, kScopeSpansSpans, span_sizes[i], [&](Writer& span) { add_span(span, *batch[i]); });
        }
      });
    }
  });
}

}  // namespace parley::tracing::detail
