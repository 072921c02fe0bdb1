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

// Everything is written through a JsonCursor: each span is sized first
// (an upper bound from its strings and counts), then written with plain
// stores. The per-append capacity checks of std::string were most of the
// encoder's cost.

std::size_t value_bound(const AttributeValue& value) {
  constexpr std::size_t kScalar = 64;  // {"doubleValue":<32>} and the like
  constexpr std::size_t kArray = 48;   // {"arrayValue":{"values":[...]}}
  switch (value.type()) {
    case ValueType::string: return 24 + json_string_bound(value.as_string());
    case ValueType::boolean:
    case ValueType::int64:
    case ValueType::float64: return kScalar;
    case ValueType::string_array: {
      std::size_t bound = kArray;
      for (const auto text : value.as_string_array()) bound += 25 + json_string_bound(text);
      return bound;
    }
    case ValueType::bool_array: return kArray + (kScalar + 1) * value.as_bool_array().size();
    case ValueType::int64_array: return kArray + (kScalar + 1) * value.as_int64_array().size();
    case ValueType::double_array: return kArray + (kScalar + 1) * value.as_double_array().size();
  }
  return kScalar;
}

std::size_t attributes_bound(std::span<const Attribute> attributes) {
  std::size_t bound = 64;  // ,"attributes":[] and ,"droppedAttributesCount":<10>
  for (const auto& attribute : attributes) bound += 24 + json_string_bound(attribute.key) + value_bound(attribute.value);
  return bound;
}

std::size_t span_bound(const SpanData& span) {
  // ids, flags, kind, times, punctuation, status code and dropped counts
  std::size_t bound = 512 + json_string_bound(span.name()) + json_string_bound(span.trace_state()) +
                      json_string_bound(span.status_message()) + attributes_bound(span.attributes());
  for (const auto& event : span.events()) {
    bound += 96 + json_string_bound(event.name) + attributes_bound(span.attributes_of(event));
  }
  for (const auto& link : span.links()) {
    bound += 160 + json_string_bound(link.trace_state) + attributes_bound(span.attributes_of(link));
  }
  return bound;
}

void write_value(JsonCursor& out, const AttributeValue& value);

template <typename T, typename Write>
void write_array(JsonCursor& out, std::span<const T> values, Write write_one) {
  out.lit("{\"arrayValue\":{\"values\":[");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.ch(',');
    write_one(out, values[i]);
  }
  out.lit("]}}");
}

void write_string_value(JsonCursor& out, std::string_view v) {
  out.lit("{\"stringValue\":");
  out.str(v);
  out.ch('}');
}

void write_bool_value(JsonCursor& out, bool v) {
  if (v) {
    out.lit("{\"boolValue\":true}");
  } else {
    out.lit("{\"boolValue\":false}");
  }
}

void write_int_value(JsonCursor& out, std::int64_t v) {
  out.lit("{\"intValue\":\"");
  out.dec(v);
  out.lit("\"}");
}

void write_double_value(JsonCursor& out, double v) {
  out.lit("{\"doubleValue\":");
  out.dbl(v);
  out.ch('}');
}

void write_value(JsonCursor& out, const AttributeValue& value) {
  switch (value.type()) {
    case ValueType::string: write_string_value(out, value.as_string()); break;
    case ValueType::boolean: write_bool_value(out, value.as_bool()); break;
    case ValueType::int64: write_int_value(out, value.as_int64()); break;
    case ValueType::float64: write_double_value(out, value.as_double()); break;
    case ValueType::string_array: write_array(out, value.as_string_array(), write_string_value); break;
    case ValueType::bool_array: write_array(out, value.as_bool_array(), write_bool_value); break;
    case ValueType::int64_array: write_array(out, value.as_int64_array(), write_int_value); break;
    case ValueType::double_array: write_array(out, value.as_double_array(), write_double_value); break;
  }
}

// "attributes":[...] (the caller writes the separator before it).
void write_attributes(JsonCursor& out, std::span<const Attribute> attributes) {
  out.lit("\"attributes\":[");
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    if (i > 0) out.ch(',');
    out.lit("{\"key\":");
    out.str(attributes[i].key);
    out.lit(",\"value\":");
    write_value(out, attributes[i].value);
    out.ch('}');
  }
  out.ch(']');
}

void write_trace_id(JsonCursor& out, const TraceId& id) {
  out.ch('"');
  out.hex(id.high);
  out.hex(id.low);
  out.ch('"');
}

void write_span_id(JsonCursor& out, const SpanId& id) {
  out.ch('"');
  out.hex(id.value);
  out.ch('"');
}

void write_dropped(JsonCursor& out, std::uint32_t count) {
  if (count == 0) return;
  out.lit(",\"droppedAttributesCount\":");
  out.dec(static_cast<std::uint64_t>(count));
}

void write_span(JsonCursor& out, const SpanData& span) {
  out.lit("{\"traceId\":");
  write_trace_id(out, span.trace_id());
  out.lit(",\"spanId\":");
  write_span_id(out, span.span_id());
  if (!span.trace_state().empty()) {
    out.lit(",\"traceState\":");
    out.str(span.trace_state());
  }
  if (span.parent_span_id().valid()) {
    out.lit(",\"parentSpanId\":");
    write_span_id(out, span.parent_span_id());
  }
  // flags: W3C trace flags, plus "whether the parent is remote is known" and
  // "is remote" (OTLP 1.1 SpanFlags).
  std::uint64_t flags = span.flags() | 0x100u;
  if (span.parent_is_remote()) flags |= 0x200u;
  out.lit(",\"flags\":");
  out.dec(flags);
  out.lit(",\"name\":");
  out.str(span.name());
  out.lit(",\"kind\":");
  out.dec(static_cast<std::uint64_t>(span.kind()));
  out.lit(",\"startTimeUnixNano\":\"");
  out.dec(span.start_unix_ns());
  out.lit("\",\"endTimeUnixNano\":\"");
  out.dec(span.end_unix_ns());
  out.ch('"');
  if (!span.attributes().empty()) {
    out.ch(',');
    write_attributes(out, span.attributes());
  }
  write_dropped(out, span.dropped_attributes_count());
  if (!span.events().empty()) {
    out.lit(",\"events\":[");
    bool first = true;
    for (const auto& event : span.events()) {
      if (!first) out.ch(',');
      first = false;
      out.lit("{\"timeUnixNano\":\"");
      out.dec(event.time_unix_ns);
      out.lit("\",\"name\":");
      out.str(event.name);
      const auto attributes = span.attributes_of(event);
      if (!attributes.empty()) {
        out.ch(',');
        write_attributes(out, attributes);
      }
      write_dropped(out, event.dropped_attributes_count);
      out.ch('}');
    }
    out.ch(']');
  }
  if (span.dropped_events_count() > 0) {
    out.lit(",\"droppedEventsCount\":");
    out.dec(static_cast<std::uint64_t>(span.dropped_events_count()));
  }
  if (!span.links().empty()) {
    out.lit(",\"links\":[{");
    bool first = true;
    for (const auto& link : span.links()) {
      if (!first) out.lit("},{");
      first = false;
      out.lit("\"traceId\":");
      write_trace_id(out, link.trace_id);
      out.lit(",\"spanId\":");
      write_span_id(out, link.span_id);
      if (!link.trace_state.empty()) {
        out.lit(",\"traceState\":");
        out.str(link.trace_state);
      }
      const auto attributes = span.attributes_of(link);
      if (!attributes.empty()) {
        out.ch(',');
        write_attributes(out, attributes);
      }
      write_dropped(out, link.dropped_attributes_count);
      out.lit(",\"flags\":");
      out.dec(static_cast<std::uint64_t>(link.flags | 0x100u | (link.remote ? 0x200u : 0u)));
    }
    out.lit("}]");
  }
  if (span.dropped_links_count() > 0) {
    out.lit(",\"droppedLinksCount\":");
    out.dec(static_cast<std::uint64_t>(span.dropped_links_count()));
  }
  if (span.status_code() != StatusCode::unset) {
    out.lit(",\"status\":{");
    if (!span.status_message().empty()) {
      out.lit("\"message\":");
      out.str(span.status_message());
      out.ch(',');
    }
    out.lit("\"code\":");
    out.dec(static_cast<std::uint64_t>(span.status_code()));
    out.ch('}');
  }
  out.ch('}');
}

void append_span(std::string& out, const SpanData& span) {
  JsonCursor cursor(out);
  cursor.open(span_bound(span));
  write_span(cursor, span);
  cursor.close();
}

void append_attributes(std::string& out, std::span<const Attribute> attributes) {
  JsonCursor cursor(out);
  cursor.open(attributes_bound(attributes));
  write_attributes(cursor, attributes);
  cursor.close();
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
