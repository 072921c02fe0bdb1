#include "export/jaeger/jaeger_thrift_encoder.h"

#include "export/jaeger/thrift_protocol.h"
#include "parley/tracing/span.h"

namespace parley::tracing::detail {
namespace {

// jaeger.thrift TagType and SpanRefType.
enum : std::int32_t { kTagString = 0, kTagDouble = 1, kTagBool = 2, kTagLong = 3 };
enum : std::int32_t { kFollowsFrom = 1 };
using T = ThriftType;

template <typename W>
void string_tag(W& w, std::string_view key, std::string_view value) {
  w.struct_begin();
  w.field(T::string, 1);
  w.string(key);
  w.field(T::i32, 2);
  w.i32(kTagString);
  w.field(T::string, 3);
  w.string(value);
  w.struct_end();
}

template <typename W>
void bool_tag(W& w, std::string_view key, bool value) {
  w.struct_begin();
  w.field(T::string, 1);
  w.string(key);
  w.field(T::i32, 2);
  w.i32(kTagBool);
  w.field_bool(5, value);
  w.struct_end();
}

template <typename W>
void attribute_tag(W& w, const Attribute& attribute) {
  const AttributeValue& value = attribute.value;
  switch (value.type()) {
    case ValueType::string: return string_tag(w, attribute.key, value.as_string());
    case ValueType::boolean: return bool_tag(w, attribute.key, value.as_bool());
    case ValueType::int64:
    case ValueType::float64:
      w.struct_begin();
      w.field(T::string, 1);
      w.string(attribute.key);
      w.field(T::i32, 2);
      if (value.type() == ValueType::int64) {
        w.i32(kTagLong);
        w.field(T::i64, 6);
        w.i64(value.as_int64());
      } else {
        w.i32(kTagDouble);
        w.field(T::dbl, 4);
        w.dbl(value.as_double());
      }
      w.struct_end();
      return;
    default: return string_tag(w, attribute.key, to_string(value));  // arrays: a JSON-list string
  }
}

// Jaeger's span.kind tag; none for INTERNAL.
std::string_view kind_tag(SpanKind kind) { return kind == SpanKind::internal ? std::string_view() : to_string(kind); }

template <typename W>
void write_tags(W& w, const SpanData& span) {
  // span.kind, the attributes, then the status mapping (error replaces any
  // attribute of that name).
  const std::string_view kind = kind_tag(span.kind());
  const bool has_status = span.status_code() != StatusCode::unset;
  const bool error = span.status_code() == StatusCode::error;
  std::size_t tags = (kind.empty() ? 0 : 1) + (has_status ? 1 : 0) + (error ? 1 + (span.status_message().empty() ? 0 : 1) : 0);
  for (const auto& attribute : span.attributes()) tags += (error && attribute.key == "error") ? 0 : 1;
  if (tags == 0) return;
  w.field(T::list, 10);
  w.list_begin(T::structure, tags);
  if (!kind.empty()) string_tag(w, "span.kind", kind);
  for (const auto& attribute : span.attributes()) {
    if (!(error && attribute.key == "error")) attribute_tag(w, attribute);
  }
  if (has_status) string_tag(w, "otel.status_code", error ? "ERROR" : "OK");
  if (error) {
    if (!span.status_message().empty()) string_tag(w, "otel.status_description", span.status_message());
    bool_tag(w, "error", true);
  }
}

template <typename W>
void write_logs(W& w, const SpanData& span) {
  if (span.events().empty()) return;
  w.field(T::list, 11);
  w.list_begin(T::structure, span.events().size());
  for (const auto& event : span.events()) {
    w.struct_begin();
    w.field(T::i64, 1);
    w.i64(static_cast<std::int64_t>(event.time_unix_ns / 1000));
    const auto attributes = span.attributes_of(event);
    bool has_event_key = false;
    for (const auto& attribute : attributes) has_event_key = has_event_key || attribute.key == "event";
    w.field(T::list, 2);
    w.list_begin(T::structure, attributes.size() + (has_event_key ? 0 : 1));
    if (!has_event_key) string_tag(w, "event", event.name);  // an attribute named event wins
    for (const auto& attribute : attributes) attribute_tag(w, attribute);
    w.struct_end();
  }
}

template <typename W>
void write_span(W& w, const SpanData& span) {
  w.struct_begin();
  w.field(T::i64, 1);
  w.i64(static_cast<std::int64_t>(span.trace_id().low));
  w.field(T::i64, 2);
  w.i64(static_cast<std::int64_t>(span.trace_id().high));
  w.field(T::i64, 3);
  w.i64(static_cast<std::int64_t>(span.span_id().value));
  w.field(T::i64, 4);
  w.i64(static_cast<std::int64_t>(span.parent_span_id().value));
  w.field(T::string, 5);
  w.string(span.name());
  if (!span.links().empty()) {
    w.field(T::list, 6);
    w.list_begin(T::structure, span.links().size());
    for (const auto& link : span.links()) {
      w.struct_begin();
      w.field(T::i32, 1);
      w.i32(kFollowsFrom);
      w.field(T::i64, 2);
      w.i64(static_cast<std::int64_t>(link.trace_id.low));
      w.field(T::i64, 3);
      w.i64(static_cast<std::int64_t>(link.trace_id.high));
      w.field(T::i64, 4);
      w.i64(static_cast<std::int64_t>(link.span_id.value));
      w.struct_end();
    }
  }
  w.field(T::i32, 7);
  w.i32((span.flags() & trace_flags::kSampled) != 0 ? (span.debug() ? 3 : 1) : 0);
  w.field(T::i64, 8);
  w.i64(static_cast<std::int64_t>(span.start_unix_ns() / 1000));
  w.field(T::i64, 9);
  w.i64(static_cast<std::int64_t>(span.duration_ns() / 1000));
  write_tags(w, span);
  write_logs(w, span);
  w.struct_end();
}

// The Batch struct: process (service name, resource attributes) and spans.
template <typename W>
void write_batch(W& w, std::span<const SpanData* const> batch, const Resource& resource) {
  w.struct_begin();
  w.field(T::structure, 1);
  w.struct_begin();
  w.field(T::string, 1);
  w.string(resource.service_name());
  std::size_t tags = 0;
  for (const auto& attribute : resource.attributes()) tags += attribute.key == "service.name" ? 0 : 1;
  if (tags > 0) {
    w.field(T::list, 2);
    w.list_begin(T::structure, tags);
    for (const auto& attribute : resource.attributes()) {
      if (attribute.key != "service.name") attribute_tag(w, attribute);
    }
  }
  w.struct_end();
  w.field(T::list, 2);
  w.list_begin(T::structure, batch.size());
  for (const SpanData* span : batch) write_span(w, *span);
  w.struct_end();
}

}  // namespace

void JaegerThriftEncoder::encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const {
  ThriftBinaryWriter writer(out);
  write_batch(writer, batch, resource);
}

void encode_jaeger_emit_batch(std::span<const SpanData* const> batch, const Resource& resource, std::int32_t seqid,
                              std::string& out) {
  ThriftCompactWriter writer(out);
  writer.message_begin("emitBatch", 4 /* ONEWAY */, seqid);
  writer.struct_begin();  // emitBatch_args
  writer.field(T::structure, 1);
  write_batch(writer, batch, resource);
  writer.struct_end();
}

}  // namespace parley::tracing::detail
