// Builders of OTLP JSON lines for the parley-trace tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace parley::tools::testing {

inline constexpr const char* kTraceA = "4bf92f3577b34da6a3ce929d0e0e4736";
inline constexpr const char* kTraceB = "0af7651916cd43dd8448eb211c80319c";
inline constexpr std::uint64_t kBase = 1700000000000000000ULL;
inline constexpr std::uint64_t kMs = 1000000ULL;

struct SpanSpec {
  std::string trace_id;
  std::string span_id;
  std::string parent;
  std::string name;
  std::uint64_t start_ms = 0;
  std::uint64_t end_ms = 0;
  int kind = 1;
  int status = 0;
  std::string attributes = "[]";  // JSON array of OTLP KeyValue
};

inline std::string span_json(const SpanSpec& s) {
  std::string out = "{\"traceId\":\"" + s.trace_id + "\",\"spanId\":\"" + s.span_id + "\"";
  if (!s.parent.empty()) out += ",\"parentSpanId\":\"" + s.parent + "\"";
  out += ",\"name\":\"" + s.name + "\",\"kind\":" + std::to_string(s.kind);
  out += ",\"startTimeUnixNano\":\"" + std::to_string(kBase + s.start_ms * kMs) + "\"";
  out += ",\"endTimeUnixNano\":\"" + std::to_string(kBase + s.end_ms * kMs) + "\"";
  out += ",\"attributes\":" + s.attributes + ",\"status\":{\"code\":" + std::to_string(s.status) + "}}";
  return out;
}

inline std::string request_line(const std::string& service, const std::vector<SpanSpec>& spans) {
  std::string out = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                    "{\"stringValue\":\"" + service + "\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"test\"},\"spans\":[";
  for (std::size_t i = 0; i < spans.size(); ++i) out += (i > 0 ? "," : "") + span_json(spans[i]);
  return out + "]}]}]}";
}

inline std::string string_attribute(const std::string& key, const std::string& value) {
  return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + value + "\"}}";
}

}  // namespace parley::tools::testing
