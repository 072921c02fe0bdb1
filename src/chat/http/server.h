// server.h — parley-chat's network front: listener, HTTP sessions, shutdown.
//
// ChatServer binds one TCP address and serves HTTP/1.1 (keep-alive) and
// WebSocket upgrades on an Asio io_context run by a small thread pool, each
// connection on its own strand. Every request is a SERVER span named
// "{method} {route}" that continues an incoming traceparent / b3 /
// uber-trace-id (whichever propagators are configured) and logs one line
// carrying its trace_id and span_id.
//
// Limits: request bodies over 64 KiB -> 413; malformed requests -> 400; a
// request must arrive within request_timeout (slow clients are cut off);
// beyond max_connections new connections get a 503 and are closed.
// run() returns after SIGTERM/SIGINT once the listener is closed and every
// connection has finished (or drain_timeout passed). A second listener
// serves the admin pages (the trace page) without tracing. No Boost here.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "service/chat_services.h"

namespace parley::chat {

class Router;

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  std::size_t threads = 2;
  std::size_t max_connections = 512;
  std::chrono::seconds request_timeout{30};
  std::chrono::seconds drain_timeout{10};
  std::string service_name = "chat-system";
  // The admin server (the trace page, admin/trace_api.h): same pool, its
  // own listener, never traced. Off when admin_address is empty.
  std::string admin_address = "127.0.0.1";
  std::uint16_t admin_port = 8081;
};

class ChatServer {
 public:
  ChatServer(ServerOptions options, ChatServices& services, Router& router);
  ~ChatServer();
  ChatServer(const ChatServer&) = delete;
  ChatServer& operator=(const ChatServer&) = delete;

  // Binds and listens (the admin listener too, when configured); returns the
  // bound port. Throws std::runtime_error.
  std::uint16_t listen();
  // The admin listener's bound port, 0 when it is off.
  std::uint16_t admin_port() const noexcept;
  // Serves until SIGTERM/SIGINT, then drains; returns the number of
  // connections still open when the drain deadline passed (0 when clean).
  std::size_t run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley::chat
