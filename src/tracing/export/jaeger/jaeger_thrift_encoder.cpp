#include "export/jaeger/jaeger_thrift_encoder.h"

#include <cstring>

#include "parley/tracing/span.h"

namespace parley::tracing::detail {
namespace {

// Thrift binary protocol type ids.
enum : std::uint8_t { kStop = 0, kBool = 2, kDouble = 4, kI32 = 8, kI64 = 10, kString = 11, kStruct = 12, kList = 15 };
// jaeger.thrift TagType and SpanRefType.
enum : std::int32_t { kTagString = 0, kTagDouble = 1, kTagBool = 2, kTagLong = 3 };
enum : std::int32_t { kFollowsFrom = 1 };

class ThriftWriter {
 public:
  explicit ThriftWriter(std::string& out) : out_(out) {}
  void byte(std::uint8_t value) { out_.push_back(static_cast<char>(value)); }
  void i16(std::int16_t value) { big_endian(static_cast<std::uint64_t>(static_cast<std::uint16_t>(value)), 2); }
  void i32(std::int32_t value) { big_endian(static_cast<std::uint64_t>(static_cast<std::uint32_t>(value)), 4); }
  void i64(std::int64_t value) { big_endian(static_cast<std::uint64_t>(value), 8); }
  void string(std::string_view value) {
    i32(static_cast<std::int32_t>(value.size()));
    out_.append(value);
  }
  void field(std::uint8_t type, std::int16_t id) {
    byte(type);
    i16(id);
  }
  void list(std::uint8_t element_type, std::size_t size) {
    byte(element_type);
    i32(static_cast<std::int32_t>(size));
  }
  void stop() { byte(kStop); }

 private:
  void big_endian(std::uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out_.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  }
  std::string& out_;
};

void string_tag(ThriftWriter& w, std::string_view key, std::string_view value) {
  w.field(kString, 1);
  w.string(key);
  w.field(kI32, 2);
  w.i32(kTagString);
  w.field(kString, 3);
  w.string(value);
  w.stop();
}

void bool_tag(ThriftWriter& w, std::string_view key, bool value) {
  w.field(kString, 1);
  w.string(key);
  w.field(kI32, 2);
  w.i32(kTagBool);
  w.field(kBool, 5);
  w.byte(value ? 1 : 0);
  w.stop();
}

void attribute_tag(ThriftWriter& w, const Attribute& attribute) {
  const AttributeValue& value = attribute.value;
  switch (value.type()) {
    case ValueType::string: string_tag(w, attribute.key, value.as_string()); return;
    case ValueType::boolean: bool_tag(w, attribute.key, value.as_bool()); return;
    case ValueType::int64:
      w.field(kString, 1);
      w.string(attribute.key);
      w.field(kI32, 2);
      w.i32(kTagLong);
      w.field(kI64, 6);
      w.i64(value.as_int64());
      w.stop();
      return;
    case ValueType::float64: {
      w.field(kString, 1);
      w.string(attribute.key);
      w.field(kI32, 2);
      w.i32(kTagDouble);
      w.field(kDouble, 4);
      std::uint64_t bits = 0;
      const double number = value.as_double();
      std::memcpy(&bits, &number, sizeof(bits));
      w.i64(static_cast<std::int64_t>(bits));
      w.stop();
      return;
    }
    default: string_tag(w, attribute.key, to_string(value)); return;  // arrays: a JSON-list string
  }
}

std::string_view kind_tag(SpanKind kind) {
  switch (kind) {
    case SpanKind::server: return "server";
    case SpanKind::client: return "client";
    case SpanKind::producer: return "producer";
    case SpanKind::consumer: return "consumer";
    case SpanKind::internal: break;
  }
  return {};
}

void write_span(ThriftWriter& w, const SpanData& span) {
  w.field(kI64, 1);
  w.i64(static_cast<std::int64_t>(span.trace_id().low));
  w.field(kI64, 2);
  w.i64(static_cast<std::int64_t>(span.trace_id().high));
  w.field(kI64, 3);
  w.i64(static_cast<std::int64_t>(span.span_id().value));
  w.field(kI64, 4);
  w.i64(static_cast<std::int64_t>(span.parent_span_id().value));
  w.field(kString, 5);
  w.string(span.name());
  if (!span.links().empty()) {
    w.field(kList, 6);
    w.list(kStruct, span.links().size());
    for (const auto& link : span.links()) {
      w.field(kI32, 1);
      w.i32(kFollowsFrom);
      w.field(kI64, 2);
      w.i64(static_cast<std::int64_t>(link.trace_id.low));
      w.field(kI64, 3);
      w.i64(static_cast<std::int64_t>(link.trace_id.high));
      w.field(kI64, 4);
      w.i64(static_cast<std::int64_t>(link.span_id.value));
      w.stop();
    }
  }
  w.field(kI32, 7);
  w.i32((span.flags() & trace_flags::kSampled) != 0 ? (span.debug() ? 3 : 1) : 0);
  w.field(kI64, 8);
  w.i64(static_cast<std::int64_t>(span.start_unix_ns() / 1000));
  w.field(kI64, 9);
  w.i64(static_cast<std::int64_t>(span.duration_ns() / 1000));
  // Tags: span.kind, the attributes, then the status mapping.
  const std::string_view kind = kind_tag(span.kind());
  const bool has_status = span.status_code() != StatusCode::unset;
  const bool error = span.status_code() == StatusCode::error;
  std::size_t tags = span.attributes().size() + (kind.empty() ? 0 : 1) + (has_status ? 1 : 0) +
                     (error ? 1 + (span.status_message().empty() ? 0 : 1) : 0);
  for (const auto& attribute : span.attributes()) {
    if (error && attribute.key == "error") --tags;  // replaced by the status
  }
  if (tags > 0) {
    w.field(kList, 10);
    w.list(kStruct, tags);
    if (!kind.empty()) string_tag(w, "span.kind", kind);
    for (const auto& attribute : span.attributes()) {
      if (error && attribute.key == "error") continue;
      attribute_tag(w, attribute);
    }
    if (has_status) string_tag(w, "otel.status_code", error ? "ERROR" : "OK");
    if (error) {
      if (!span.status_message().empty()) string_tag(w, "otel.status_description", span.status_message());
      bool_tag(w, "error", true);
    }
  }
  if (!span.events().empty()) {
    w.field(kList, 11);
    w.list(kStruct, span.events().size());
    for (const auto& event : span.events()) {
      w.field(kI64, 1);
      w.i64(static_cast<std::int64_t>(event.time_unix_ns / 1000));
      const auto attributes = span.attributes_of(event);
      bool has_event_key = false;
      for (const auto& attribute : attributes) has_event_key = has_event_key || attribute.key == "event";
      w.field(kList, 2);
      w.list(kStruct, attributes.size() + (has_event_key ? 0 : 1));
      if (!has_event_key) string_tag(w, "event", event.name);  // an attribute named event wins
      for (const auto& attribute : attributes) attribute_tag(w, attribute);
      w.stop();
    }
  }
  w.stop();
}

}  // namespace

void JaegerThriftEncoder::encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const {
  ThriftWriter w(out);
  // Batch.process
  w.field(kStruct, 1);
  w.field(kString, 1);
  w.string(resource.service_name());
  std::size_t tags = 0;
  for (const auto& attribute : resource.attributes()) tags += attribute.key == "service.name" ? 0 : 1;
  if (tags > 0) {
    w.field(kList, 2);
    w.list(kStruct, tags);
    for (const auto& attribute : resource.attributes()) {
      if (attribute.key != "service.name") attribute_tag(w, attribute);
    }
  }
  w.stop();
  // Batch.spans
  w.field(kList, 2);
  w.list(kStruct, batch.size());
  for (const SpanData* span : batch) write_span(w, *span);
  w.stop();
}

}  // namespace parley::tracing::detail
