// OTLP/JSON: the proto3 JSON mapping with the OTLP rules — ids as lowercase
// hex, enums as integers, lowerCamelCase keys, 64-bit integers as decimal
// strings, fields at their default left out.
#include "export/otlp/otlp_json_encoder.h"

#include <map>
#include <vector>

#include "core/json_text.h"
#include "parley/tracing/span.h"

namespace parley::tracing::detail {
namespace {

void append_value(std::string& out, const AttributeValue& value);

template <typename T, typename Append>
void append_array(std::string& out, std::span<const T> values, Append append_one) {
  out += "{\"arrayValue\":{\"values\":[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    append_one(out, values[i]);
  }
  out += "]}}";
}

void append_string_value(std::string& out, std::string_view v) {
  out += "{\"stringValue\":";
  append_json_string(out, v);
  out += '}';
}
void append_bool_value(std::string& out, bool v) { out += v ? "{\"boolValue\":true}" : "{\"boolValue\":false}"; }
void append_int_value(std::string& out, std::int64_t v) {
  out += "{\"intValue\":\"";
  append_decimal(out, v);
  out += "\"}";
}
void append_double_value(std::string& out, double v) {
  out += "{\"doubleValue\":";
  append_json_double(out, v);
  out += '}';
}

void append_value(std::string& out, const AttributeValue& value) {
  switch (value.type()) {
    case ValueType::string: append_string_value(out, value.as_string()); break;
    case ValueType::boolean: append_bool_value(out, value.as_bool()); break;
    case ValueType::int64: append_int_value(out, value.as_int64()); break;
    case ValueType::float64: append_double_value(out, value.as_double()); break;
    case ValueType::string_array: append_array(out, value.as_string_array(), append_string_value); break;
    case ValueType::bool_array: append_array(out, value.as_bool_array(), append_bool_value); break;
    case ValueType::int64_array: append_array(out, value.as_int64_array(), append_int_value); break;
    case ValueType::double_array: append_array(out, value.as_double_array(), append_double_value); break;
  }
}

void append_attributes(std::string& out, std::span<const Attribute> attributes) {
  out += "\"attributes\":[";
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"key\":";
    append_json_string(out, attributes[i].key);
    out += ",\"value\":";
    append_value(out, attributes[i].value);
    out += '}';
  }
  out += ']';
}

void append_id(std::string& out, std::string_view key, const TraceId& id) {
  out += key;
  out += "\":\"";
  append_hex(out, id.high);
  append_hex(out, id.low);
  out += '"';
}

void append_id(std::string& out, std::string_view key, const SpanId& id) {
  out += key;
  out += "\":\"";
  append_hex(out, id.value);
  out += '"';
}

void append_nanos(std::string& out, std::string_view key, std::uint64_t ns) {
  out += ",\"";
  out += key;
  out += "\":\"";
  append_decimal(out, ns);
  out += '"';
}

void append_dropped(std::string& out, std::uint32_t count) {
  if (count == 0) return;
  out += ",\"droppedAttributesCount\":";
  append_decimal(out, static_cast<std::uint64_t>(count));
}

void append_span(std::string& out, const SpanData& span) {
  out += '{';
  append_id(out, "\"traceId", span.trace_id());
  append_id(out, ",\"spanId", span.span_id());
  if (!span.trace_state().empty()) {
    out += ",\"traceState\":";
    append_json_string(out, span.trace_state());
  }
  if (span.parent_span_id().valid()) append_id(out, ",\"parentSpanId", span.parent_span_id());
  // flags: W3C trace flags, plus "whether the parent is remote is known" and
  // "is remote" (OTLP 1.1 SpanFlags).
  std::uint64_t flags = span.flags() | 0x100u;
  if (span.parent_is_remote()) flags |= 0x200u;
  out += ",\"flags\":";
  append_decimal(out, flags);
  out += ",\"name\":";
  append_json_string(out, span.name());
  out += ",\"kind\":";
  append_decimal(out, static_cast<std::uint64_t>(span.kind()));
  append_nanos(out, "startTimeUnixNano", span.start_unix_ns());
  append_nanos(out, "endTimeUnixNano", span.end_unix_ns());
  if (!span.attributes().empty()) {
    out += ',';
    append_attributes(out, span.attributes());
  }
  append_dropped(out, span.dropped_attributes_count());
  if (!span.events().empty()) {
    out += ",\"events\":[";
    bool first = true;
    for (const auto& event : span.events()) {
      if (!first) out += ',';
      first = false;
      out += "{\"timeUnixNano\":\"";
      append_decimal(out, event.time_unix_ns);
      out += "\",\"name\":";
      append_json_string(out, event.name);
      const auto attributes = span.attributes_of(event);
      if (!attributes.empty()) {
        out += ',';
        append_attributes(out, attributes);
      }
      append_dropped(out, event.dropped_attributes_count);
      out += '}';
    }
    out += ']';
  }
  if (span.dropped_events_count() > 0) {
    out += ",\"droppedEventsCount\":";
    append_decimal(out, static_cast<std::uint64_t>(span.dropped_events_count()));
  }
  if (!span.links().empty()) {
    out += ",\"links\":[{";
    bool first = true;
    for (const auto& link : span.links()) {
      if (!first) out += "},{";
      first = false;
      append_id(out, "\"traceId", link.trace_id);
      append_id(out, ",\"spanId", link.span_id);
      if (!link.trace_state.empty()) {
        out += ",\"traceState\":";
        append_json_string(out, link.trace_state);
      }
      const auto attributes = span.attributes_of(link);
      if (!attributes.empty()) {
        out += ',';
        append_attributes(out, attributes);
      }
      append_dropped(out, link.dropped_attributes_count);
      out += ",\"flags\":";
      append_decimal(out, static_cast<std::uint64_t>(link.flags | 0x100u | (link.remote ? 0x200u : 0u)));
    }
    out += "}]";
  }
  if (span.dropped_links_count() > 0) {
    out += ",\"droppedLinksCount\":";
    append_decimal(out, static_cast<std::uint64_t>(span.dropped_links_count()));
  }
  if (span.status_code() != StatusCode::unset) {
    out += ",\"status\":{";
    if (!span.status_message().empty()) {
      out += "\"message\":";
      append_json_string(out, span.status_message());
      out += ',';
    }
    out += "\"code\":";
    append_decimal(out, static_cast<std::uint64_t>(span.status_code()));
    out += '}';
  }
  out += '}';
}

}  // namespace

void OtlpJsonEncoder::encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const {
  // One ScopeSpans per instrumentation scope, in first-seen order.
  std::vector<const InstrumentationScope*> scopes;
  for (const SpanData* span : batch) {
    const InstrumentationScope* scope = &span->scope();
    bool seen = false;
    for (const auto* known : scopes) seen = seen || known == scope;
    if (!seen) scopes.push_back(scope);
  }
  out += "{\"resourceSpans\":[{\"resource\":{";
  append_attributes(out, resource.attributes());
  out += "},\"scopeSpans\":[";
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    if (s > 0) out += ',';
    out += "{\"scope\":{\"name\":";
    append_json_string(out, scopes[s]->name);
    if (!scopes[s]->version.empty()) {
      out += ",\"version\":";
      append_json_string(out, scopes[s]->version);
    }
    out += "},\"spans\":[";
    bool first = true;
    for (const SpanData* span : batch) {
      if (&span->scope() != scopes[s]) continue;
      if (!first) out += ',';
      first = false;
      append_span(out, *span);
    }
    out += "]}";
  }
  out += "]}]}";
}

}  // namespace parley::tracing::detail
