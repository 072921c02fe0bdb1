// docs/TRACING.md, "Context propagation": trace context into outgoing HTTP
// headers and out of incoming ones, through message metadata, a JSON message
// envelope and Boost.Beast requests, with baggage. The "network" here is a
// function call; the program checks that every receiver continues the
// sender's trace and exits 1 if one does not. It prints the headers it
// injected, so `TRACING_PROPAGATORS=... propagation` shows each format.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json.hpp>
#include <boost/json/src.hpp>  // Boost.JSON's compiled part, once per program
#include <cstdio>
#include <string>
#include <utility>

#include <parley/tracing/baggage.h>
#include <parley/tracing/integration/beast.h>
#include <parley/tracing/integration/boost_json.h>
#include <parley/tracing/propagation.h>
#include <parley/tracing/provider.h>
#include <parley/tracing/tracer.h>

namespace {

auto& tracer = parley::tracing::get_tracer("chat.propagation");
int broken = 0;

void expect_trace(const std::string& trace_id, const char* where) {
  if (parley::tracing::get_current_trace_id() != trace_id) {
    std::fprintf(stderr, "propagation: %s did not continue trace %s\n", where, trace_id.c_str());
    ++broken;
  }
}

struct Response {
  int status = 200;
};
struct Message {
  std::string text;
};

// [doc:http_server]
Response handle_request(const parley::tracing::HeaderMap& request_headers) {
  auto scope = parley::tracing::extract_trace_context(request_headers);  // the caller's span is the parent
  parley::tracing::StartOptions options;
  options.kind = parley::tracing::SpanKind::server;
  auto span = tracer.start_as_current_span("GET /api/rooms", options);
  // ...
  return Response{};
}
// [/doc:http_server]

std::string sender_trace;

struct HttpClient {
  Response get(const std::string& /*url*/, const parley::tracing::HeaderMap& headers) {
    for (const auto& [name, value] : headers) std::printf("%s: %s\n", name.c_str(), value.c_str());
    return handle_request(headers);
  }
};
HttpClient http_client;

void process_message(const Message& message) {
  auto span = tracer.start_as_current_span("process_message");
  span.set_attribute("chat.message_size", message.text.size());
  expect_trace(sender_trace, "handle_message");
}

// [doc:http_client]
Response make_request(const std::string& url) {
  parley::tracing::StartOptions options;
  options.kind = parley::tracing::SpanKind::client;
  auto span = tracer.start_as_current_span("GET", options);

  parley::tracing::HeaderMap headers;              // std::map<std::string, std::string>
  parley::tracing::inject_trace_context(headers);  // traceparent, baggage, ... as configured

  auto response = http_client.get(url, headers);
  span.set_attribute("http.response.status_code", response.status);
  return response;
}
// [/doc:http_client]

// [doc:handle_message]
void handle_message(const Message& message, const parley::tracing::HeaderMap& context) {
  auto scope = parley::tracing::extract_trace_context(context);
  process_message(message);  // spans started here continue the sender's trace
}
// [/doc:handle_message]

std::string send_envelope(const std::string& text) {
  // [doc:envelope_send]
  boost::json::object envelope{{"type", "message"}, {"text", text}, {"trace", boost::json::object{}}};
  parley::tracing::JsonObjectCarrier carrier(envelope["trace"].as_object());
  parley::tracing::inject_trace_context(carrier);
  return boost::json::serialize(envelope);  // {"type":"message","text":"hi","trace":{"traceparent":"00-..."}}
  // [/doc:envelope_send]
}

void receive_envelope(const std::string& wire) {
  // [doc:envelope_receive]
  const auto parsed = boost::json::parse(wire);
  const auto& envelope = parsed.as_object();
  const auto* trace = envelope.if_contains("trace");
  const boost::json::object none;  // no trace member: a new trace starts
  auto scope = parley::tracing::extract_trace_context(
      parley::tracing::JsonObjectCarrier(trace != nullptr && trace->is_object() ? trace->as_object() : none));
  process_message(Message{std::string(envelope.at("text").as_string())});
  // [/doc:envelope_receive]
}

void beast_round_trip() {
  namespace http = boost::beast::http;
  // [doc:beast]
  http::request<http::string_body> request{http::verb::post, "/api/messages", 11};
  parley::tracing::BeastHeaderCarrier outgoing(request);
  parley::tracing::inject_trace_context(outgoing);  // into the request's header fields

  // On the server, for the request it read:
  auto scope = parley::tracing::extract_trace_context(parley::tracing::BeastHeaderCarrier(std::as_const(request)));
  // [/doc:beast]
  expect_trace(sender_trace, "the Beast request");
}

void baggage_example() {
  // [doc:baggage]
  auto tenant = parley::tracing::set_baggage("tenant", "acme");  // current context + tenant=acme
  parley::tracing::HeaderMap headers;
  parley::tracing::inject_trace_context(headers);                // baggage: tenant=acme

  // In the receiving process, inside the extracted scope:
  auto scope = parley::tracing::extract_trace_context(headers);
  auto value = parley::tracing::current_baggage().get("tenant");  // std::optional: "acme"
  // [/doc:baggage]
  if (value != std::string_view("acme")) {
    std::fprintf(stderr, "propagation: baggage tenant=acme did not arrive\n");
    ++broken;
  }
}

}  // namespace

int main() {
  parley::tracing::init_from_env();
  const bool tracing_on = parley::tracing::is_enabled();
  {
    auto root = tracer.start_as_current_span("propagation example");
    sender_trace = parley::tracing::get_current_trace_id();
    make_request("http://localhost:8080/api/rooms");

    parley::tracing::HeaderMap metadata;
    parley::tracing::inject_trace_context(metadata);
    handle_message(Message{"hello"}, metadata);

    receive_envelope(send_envelope("hi"));
    beast_round_trip();
    baggage_example();
  }
  // With tracing off there is no trace to continue (ids are empty on both
  // sides), but the baggage still travels.
  parley::tracing::shutdown();
  if (broken != 0) return 1;
  std::printf("trace context propagated (tracing %s)\n", tracing_on ? "on" : "off");
  return 0;
}
