// One WebSocket member of a room (see ws_session.h).
#include "ws/ws_session.h"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include "http/json_codec.h"
#include "parley/tracing/integration/asio.h"
#include "parley/tracing/propagation.h"
#include "parley/tracing/tracer.h"
#include "span_kind.h"
#include "service/message_service.h"

namespace parley::chat {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

std::shared_ptr<const std::string> error_event(std::string_view message) {
  return std::make_shared<const std::string>(R"({"type":"error","error":)" +
                                             render_error(message).substr(9));
}

}  // namespace

WsSession::WsSession(beast::tcp_stream&& stream, ChatServices& services, ConnectionRegistry& registry, User user,
                     Room room)
    : ws_(std::move(stream)), services_(services), registry_(registry), user_(std::move(user)), room_(std::move(room)) {}

WsSession::~WsSession() { registry_.remove(this); }

asio::awaitable<void> WsSession::run(beast::http::request<beast::http::string_body> request) {
  registry_.add(shared_from_this());
  beast::get_lowest_layer(ws_).expires_never();
  auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeouts.idle_timeout = std::chrono::seconds(60);
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
  ws_.read_message_max(kMaxBodyBytes);
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& response) { response.set(beast::http::field::server, "parley-chat"); }));
  if (auto [error] = co_await ws_.async_accept(request, kTuple); error) co_return;
  open_ = true;
  if (registry_.stopping()) {
    close(websocket::close_code::going_away, "server shutting down");
  }
  services_.hub.join(room_.id, shared_from_this());
  beast::flat_buffer buffer;
  for (;;) {
    auto [error, bytes] = co_await ws_.async_read(buffer, kTuple);
    if (error) break;
    if (!ws_.got_text()) {
      close(websocket::close_code::unknown_data, "text frames only");
      continue;
    }
    std::string frame = beast::buffers_to_string(buffer.data());
    buffer.consume(bytes);
    if (!closing_) co_await handle_frame(std::move(frame));
  }
  open_ = false;
  services_.hub.leave(room_.id, this);
}

asio::awaitable<void> WsSession::handle_frame(std::string frame) {
  auto parsed = parse_client_frame(frame);
  if (!parsed) {
    send(error_event(parsed.error));
    co_return;
  }
  auto& tracer = tracing::get_tracer("chat.ws");
  tracing::Span span;
  {
    // The seed's `with extract_trace_context(context):` around the handler.
    auto scope = tracing::extract_trace_context(parsed.value->trace);
    span = tracer.start_span("process room.{room_id}", span_of_kind(tracing::SpanKind::consumer));
  }
  span.set_attribute("messaging.system", "parley");
  span.set_attribute("messaging.operation.name", "process");
  span.set_attribute("messaging.operation.type", "process");
  span.set_attribute("messaging.destination.name", "room." + std::to_string(room_.id));
  span.set_attribute("messaging.destination.template", "room.{room_id}");
  span.set_attribute("chat.room_id", room_.id);
  span.set_attribute("chat.message_type", parsed.value->type);
  span.set_attribute("user.id", user_.id);
  const auto started = std::chrono::steady_clock::now();
  try {
    auto result = co_await tracing::in_context(
        span.as_context(), services_.messages.post(user_, room_.id, std::move(parsed.value->text), parsed.value->type));
    span.set_attribute("messaging.message.id", std::to_string(result.message.id));
  } catch (const std::exception& error) {
    span.record_exception(error);
    send(error_event("the message could not be stored"));
  }
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  auto scope = span.as_context().attach();
  spdlog::info("WS message room={} user={} {:.1f}ms", room_.id, user_.id, ms);
}

void WsSession::deliver(std::shared_ptr<const std::string> payload) {
  asio::post(ws_.get_executor(), [self = shared_from_this(), payload = std::move(payload)]() mutable {
    self->send(std::move(payload));
  });
}

void WsSession::send(std::shared_ptr<const std::string> payload) {
  if (!open_ || closing_) return;
  if (queue_.size() >= kMaxQueuedMessages) {
    close(websocket::close_code::policy_error, "too slow: messages are not being read");
    return;
  }
  queue_.push_back(std::move(payload));
  if (queue_.size() == 1) write_next();
}

void WsSession::write_next() {
  ws_.text(true);
  ws_.async_write(asio::buffer(*queue_.front()), [self = shared_from_this()](beast::error_code error, std::size_t) {
    if (error) {
      self->queue_.clear();
      return;
    }
    self->queue_.pop_front();
    if (!self->queue_.empty() && !self->closing_) self->write_next();
  });
}

void WsSession::close(websocket::close_code code, const char* reason) {
  if (closing_ || !open_) return;
  closing_ = true;
  ws_.async_close(websocket::close_reason(code, reason), [self = shared_from_this()](beast::error_code) {});
}

void WsSession::close_for_shutdown() {
  asio::post(ws_.get_executor(), [self = shared_from_this()] {
    self->close(websocket::close_code::going_away, "server shutting down");
  });
}

}  // namespace parley::chat
