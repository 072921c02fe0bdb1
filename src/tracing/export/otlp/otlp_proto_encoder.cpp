#include "export/otlp/otlp_proto_encoder.h"

#include <protozero/pbf_writer.hpp>
#include <vector>

#include "parley/tracing/span.h"

namespace parley::tracing::detail {
namespace {

using Writer = protozero::pbf_writer;

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

// AnyValue arms have explicit presence: written even when zero or empty.
void add_any(Writer& any, const AttributeValue& value) {
  switch (value.type()) {
    case ValueType::string: any.add_string(kAnyString, value.as_string().data(), value.as_string().size()); break;
    case ValueType::boolean: any.add_bool(kAnyBool, value.as_bool()); break;
    case ValueType::int64: any.add_int64(kAnyInt, value.as_int64()); break;
    case ValueType::float64: any.add_double(kAnyDouble, value.as_double()); break;
    case ValueType::string_array: {
      Writer array(any, kAnyArray);
      for (const auto item : value.as_string_array()) {
        Writer element(array, kArrayValues);
        element.add_string(kAnyString, item.data(), item.size());
      }
      break;
    }
    case ValueType::bool_array: {
      Writer array(any, kAnyArray);
      for (const bool item : value.as_bool_array()) {
        Writer element(array, kArrayValues);
        element.add_bool(kAnyBool, item);
      }
      break;
    }
    case ValueType::int64_array: {
      Writer array(any, kAnyArray);
      for (const auto item : value.as_int64_array()) {
        Writer element(array, kArrayValues);
        element.add_int64(kAnyInt, item);
      }
      break;
    }
    case ValueType::double_array: {
      Writer array(any, kAnyArray);
      for (const auto item : value.as_double_array()) {
        Writer element(array, kArrayValues);
        element.add_double(kAnyDouble, item);
      }
      break;
    }
  }
}

void add_attributes(Writer& writer, protozero::pbf_tag_type tag, std::span<const Attribute> attributes) {
  for (const auto& attribute : attributes) {
    Writer key_value(writer, tag);
    key_value.add_string(kKeyValueKey, attribute.key.data(), attribute.key.size());
    Writer any(key_value, kKeyValueValue);
    add_any(any, attribute.value);
  }
}

void add_span(Writer& spans, const SpanData& span) {
  Writer out(spans, kScopeSpansSpans);
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
    Writer e(out, kSpanEvents);
    e.add_fixed64(kEventTime, event.time_unix_ns);
    e.add_string(kEventName, event.name.data(), event.name.size());
    add_attributes(e, kEventAttributes, span.attributes_of(event));
    if (event.dropped_attributes_count > 0) e.add_uint32(kEventDroppedAttributes, event.dropped_attributes_count);
  }
  if (span.dropped_events_count() > 0) out.add_uint32(kSpanDroppedEvents, span.dropped_events_count());
  for (const auto& link : span.links()) {
    Writer l(out, kSpanLinks);
    add_id(l, kLinkTraceId, link.trace_id);
    add_id(l, kLinkSpanId, link.span_id);
    if (!link.trace_state.empty()) l.add_string(kLinkTraceState, link.trace_state.data(), link.trace_state.size());
    add_attributes(l, kLinkAttributes, span.attributes_of(link));
    if (link.dropped_attributes_count > 0) l.add_uint32(kLinkDroppedAttributes, link.dropped_attributes_count);
    l.add_fixed32(kLinkFlags, link.flags | 0x100u | (link.remote ? 0x200u : 0u));
  }
  if (span.dropped_links_count() > 0) out.add_uint32(kSpanDroppedLinks, span.dropped_links_count());
  if (span.status_code() != StatusCode::unset) {
    Writer status(out, kSpanStatus);
    if (!span.status_message().empty()) {
      status.add_string(kStatusMessage, span.status_message().data(), span.status_message().size());
    }
    status.add_enum(kStatusCode, static_cast<std::int32_t>(span.status_code()));
  }
  // W3C flags, plus "parent remoteness known" and "parent is remote" (OTLP 1.1).
  out.add_fixed32(kSpanFlags, span.flags() | 0x100u | (span.parent_is_remote() ? 0x200u : 0u));
}

}  // namespace

void OtlpProtoEncoder::encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const {
  std::vector<const InstrumentationScope*> scopes;
  for (const SpanData* span : batch) {
    const InstrumentationScope* scope = &span->scope();
    bool seen = false;
    for (const auto* known : scopes) seen = seen || known == scope;
    if (!seen) scopes.push_back(scope);
  }
  Writer request(out);
  Writer resource_spans(request, kRequestResourceSpans);
  {
    Writer resource_message(resource_spans, kResourceSpansResource);
    add_attributes(resource_message, kResourceAttributes, resource.attributes());
  }
  for (const auto* scope : scopes) {
    Writer scope_spans(resource_spans, kResourceSpansScopeSpans);
    {
      Writer scope_message(scope_spans, kScopeSpansScope);
      scope_message.add_string(kScopeName, scope->name.data(), scope->name.size());
      if (!scope->version.empty()) scope_message.add_string(kScopeVersion, scope->version.data(), scope->version.size());
    }
    for (const SpanData* span : batch) {
      if (&span->scope() == scope) add_span(scope_spans, *span);
    }
  }
}

}  // namespace parley::tracing::detail
