// Listener, HTTP sessions and shutdown (see server.h).
#include "http/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/url/parse.hpp>
#include <charconv>
#include <stdexcept>
#include <thread>

#include "admin/trace_api.h"
#include "http/connection_registry.h"
#include "http/json_codec.h"
#include "http/router.h"
#include "parley/tracing/integration/asio.h"
#include "parley/tracing/integration/beast.h"
#include "parley/tracing/tracer.h"
#include "span_kind.h"
#include "service/auth_service.h"
#include "store/chat_store.h"
#include "ws/ws_session.h"

namespace parley::chat {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct Shared {
  ServerOptions options;
  ChatServices& services;
  Router& router;
  ConnectionRegistry registry;
  std::uint16_t port = 0;
};

std::string_view view(beast::string_view text) { return std::string_view(text.data(), text.size()); }

// Dotted quad without inet_ntop's sprintf (every traced request pays it).
std::string address_text(const asio::ip::address& address) {
  if (!address.is_v4()) return address.to_string();
  const auto bytes = address.to_v4().to_bytes();
  char text[16];
  char* out = text;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) *out++ = '.';
    out = std::to_chars(out, text + sizeof(text), static_cast<unsigned>(bytes[i])).ptr;
  }
  return std::string(text, out);
}

Response make_response(const Request& request, unsigned status, std::string body,
                       std::string_view content_type = "application/json") {
  Response response{static_cast<http::status>(status), request.version()};
  response.set(http::field::server, "parley-chat");
  response.set(http::field::content_type, content_type);
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

// Query parameter of a target, "" when absent.
std::string query_param(std::string_view target, std::string_view key) {
  auto parsed = boost::urls::parse_origin_form(boost::core::string_view(target.data(), target.size()));
  if (!parsed) return {};
  for (const auto& param : parsed->params()) {
    if (param.key == key) return std::string(param.value);
  }
  return {};
}

class HttpSession final : public Closable, public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, Shared& shared, bool admin)
      : stream_(std::move(socket)), shared_(shared), admin_(admin) {}
  ~HttpSession() override { shared_.registry.remove(this); }

  asio::awaitable<void> run();
  asio::any_io_executor executor() { return stream_.get_executor(); }
  void close_for_shutdown() override {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->busy_) return;  // the in-flight reply goes out with Connection: close
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      self->stream_.socket().close(ignored);
    });
  }

 private:
  asio::awaitable<Response> respond(Request& request);
  Response respond_admin(const Request& request);
  asio::awaitable<void> upgrade(Request request);
  tracing::Span start_server_span(const Request& request, const Route& route);
  void finish_server_span(tracing::Span& span, const Request& request, unsigned status,
                          std::chrono::steady_clock::time_point started);

  beast::tcp_stream stream_;
  Shared& shared_;
  bool admin_ = false;
  bool busy_ = false;
};

tracing::Span HttpSession::start_server_span(const Request& request, const Route& route) {
  const std::string_view method = view(request.method_string());
  std::string name(method);
  if (!route.template_path.empty()) name += " " + std::string(route.template_path);
  tracing::BeastHeaderCarrier carrier(static_cast<const http::fields&>(request));
  const tracing::Context parent = tracing::extract_context(carrier);
  tracing::StartOptions options = span_of_kind(tracing::SpanKind::server);
  if (parent.valid()) {
    options.parent = &parent;
  } else {
    options.new_root = true;
  }
  auto span = tracing::get_tracer("chat.http").start_span(name, options);
  if (!span.is_recording()) return span;
  const std::string_view target = view(request.target());
  const std::string_view host = view(request[http::field::host]);
  const std::string url = "http://" + std::string(host.empty() ? "localhost" : host) + std::string(target);
  const auto query_at = target.find('?');
  span.set_attribute("http.method", method);
  span.set_attribute("http.request.method", method);
  span.set_attribute("http.url", url);
  span.set_attribute("url.path", target.substr(0, query_at));
  if (query_at != std::string_view::npos) span.set_attribute("url.query", target.substr(query_at + 1));
  span.set_attribute("url.scheme", "http");
  if (!route.template_path.empty()) span.set_attribute("http.route", route.template_path);
  span.set_attribute("network.protocol.version", request.version() == 10 ? "1.0" : "1.1");
  span.set_attribute("server.address", shared_.options.address);
  span.set_attribute("server.port", static_cast<std::int64_t>(shared_.port));
  span.set_attribute("service.name", shared_.options.service_name);
  beast::error_code error;
  const auto peer = stream_.socket().remote_endpoint(error);
  if (!error) {
    const std::string peer_address = address_text(peer.address());
    span.set_attribute("client.address", peer_address);
    span.set_attribute("network.peer.address", peer_address);
    span.set_attribute("network.peer.port", static_cast<std::int64_t>(peer.port()));
  }
  if (const auto agent = view(request[http::field::user_agent]); !agent.empty()) {
    span.set_attribute("user_agent.original", agent);
  }
  span.set_attribute("http.request.body.size", static_cast<std::int64_t>(request.body().size()));
  return span;
}

void HttpSession::finish_server_span(tracing::Span& span, const Request& request, unsigned status,
                                     std::chrono::steady_clock::time_point started) {
  span.set_attribute("http.status_code", static_cast<std::int64_t>(status));
  span.set_attribute("http.response.status_code", static_cast<std::int64_t>(status));
  if (status >= 500) {
    span.set_attribute("error.type", std::to_string(status));
    span.set_status(tracing::StatusCode::error, "HTTP " + std::to_string(status));
  }
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  auto scope = span.as_context().attach();
  spdlog::info("{} {} {} {:.1f}ms", view(request.method_string()), view(request.target()), status, ms);
}

asio::awaitable<Response> HttpSession::respond(Request& request) {
  const auto started = std::chrono::steady_clock::now();
  const Route route = match_route(view(request.method_string()), target_path(view(request.target())));
  auto span = start_server_span(request, route);
  const ApiRequest api{view(request.method_string()), view(request.target()),
                       view(request[http::field::authorization]), request.body()};
  ApiResponse reply;
  try {
    reply = co_await tracing::in_context(span.as_context(), shared_.router.handle(route, api));
  } catch (const std::exception& error) {
    span.record_exception(error);
    reply = error_response(500, "internal error");
    auto scope = span.as_context().attach();
    spdlog::error("{} {} failed: {}", view(request.method_string()), view(request.target()), error.what());
  }
  if (reply.user_id) span.set_attribute("user.id", *reply.user_id);
  if (reply.room_id) span.set_attribute("chat.room_id", *reply.room_id);
  if (!reply.message_type.empty()) span.set_attribute("chat.message_type", reply.message_type);
  finish_server_span(span, request, reply.status, started);
  co_return make_response(request, reply.status, std::move(reply.body), reply.content_type);
}

// The admin pages: no span (looking at traces must not make traces), no log
// line per request.
Response HttpSession::respond_admin(const Request& request) {
  AdminReply reply;
  try {
    reply = handle_admin(view(request.method_string()), view(request.target()));
  } catch (const std::exception& error) {
    spdlog::error("admin {} failed: {}", view(request.target()), error.what());
    reply = AdminReply{500, render_error("internal error"), "application/json", {}};
  }
  Response response = make_response(request, reply.status, std::move(reply.body), reply.content_type);
  if (!reply.location.empty()) response.set(http::field::location, reply.location);
  response.set(http::field::cache_control, "no-store");
  if (request.method() == http::verb::head) response.body().clear();
  response.prepare_payload();
  return response;
}

// GET /ws?room=&token=: authenticate, then hand the connection to a WsSession.
asio::awaitable<void> HttpSession::upgrade(Request request) {
  const auto started = std::chrono::steady_clock::now();
  const Route route = match_route("GET", "/ws");
  auto span = start_server_span(request, route);
  const std::string_view target = view(request.target());
  unsigned status = 101;
  std::string problem;
  std::optional<User> user;
  std::optional<Room> room;
  try {
    auto scope = span.as_context().attach();
    user = shared_.services.auth.authenticate_token(query_param(target, "token"));
    const std::string room_text = query_param(target, "room");
    std::int64_t room_id = 0;
    const auto [end, error] = std::from_chars(room_text.data(), room_text.data() + room_text.size(), room_id);
    const bool room_ok = error == std::errc() && end == room_text.data() + room_text.size() && room_id > 0;
    if (!user) {
      status = 401, problem = "invalid or expired token";
    } else if (!room_ok) {
      status = 400, problem = "room must be a positive integer";
    } else if (!(room = shared_.services.store.find_room(room_id))) {
      status = 404, problem = "no such room";
    }
  } catch (const std::exception& error) {
    span.record_exception(error);
    status = 500, problem = "internal error";
  }
  if (user) span.set_attribute("user.id", user->id);
  if (room) span.set_attribute("chat.room_id", room->id);
  finish_server_span(span, request, status, started);
  span.end();
  if (status != 101) {
    auto response = make_response(request, status, render_error(problem));
    response.keep_alive(false);
    co_await http::async_write(stream_, response, kTuple);
    co_return;
  }
  auto session = std::make_shared<WsSession>(std::move(stream_), shared_.services, shared_.registry, std::move(*user),
                                             std::move(*room));
  co_await session->run(std::move(request));
}

asio::awaitable<void> HttpSession::run() {
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(kMaxBodyBytes);
    parser.header_limit(16 * 1024);
    stream_.expires_after(shared_.options.request_timeout);
    auto [error, bytes] = co_await http::async_read(stream_, buffer, parser, kTuple);
    if (error == http::error::body_limit) {
      Request stub;
      auto response = make_response(stub, 413, render_error("body larger than 64 KiB"));
      response.keep_alive(false);
      co_await http::async_write(stream_, response, kTuple);
      break;
    }
    const bool malformed = error && error.category() == http::make_error_code(http::error::bad_target).category() &&
                           error != http::error::end_of_stream && error != http::error::partial_message;
    if (malformed) {
      Request stub;
      auto response = make_response(stub, 400, render_error("malformed HTTP request: " + error.message()));
      response.keep_alive(false);
      co_await http::async_write(stream_, response, kTuple);
      break;
    }
    if (error) break;
    Request request = parser.release();
    if (admin_) {
      Response response = respond_admin(request);
      const bool keep_alive = request.keep_alive() && !shared_.registry.stopping();
      response.keep_alive(keep_alive);
      stream_.expires_after(shared_.options.request_timeout);
      if (auto [write_error, written] = co_await http::async_write(stream_, response, kTuple); write_error) break;
      if (!keep_alive) break;
      continue;
    }
    if (beast::websocket::is_upgrade(request)) {
      stream_.expires_never();
      co_await upgrade(std::move(request));
      co_return;
    }
    busy_ = true;
    Response response = co_await respond(request);
    busy_ = false;
    const bool keep_alive = request.keep_alive() && !shared_.registry.stopping();
    response.keep_alive(keep_alive);
    stream_.expires_after(shared_.options.request_timeout);
    if (auto [write_error, written] = co_await http::async_write(stream_, response, kTuple); write_error) break;
    if (!keep_alive) break;
  }
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace

struct ChatServer::Impl {
  Impl(ServerOptions options, ChatServices& services, Router& router)
      : shared{std::move(options), services, router, {}, 0},
        context(static_cast<int>(shared.options.threads)),
        acceptor(context),
        admin_acceptor(context),
        signals(context, SIGINT, SIGTERM) {}

  asio::awaitable<void> accept_loop(tcp::acceptor& from, bool admin);
  static std::uint16_t bind(tcp::acceptor& acceptor, const std::string& host, std::uint16_t port);
  asio::awaitable<void> drain();
  template <typename Socket>
  static void reject(Socket& socket);

  Shared shared;
  asio::io_context context;
  tcp::acceptor acceptor;
  tcp::acceptor admin_acceptor;
  std::uint16_t admin_port = 0;
  asio::signal_set signals;
  std::size_t left_open = 0;
};

template <typename Socket>
void ChatServer::Impl::reject(Socket& socket) {
  static constexpr std::string_view kBusy =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: 35\r\n"
      "Connection: close\r\n\r\n{\"error\":\"too many connections\"}\r\n";
  beast::error_code ignored;
  socket.non_blocking(true, ignored);
  socket.write_some(asio::buffer(kBusy.data(), kBusy.size()), ignored);
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

asio::awaitable<void> ChatServer::Impl::accept_loop(tcp::acceptor& from, bool admin) {
  for (;;) {
    auto [error, socket] = co_await from.async_accept(asio::make_strand(context), kTuple);
    if (shared.registry.stopping() || error == asio::error::operation_aborted) break;
    if (error) {
      // Out of descriptors or similar: back off briefly, keep serving the others.
      asio::steady_timer pause(context, std::chrono::milliseconds(50));
      co_await pause.async_wait(kTuple);
      continue;
    }
    if (shared.registry.count() >= shared.options.max_connections) {
      reject(socket);
      continue;
    }
    auto session = std::make_shared<HttpSession>(std::move(socket), shared, admin);
    shared.registry.add(session);
    asio::co_spawn(
        session->executor(),
        [session]() -> asio::awaitable<void> {
          try {
            co_await session->run();
          } catch (const std::exception& failure) {
            spdlog::error("connection failed: {}", failure.what());
          }
        },
        asio::detached);
  }
}

asio::awaitable<void> ChatServer::Impl::drain() {
  const auto deadline = std::chrono::steady_clock::now() + shared.options.drain_timeout;
  asio::steady_timer timer(context);
  while (shared.registry.count() > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(kTuple);
  }
  left_open = shared.registry.count();
  context.stop();
}

ChatServer::ChatServer(ServerOptions options, ChatServices& services, Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), services, router)) {}

ChatServer::~ChatServer() = default;

std::uint16_t ChatServer::Impl::bind(tcp::acceptor& acceptor, const std::string& host, std::uint16_t port) {
  beast::error_code error;
  const auto address = asio::ip::make_address(host, error);
  if (error) throw std::runtime_error("bad listen address " + host + ": " + error.message());
  const tcp::endpoint endpoint(address, port);
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + error.message());
  return acceptor.local_endpoint().port();
}

std::uint16_t ChatServer::listen() {
  auto& options = impl_->shared.options;
  impl_->shared.port = Impl::bind(impl_->acceptor, options.address, options.port);
  if (!options.admin_address.empty()) {
    impl_->admin_port = Impl::bind(impl_->admin_acceptor, options.admin_address, options.admin_port);
  }
  return impl_->shared.port;
}

std::uint16_t ChatServer::admin_port() const noexcept { return impl_->admin_port; }

std::size_t ChatServer::run() {
  auto& impl = *impl_;
  asio::co_spawn(impl.context, impl.accept_loop(impl.acceptor, false), asio::detached);
  if (impl.admin_acceptor.is_open()) {
    asio::co_spawn(impl.context, impl.accept_loop(impl.admin_acceptor, true), asio::detached);
  }
  impl.signals.async_wait([&impl](const beast::error_code& error, int signal) {
    if (error) return;
    spdlog::info("signal {}: no new connections; finishing {} open", signal, impl.shared.registry.count());
    beast::error_code ignored;
    impl.acceptor.close(ignored);
    impl.admin_acceptor.close(ignored);
    impl.shared.registry.close_all();
    asio::co_spawn(impl.context, impl.drain(), asio::detached);
  });
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < impl.shared.options.threads; ++i) workers.emplace_back([&impl] { impl.context.run(); });
  impl.context.run();
  for (auto& worker : workers) worker.join();
  return impl.left_open;
}

}  // namespace parley::chat
