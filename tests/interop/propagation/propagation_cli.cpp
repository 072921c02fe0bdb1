// parley-propagation-cli: Parley's propagators driven by JSON lines, for the
// interop test against the OpenTelemetry JS propagators.
//   {"op":"extract","format":"b3multi","headers":{...}}
//     -> {"valid":..,"traceId":..,"spanId":..,"sampled":..,"flags":..,"debug":..,"traceState":..,"baggage":{..}}
//   {"op":"inject","format":"jaeger","traceId":..,"spanId":..,"sampled":..,"flags":..,"debug":..,
//    "traceState":..,"baggage":{..}} -> {"headers":{..}}   ("flags", a number, overrides "sampled")
#include <boost/json.hpp>
#include <boost/json/src.hpp>
#include <iostream>
#include <string>

#include "parley/tracing/baggage.h"
#include "parley/tracing/propagation.h"

namespace json = boost::json;
using namespace parley::tracing;

namespace {

std::string text(const json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

bool flag(const json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_bool() && value->as_bool();
}

json::object extract(const json::object& request) {
  const auto propagator = make_propagator(text(request, "format"));
  HeaderList headers;
  if (const auto* list = request.if_contains("headers"); list != nullptr && list->is_object()) {
    for (const auto& [name, value] : list->as_object()) {
      if (value.is_string()) headers.emplace_back(std::string(name), std::string(value.as_string()));
    }
  }
  const Context context = propagator->extract(HeaderListCarrier(headers), Context());
  const SpanContext& span = context.span_context();
  json::object baggage;
  for (const auto& entry : context.baggage().entries()) baggage[entry.key] = entry.value;
  return {{"valid", context.valid()},
          {"traceId", context.valid() ? span.trace_id.to_hex() : ""},
          {"spanId", context.valid() ? span.span_id.to_hex() : ""},
          {"sampled", span.sampled()},
          {"flags", span.flags},
          {"debug", span.debug},
          {"traceState", span.trace_state},
          {"baggage", baggage}};
}

json::object inject(const json::object& request) {
  const auto propagator = make_propagator(text(request, "format"));
  SpanContext span;
  span.trace_id = TraceId::from_hex(text(request, "traceId"));
  span.span_id = SpanId::from_hex(text(request, "spanId"));
  span.flags = flag(request, "sampled") ? trace_flags::kSampled : 0;
  if (const auto* flags = request.if_contains("flags"); flags != nullptr && flags->is_int64()) {
    span.flags = static_cast<std::uint8_t>(flags->as_int64());
  }
  span.debug = flag(request, "debug");
  span.trace_state = text(request, "traceState");
  Context context(span);
  if (const auto* entries = request.if_contains("baggage"); entries != nullptr && entries->is_object()) {
    Baggage baggage;
    for (const auto& [key, value] : entries->as_object()) {
      if (value.is_string()) baggage = baggage.set(std::string(key), std::string(value.as_string()));
    }
    context = context.with_baggage(std::make_shared<const Baggage>(std::move(baggage)));
  }
  HeaderMap headers;
  MapCarrier<HeaderMap> carrier(headers);
  propagator->inject(context, carrier);
  json::object out;
  for (const auto& [name, value] : headers) out[name] = value;
  return {{"headers", out}};
}

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    json::error_code error;
    const json::value request = json::parse(line, error);
    if (error || !request.is_object()) {
      std::cout << json::serialize(json::object{{"error", "bad request line"}}) << std::endl;
      continue;
    }
    const auto& object = request.as_object();
    if (!make_propagator(text(object, "format"))) {
      std::cout << json::serialize(json::object{{"error", "unknown format"}}) << std::endl;
      continue;
    }
    const json::object reply = text(object, "op") == "inject" ? inject(object) : extract(object);
    std::cout << json::serialize(reply) << std::endl;
  }
  return 0;
}
