#include "chat_api.h"

#include <boost/json.hpp>
#include <parley/tracing/propagation.h>
#include <parley/tracing/tracer.h>

#include <string>

namespace parley::tools {
namespace {

namespace json = boost::json;
namespace tracing = parley::tracing;

tracing::Tracer& tracer() {
  static tracing::Tracer& instance = tracing::get_tracer("parley.loadgen");
  return instance;
}

void describe_request(tracing::Span& span, const std::string& url, const ApiCall& call) {
  span.set_attribute("http.request.method", call.method);
  span.set_attribute("url.full", url);
  span.set_attribute("url.template", call.route);
  if (const auto parts = parse_http_url(url)) {
    span.set_attribute("server.address", parts->host);
    span.set_attribute("server.port", static_cast<std::int64_t>(parts->port));
  }
  if (!call.kind.empty()) span.set_attribute("loadgen.request.kind", call.kind);
}

// HTTP client span status (semantic conventions): 4xx and 5xx are errors.
void describe_response(tracing::Span& span, const HttpResponse& response) {
  if (!response.error.empty()) {
    span.set_attribute("error.type", "transport");
    span.set_status(tracing::StatusCode::error, response.error);
    return;
  }
  span.set_attribute("http.response.status_code", static_cast<std::int64_t>(response.status));
  if (response.status >= 400) {
    span.set_attribute("error.type", std::to_string(response.status));
    span.set_status(tracing::StatusCode::error);
  }
}

std::string describe_failure(std::string_view what, const HttpResponse& response) {
  if (!response.error.empty()) return std::string(what) + " failed: " + response.error;
  return std::string(what) + " answered " + std::to_string(response.status) + ": " + response.body;
}

// A string member of a JSON object body, or empty.
std::string string_field(const std::string& body, std::string_view key) {
  boost::system::error_code error;
  const auto value = json::parse(body, error);
  const auto* object = error ? nullptr : value.if_object();
  const auto* member = object != nullptr ? object->if_contains(key) : nullptr;
  const auto* text = member != nullptr ? member->if_string() : nullptr;
  return text != nullptr ? std::string(text->data(), text->size()) : std::string();
}

std::optional<std::int64_t> integer_field(const std::string& body, std::string_view key) {
  boost::system::error_code error;
  const auto value = json::parse(body, error);
  const auto* object = error ? nullptr : value.if_object();
  const auto* member = object != nullptr ? object->if_contains(key) : nullptr;
  if (member == nullptr) return std::nullopt;
  if (const auto* number = member->if_int64()) return *number;
  if (const auto* number = member->if_uint64()) return static_cast<std::int64_t>(*number);
  return std::nullopt;
}

std::string credentials(const std::string& username, const std::string& password) {
  return json::serialize(json::object{{"username", username}, {"password", password}});
}

}  // namespace

TracedResponse traced_call(HttpClient& client, const std::string& base_url, const ApiCall& call) {
  const std::string url = base_url + std::string(call.route);
  tracing::StartOptions options;
  options.kind = tracing::SpanKind::client;
  options.new_root = true;
  auto span = tracer().start_span(std::string(call.method) + " " + std::string(call.route), options);
  describe_request(span, url, call);
  tracing::HeaderMap carrier;
  tracing::inject_trace_context(carrier, span.as_context());
  Headers headers(carrier.begin(), carrier.end());
  if (!call.token.empty()) headers.emplace_back("Authorization", "Bearer " + call.token);
  TracedResponse out;
  if (span.context().trace_id.valid()) out.trace_id = span.context().trace_id.to_hex();
  out.http = client.send(call.method, url, call.body, headers);
  describe_response(span, out.http);
  return out;
}

SetupOutcome set_up(HttpClient& client, const std::string& base_url, std::string_view suffix) {
  SetupOutcome outcome;
  const auto health = traced_call(client, base_url, {"GET", "/healthz", "", "", "setup"}).http;
  if (!health.error.empty()) {
    outcome.unreachable = true;
    outcome.error = "cannot reach parley-chat at " + base_url + " (" + health.error + ")";
    return outcome;
  }
  if (!health.ok()) {
    outcome.error = describe_failure("GET " + base_url + "/healthz", health);
    return outcome;
  }
  ChatTarget target{base_url, "loadgen-" + std::string(suffix), "", 0, {}};
  // The trace page's address; "/debug/traces" is the page, its base is the admin address.
  const auto info = traced_call(client, base_url, {"GET", "/api/info", "", "", "setup"}).http;
  if (info.ok()) {
    constexpr std::string_view kPage = "/debug/traces";
    std::string page = string_field(info.body, "trace_page");
    if (page.ends_with(kPage)) target.admin_base = page.substr(0, page.size() - kPage.size());
  }
  const std::string password = "loadgen-password-" + std::string(suffix);
  const auto body = credentials(target.username, password);
  const auto user = traced_call(client, base_url, {"POST", "/api/users", body, "", "setup"}).http;
  if (user.status != 201) {
    outcome.error = describe_failure("POST /api/users", user);
    return outcome;
  }
  const auto session = traced_call(client, base_url, {"POST", "/api/sessions", body, "", "setup"}).http;
  target.token = string_field(session.body, "token");
  if (session.status != 200 || target.token.empty()) {
    outcome.error = describe_failure("POST /api/sessions", session);
    return outcome;
  }
  const auto room_body = json::serialize(json::object{{"name", "loadgen-" + std::string(suffix)}});
  const auto room = traced_call(client, base_url, {"POST", "/api/rooms", room_body, target.token, "setup"}).http;
  const auto room_id = integer_field(room.body, "id");
  if (room.status != 201 || !room_id) {
    outcome.error = describe_failure("POST /api/rooms", room);
    return outcome;
  }
  target.room_id = *room_id;
  outcome.target = std::move(target);
  return outcome;
}

}  // namespace parley::tools
