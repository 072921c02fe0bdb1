#include "otlp_lines.h"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <optional>

namespace parley::tools {
namespace {

namespace json = boost::json;
using tracing::SpanKind;
using tracing::StatusCode;

const json::value* member(const json::object& object, std::string_view key) {
  return object.if_contains(json::string_view(key.data(), key.size()));
}

const json::array* array_member(const json::object& object, std::string_view key) {
  const auto* value = member(object, key);
  return value != nullptr ? value->if_array() : nullptr;
}

const json::object* object_member(const json::object& object, std::string_view key) {
  const auto* value = member(object, key);
  return value != nullptr ? value->if_object() : nullptr;
}

std::string_view string_member(const json::object& object, std::string_view key) {
  const auto* value = member(object, key);
  const auto* text = value != nullptr ? value->if_string() : nullptr;
  return text != nullptr ? std::string_view(text->data(), text->size()) : std::string_view();
}

// A uint64 written as a decimal string (the JSON mapping) or as a number.
std::optional<std::uint64_t> unsigned_value(const json::value& value) {
  if (const auto* text = value.if_string()) {
    std::uint64_t out = 0;
    const auto* end = text->data() + text->size();
    const auto [ptr, error] = std::from_chars(text->data(), end, out);
    if (error != std::errc() || ptr != end || text->empty()) return std::nullopt;
    return out;
  }
  if (const auto* number = value.if_uint64()) return *number;
  if (const auto* number = value.if_int64()) {
    if (*number >= 0) return static_cast<std::uint64_t>(*number);
  }
  return std::nullopt;
}

// An enum written as its number or its proto name (e.g. "SPAN_KIND_SERVER").
std::optional<std::int64_t> enum_value(const json::value& value, std::initializer_list<std::string_view> names) {
  if (const auto* number = value.if_int64()) return *number;
  if (const auto* number = value.if_uint64()) return *number <= 64 ? static_cast<std::int64_t>(*number) : -1;
  if (const auto* text = value.if_string()) {
    std::int64_t index = 0;
    for (const auto name : names) {
      if (std::string_view(text->data(), text->size()) == name) return index;
      ++index;
    }
  }
  return std::nullopt;
}

SpanKind span_kind(const json::object& span) {
  const auto* value = member(span, "kind");
  if (value == nullptr) return SpanKind::internal;
  const auto kind = enum_value(*value, {"SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER",
                                        "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"});
  if (!kind || *kind < 1 || *kind > 5) return SpanKind::internal;
  return static_cast<SpanKind>(*kind);
}

void read_status(const json::object& span, tracing::detail::SpanSummary& summary) {
  const auto* status = object_member(span, "status");
  if (status == nullptr) return;
  summary.status_message = std::string(string_member(*status, "message"));
  const auto* code = member(*status, "code");
  if (code == nullptr) return;
  const auto value = enum_value(*code, {"STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"});
  if (value && *value >= 0 && *value <= 2) summary.status = static_cast<StatusCode>(*value);
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

// An AnyValue as text: strings bare, everything else as its JSON.
std::string any_value_text(const json::object& any) {
  if (const auto* value = member(any, "stringValue")) {
    if (const auto* text = value->if_string()) return std::string(text->data(), text->size());
  }
  for (const auto key : {"intValue", "boolValue", "doubleValue"}) {
    if (const auto* value = member(any, key)) {
      if (const auto* text = value->if_string()) return std::string(text->data(), text->size());
      return json::serialize(*value);
    }
  }
  return json::serialize(any);
}

std::vector<std::pair<std::string, std::string>> read_attributes(const json::object& owner) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto* attributes = array_member(owner, "attributes");
  if (attributes == nullptr) return out;
  for (const auto& entry : *attributes) {
    const auto* attribute = entry.if_object();
    if (attribute == nullptr) continue;
    const auto key = string_member(*attribute, "key");
    const auto* value = object_member(*attribute, "value");
    if (key.empty() || value == nullptr) continue;
    out.emplace_back(std::string(key), any_value_text(*value));
  }
  return out;
}

std::string service_name(const json::object& resource_spans) {
  if (const auto* resource = object_member(resource_spans, "resource")) {
    for (auto& [key, value] : read_attributes(*resource)) {
      if (key == "service.name" && !value.empty()) return std::move(value);
    }
  }
  return "unknown_service";
}

// One span, or the reason it was skipped.
std::optional<ParsedSpan> read_span(const json::value& entry, const std::string& service, std::string& problem) {
  const auto* span = entry.if_object();
  if (span == nullptr) {
    problem = "a span is not a JSON object";
    return std::nullopt;
  }
  ParsedSpan parsed;
  auto& summary = parsed.summary;
  summary.trace_id = tracing::TraceId::from_hex(lowercase(string_member(*span, "traceId")));
  summary.span_id = tracing::SpanId::from_hex(lowercase(string_member(*span, "spanId")));
  summary.parent_span_id = tracing::SpanId::from_hex(lowercase(string_member(*span, "parentSpanId")));
  summary.name = std::string(string_member(*span, "name"));
  if (!summary.trace_id.valid() || !summary.span_id.valid()) {
    problem = "span \"" + summary.name + "\" has no valid traceId (32 hex digits) or spanId (16 hex digits)";
    return std::nullopt;
  }
  const auto* start = member(*span, "startTimeUnixNano");
  const auto* end = member(*span, "endTimeUnixNano");
  const auto start_ns = start != nullptr ? unsigned_value(*start) : std::nullopt;
  const auto end_ns = end != nullptr ? unsigned_value(*end) : std::nullopt;
  if (!start_ns || !end_ns) {
    problem = "span \"" + summary.name + "\" has no startTimeUnixNano/endTimeUnixNano";
    return std::nullopt;
  }
  summary.start_ns = *start_ns;
  summary.end_ns = std::max(*start_ns, *end_ns);
  summary.service = service;
  summary.kind = span_kind(*span);
  read_status(*span, summary);
  parsed.attributes = read_attributes(*span);
  return parsed;
}

void read_resource_spans(const json::object& resource_spans, ParsedLine& out) {
  const std::string service = service_name(resource_spans);
  const auto* scopes = array_member(resource_spans, "scopeSpans");
  if (scopes == nullptr) scopes = array_member(resource_spans, "instrumentationLibrarySpans");
  if (scopes == nullptr) return;
  for (const auto& scope_entry : *scopes) {
    const auto* scope = scope_entry.if_object();
    const auto* spans = scope != nullptr ? array_member(*scope, "spans") : nullptr;
    if (spans == nullptr) continue;
    for (const auto& entry : *spans) {
      std::string problem;
      if (auto span = read_span(entry, service, problem)) {
        out.spans.push_back(std::move(*span));
      } else {
        out.problems.push_back(std::move(problem));
      }
    }
  }
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

std::string_view ParsedSpan::attribute(std::string_view key) const noexcept {
  for (const auto& [name, value] : attributes) {
    if (name == key) return value;
  }
  return {};
}

ParsedLine parse_otlp_line(std::string_view line) {
  ParsedLine out;
  if (blank(line)) {
    out.valid = true;
    return out;
  }
  boost::system::error_code error;
  const json::value document = json::parse(json::string_view(line.data(), line.size()), error);
  if (error) {
    out.problems.push_back("not JSON (" + error.message() + ")");
    return out;
  }
  const auto* request = document.if_object();
  const auto* resource_spans = request != nullptr ? array_member(*request, "resourceSpans") : nullptr;
  if (resource_spans == nullptr) {
    out.problems.push_back("not an OTLP trace request (no \"resourceSpans\" array)");
    return out;
  }
  out.valid = true;
  for (const auto& entry : *resource_spans) {
    if (const auto* object = entry.if_object()) read_resource_spans(*object, out);
  }
  return out;
}

ReadSummary read_otlp_lines(std::istream& input, std::string_view source, std::vector<ParsedSpan>& spans,
                            const std::function<void(const std::string&)>& report) {
  ReadSummary summary;
  std::string line;
  while (std::getline(input, line)) {
    ++summary.lines;
    auto parsed = parse_otlp_line(line);
    const std::string where = std::string(source) + ":" + std::to_string(summary.lines) + ": ";
    if (!parsed.valid) {
      ++summary.bad_lines;
      report(where + "line skipped: " + parsed.problems.front());
      continue;
    }
    for (const auto& problem : parsed.problems) report(where + "span skipped: " + problem);
    summary.bad_spans += parsed.problems.size();
    summary.spans += parsed.spans.size();
    for (auto& span : parsed.spans) spans.push_back(std::move(span));
  }
  return summary;
}

}  // namespace parley::tools
