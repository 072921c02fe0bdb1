// ws_session.h — one WebSocket member of a room.
//
// Created by the HTTP session after GET /ws?room=&token= was authenticated;
// run() completes the upgrade, joins the room and reads frames until the
// client leaves. Every message of the room reaches the client as
// {"type":"message","message":{...}}; a client frame {"type":"message",
// "text":"...","trace":{"traceparent":...}} is posted to the room in a
// CONSUMER span "process room.{room_id}" that continues the client's trace
// (the seed's handle_message with extract_trace_context).
//
// Limits: frames over 64 KiB close with 1009; binary frames with 1003; a
// client that does not keep up (more than kMaxQueuedMessages waiting) is
// closed with 1008; idle peers are pinged and dropped after the idle
// timeout; shutdown closes with 1001. One write in flight, a bounded queue,
// all on the session's strand. Beast header: include only from server code.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <memory>
#include <string>

#include "http/connection_registry.h"
#include "service/chat_services.h"
#include "store/chat_store.h"
#include "ws/room_hub.h"

namespace parley::chat {

inline constexpr std::size_t kMaxQueuedMessages = 256;

class WsSession final : public Subscriber, public Closable, public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(boost::beast::tcp_stream&& stream, ChatServices& services, ConnectionRegistry& registry, User user,
            Room room);
  ~WsSession() override;

  boost::asio::awaitable<void> run(boost::beast::http::request<boost::beast::http::string_body> request);
  void deliver(std::shared_ptr<const std::string> payload) override;
  void close_for_shutdown() override;

 private:
  boost::asio::awaitable<void> handle_frame(std::string frame);
  void send(std::shared_ptr<const std::string> payload);
  void write_next();
  void close(boost::beast::websocket::close_code code, const char* reason);

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  ChatServices& services_;
  ConnectionRegistry& registry_;
  User user_;
  Room room_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  bool open_ = false;
  bool closing_ = false;
};

}  // namespace parley::chat
