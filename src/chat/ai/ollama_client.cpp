// Ollama /api/chat client, streamed NDJSON (see ollama_client.h).
#include "ai/ollama_client.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/url/parse.hpp>

#include "parley/tracing/integration/beast.h"
#include "parley/tracing/tracer.h"
#include "span_kind.h"

namespace parley::chat {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kMaxReplyBytes = 4 * 1024 * 1024;

std::string request_body(const std::string& model, const std::vector<ChatTurn>& turns) {
  json::array messages;
  for (const auto& turn : turns) messages.push_back(json::object{{"role", turn.role}, {"content", turn.content}});
  return json::serialize(json::object{{"model", model}, {"messages", std::move(messages)}, {"stream", true}});
}

// Applies one NDJSON line to the reply; false when the line is not a chunk.
bool apply_line(std::string_view line, OllamaReply& reply, bool& done) {
  boost::system::error_code code;
  const json::value value = json::parse(json::string_view(line.data(), line.size()), code);
  if (code || !value.is_object()) return false;
  const auto& chunk = value.get_object();
  if (const auto* error = chunk.if_contains("error"); error != nullptr && error->is_string()) {
    reply.error = std::string(error->get_string());
    reply.error_type = "ollama_error";
    return false;
  }
  if (const auto* message = chunk.if_contains("message"); message != nullptr && message->is_object()) {
    if (const auto* content = message->get_object().if_contains("content"); content != nullptr && content->is_string()) {
      reply.content += std::string_view(content->get_string());
    }
  }
  ++reply.chunks;
  if (const auto* finished = chunk.if_contains("done"); finished != nullptr && finished->is_bool() && finished->get_bool()) {
    done = true;
    if (const auto* reason = chunk.if_contains("done_reason"); reason != nullptr && reason->is_string()) {
      reply.done_reason = std::string(reason->get_string());
    }
    if (const auto* count = chunk.if_contains("prompt_eval_count"); count != nullptr && count->is_int64()) {
      reply.input_tokens = count->get_int64();
    }
    if (const auto* count = chunk.if_contains("eval_count"); count != nullptr && count->is_int64()) {
      reply.output_tokens = count->get_int64();
    }
  }
  return true;
}

void fail(tracing::Span& span, OllamaReply& reply, std::string type, std::string message) {
  reply.ok = false;
  reply.error_type = std::move(type);
  reply.error = std::move(message);
  span.set_attribute("error.type", reply.error_type);
  span.record_exception("parley::chat::OllamaError", reply.error);
}

void describe_request(tracing::Span& span, const OllamaEndpoint& endpoint, const std::string& model,
                      const std::string& url) {
  span.set_attribute("ai.model", model);
  span.set_attribute("peer.service", "ollama");
  span.set_attribute("server.address", endpoint.host);
  span.set_attribute("server.port", static_cast<std::int64_t>(endpoint.port));
  span.set_attribute("gen_ai.operation.name", "chat");
  span.set_attribute("gen_ai.provider.name", "ollama");
  span.set_attribute("gen_ai.request.model", model);
  span.set_attribute("gen_ai.request.stream", true);
  span.set_attribute("http.method", "POST");
  span.set_attribute("http.request.method", "POST");
  span.set_attribute("http.url", url);
  span.set_attribute("url.full", url);
}

void describe_reply(tracing::Span& span, const OllamaReply& reply, const std::string& model) {
  span.set_attribute("gen_ai.response.model", model);
  span.set_attribute("gen_ai.usage.input_tokens", reply.input_tokens);
  span.set_attribute("gen_ai.usage.output_tokens", reply.output_tokens);
  span.set_attribute("ai.response.chunks", static_cast<std::int64_t>(reply.chunks));
  if (!reply.done_reason.empty()) span.set_attribute("gen_ai.response.finish_reasons", {std::string_view(reply.done_reason)});
}

}  // namespace

std::optional<OllamaEndpoint> parse_ollama_url(std::string_view url, std::string& error) {
  auto parsed = boost::urls::parse_absolute_uri(boost::core::string_view(url.data(), url.size()));
  if (!parsed) {
    error = "not an absolute URL";
    return std::nullopt;
  }
  if (parsed->scheme() != "http") {
    error = "only http:// is supported";
    return std::nullopt;
  }
  if (parsed->host().empty()) {
    error = "no host";
    return std::nullopt;
  }
  OllamaEndpoint endpoint;
  endpoint.url = std::string(url);
  endpoint.host = std::string(parsed->host_name().empty() ? std::string(parsed->host()) : std::string(parsed->host_name()));
  if (parsed->host_type() == boost::urls::host_type::ipv6) endpoint.host = std::string(parsed->host_address());
  if (parsed->has_port()) {
    if (parsed->port_number() == 0) {
      error = "bad port";
      return std::nullopt;
    }
    endpoint.port = parsed->port_number();
  } else {
    endpoint.port = 80;
  }
  endpoint.base_path = std::string(parsed->encoded_path());
  while (!endpoint.base_path.empty() && endpoint.base_path.back() == '/') endpoint.base_path.pop_back();
  return endpoint;
}

asio::awaitable<OllamaReply> OllamaClient::chat(std::string model, std::vector<ChatTurn> turns) {
  const std::string target = endpoint_.base_path + "/api/chat";
  const std::string url = "http://" + endpoint_.host + ":" + std::to_string(endpoint_.port) + target;
  auto span = tracing::get_tracer("chat.ai").start_as_current_span("chat " + model, span_of_kind(tracing::SpanKind::client));
  describe_request(span, endpoint_, model, url);
  OllamaReply reply;
  const auto started = std::chrono::steady_clock::now();

  beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_after(timeout_);
  tcp::resolver resolver(stream.get_executor());
  auto [resolve_error, endpoints] =
      co_await resolver.async_resolve(endpoint_.host, std::to_string(endpoint_.port), kTuple);
  if (resolve_error) {
    fail(span, reply, "resolve_error", "cannot resolve " + endpoint_.host + ": " + resolve_error.message());
    co_return reply;
  }
  auto [connect_error, connected] = co_await stream.async_connect(endpoints, kTuple);
  if (connect_error) {
    fail(span, reply, connect_error == beast::error::timeout ? "timeout" : "connection_error",
         "cannot connect to Ollama at " + endpoint_.url + ": " + connect_error.message());
    co_return reply;
  }
  http::request<http::string_body> request{http::verb::post, target, 11};
  request.set(http::field::host, endpoint_.host + ":" + std::to_string(endpoint_.port));
  request.set(http::field::content_type, "application/json");
  request.set(http::field::accept, "application/x-ndjson");
  tracing::BeastHeaderCarrier carrier(request);
  tracing::inject_trace_context(carrier);
  request.body() = request_body(model, turns);
  request.prepare_payload();
  if (auto [error, sent] = co_await http::async_write(stream, request, kTuple); error) {
    fail(span, reply, error == beast::error::timeout ? "timeout" : "connection_error",
         "sending to Ollama failed: " + error.message());
    co_return reply;
  }

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxReplyBytes);
  if (auto [error, read] = co_await http::async_read_header(stream, buffer, parser, kTuple); error) {
    fail(span, reply, error == beast::error::timeout ? "timeout" : "connection_error",
         "reading Ollama's reply failed: " + error.message());
    co_return reply;
  }
  const unsigned status = parser.get().result_int();
  span.set_attribute("http.status_code", static_cast<std::int64_t>(status));
  span.set_attribute("http.response.status_code", static_cast<std::int64_t>(status));

  // Consume the NDJSON stream line by line as it arrives.
  std::size_t consumed = 0;
  bool done = false;
  bool first_chunk = true;
  while (!parser.is_done()) {
    auto [error, read] = co_await http::async_read_some(stream, buffer, parser, kTuple);
    if (error) {
      fail(span, reply, error == beast::error::timeout ? "timeout" : "connection_error",
           "Ollama's stream broke off: " + error.message());
      co_return reply;
    }
    const std::string& body = parser.get().body();
    for (auto newline = body.find('\n', consumed); newline != std::string::npos; newline = body.find('\n', consumed)) {
      const std::string_view line(body.data() + consumed, newline - consumed);
      consumed = newline + 1;
      if (status != 200 || line.empty()) continue;
      if (apply_line(line, reply, done) && first_chunk) {
        first_chunk = false;
        const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        span.set_attribute("gen_ai.response.time_to_first_chunk", elapsed);
        span.add_event("first_chunk");
      }
    }
  }
  const std::string& body = parser.get().body();
  if (status == 200 && consumed < body.size()) apply_line(std::string_view(body).substr(consumed), reply, done);
  if (status != 200) {
    std::string detail = body.substr(0, 200);
    fail(span, reply, std::to_string(status), "Ollama answered HTTP " + std::to_string(status) + ": " + detail);
    co_return reply;
  }
  if (!reply.error.empty()) {
    fail(span, reply, reply.error_type, "Ollama reported an error: " + reply.error);
    co_return reply;
  }
  if (!done) {
    fail(span, reply, "incomplete_stream", "Ollama's stream ended without \"done\": true");
    co_return reply;
  }
  reply.ok = true;
  describe_reply(span, reply, model);
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  co_return reply;
}

}  // namespace parley::chat
