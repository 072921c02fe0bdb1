#include "export/zipkin/zipkin_json_encoder.h"

#include <arpa/inet.h>

#include "core/json_text.h"
#include "parley/tracing/span.h"

namespace parley::tracing::detail {
namespace {

// The Zipkin model's names and service names are lowercase (zipkin-js and
// zipkin-server lowercase them on the way in; we send them that way).
std::string lowercase_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view kind_name(SpanKind kind) {
  switch (kind) {
    case SpanKind::server: return "SERVER";
    case SpanKind::client: return "CLIENT";
    case SpanKind::producer: return "PRODUCER";
    case SpanKind::consumer: return "CONSUMER";
    case SpanKind::internal: break;
  }
  return {};
}

const AttributeValue* find(const SpanData& span, std::string_view key) {
  const auto* value = span.find_attribute(key);
  return value != nullptr && (value->type() == ValueType::string || value->type() == ValueType::int64) ? value : nullptr;
}

void append_ip_or_name(std::string& out, std::string_view address) {
  unsigned char buffer[16];
  const std::string text(address);
  if (inet_pton(AF_INET, text.c_str(), buffer) == 1) {
    out += "\"ipv4\":";
  } else if (inet_pton(AF_INET6, text.c_str(), buffer) == 1) {
    out += "\"ipv6\":";
  } else {
    out += "\"serviceName\":";
  }
  append_json_string(out, address);
}

// The first present of the spec's remoteEndpoint sources (CLIENT/PRODUCER).
void append_remote_endpoint(std::string& out, const SpanData& span) {
  if (span.kind() != SpanKind::client && span.kind() != SpanKind::producer) return;
  static constexpr std::pair<std::string_view, std::string_view> kSources[] = {
      {"peer.service", ""},
      {"server.address", "server.port"},
      {"net.peer.name", "net.peer.port"},
      {"network.peer.address", "network.peer.port"},
      {"server.socket.domain", ""},
      {"server.socket.address", "server.socket.port"},
      {"net.sock.peer.name", ""},
      {"net.sock.peer.addr", "net.sock.peer.port"},
      {"peer.hostname", ""},
      {"peer.address", ""},
      {"db.name", ""},
  };
  for (const auto& [name_key, port_key] : kSources) {
    const auto* name = find(span, name_key);
    if (name == nullptr || name->type() != ValueType::string || name->as_string().empty()) continue;
    out += ",\"remoteEndpoint\":{";
    if (name_key == "peer.service") {
      out += "\"serviceName\":";
      append_json_string(out, lowercase_ascii(name->as_string()));
    } else {
      append_ip_or_name(out, name->as_string());
    }
    // Also name the peer service and port when known.
    if (name_key != "peer.service") {
      if (const auto* service = find(span, "peer.service"); service != nullptr && service->type() == ValueType::string) {
        out += ",\"serviceName\":";
        append_json_string(out, lowercase_ascii(service->as_string()));
      }
    }
    const AttributeValue* port = port_key.empty() ? nullptr : find(span, port_key);
    if (port == nullptr) port = find(span, "server.port");
    if (port != nullptr && port->type() == ValueType::int64 && port->as_int64() > 0 && port->as_int64() <= 65535) {
      out += ",\"port\":";
      append_decimal(out, port->as_int64());
    }
    out += '}';
    return;
  }
}

void append_tag(std::string& out, bool& first, std::string_view key, std::string_view value) {
  out += first ? "" : ",";
  first = false;
  append_json_string(out, key);
  out += ':';
  append_json_string(out, value);
}

void append_span(std::string& out, const SpanData& span, std::string_view service) {
  out += "{\"traceId\":\"";
  append_hex(out, span.trace_id().high);
  append_hex(out, span.trace_id().low);
  out += "\",\"id\":\"";
  append_hex(out, span.span_id().value);
  out += '"';
  if (span.parent_span_id().valid()) {
    out += ",\"parentId\":\"";
    append_hex(out, span.parent_span_id().value);
    out += '"';
  }
  out += ",\"name\":";
  append_json_string(out, lowercase_ascii(span.name()));
  if (const auto kind = kind_name(span.kind()); !kind.empty()) {
    out += ",\"kind\":\"";
    out += kind;
    out += '"';
  }
  out += ",\"timestamp\":";
  append_decimal(out, span.start_unix_ns() / 1000);
  out += ",\"duration\":";
  const std::uint64_t micros = span.duration_ns() / 1000;
  append_decimal(out, micros == 0 ? std::uint64_t{1} : micros);
  if (span.debug()) out += ",\"debug\":true";
  if (span.kind() == SpanKind::server && span.parent_is_remote()) out += ",\"shared\":true";
  out += ",\"localEndpoint\":{\"serviceName\":";
  append_json_string(out, lowercase_ascii(service));
  out += '}';
  append_remote_endpoint(out, span);
  if (!span.events().empty()) {
    out += ",\"annotations\":[";
    bool first = true;
    for (const auto& event : span.events()) {
      out += first ? "{" : ",{";
      first = false;
      out += "\"timestamp\":";
      append_decimal(out, event.time_unix_ns / 1000);
      out += ",\"value\":";
      const auto attributes = span.attributes_of(event);
      if (attributes.empty()) {
        append_json_string(out, event.name);
      } else {
        // The spec's form: "name": {"key":"value",...}
        std::string text = "\"" + std::string(event.name) + "\":{";
        for (std::size_t i = 0; i < attributes.size(); ++i) {
          if (i > 0) text += ',';
          append_json_string(text, attributes[i].key);
          text += ':';
          append_json_string(text, to_string(attributes[i].value));
        }
        text += '}';
        append_json_string(out, text);
      }
      out += '}';
    }
    out += ']';
  }
  out += ",\"tags\":{";
  bool first = true;
  for (const auto& attribute : span.attributes()) {
    // A boolean "error" tag would contradict the status mapping: dropped.
    if (attribute.key == "error" && attribute.value.type() == ValueType::boolean) continue;
    append_tag(out, first, attribute.key, to_string(attribute.value));
  }
  if (span.status_code() == StatusCode::ok) append_tag(out, first, "otel.status_code", "OK");
  if (span.status_code() == StatusCode::error) {
    append_tag(out, first, "otel.status_code", "ERROR");
    append_tag(out, first, "error", span.status_message());
  }
  append_tag(out, first, "otel.scope.name", span.scope().name);
  append_tag(out, first, "otel.library.name", span.scope().name);
  if (!span.scope().version.empty()) {
    append_tag(out, first, "otel.scope.version", span.scope().version);
    append_tag(out, first, "otel.library.version", span.scope().version);
  }
  if (span.dropped_attributes_count() > 0) {
    append_tag(out, first, "otel.dropped_attributes_count", std::to_string(span.dropped_attributes_count()));
  }
  if (span.dropped_events_count() > 0) {
    append_tag(out, first, "otel.dropped_events_count", std::to_string(span.dropped_events_count()));
  }
  if (span.dropped_links_count() > 0) {
    append_tag(out, first, "otel.dropped_links_count", std::to_string(span.dropped_links_count()));
  }
  out += "}}";
}

}  // namespace

void ZipkinJsonEncoder::encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const {
  const std::string_view service = resource.service_name();
  out += '[';
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (i > 0) out += ',';
    append_span(out, *batch[i], service);
  }
  out += ']';
}

}  // namespace parley::tracing::detail
