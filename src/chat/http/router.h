// router.h — the REST API: routes and thin handlers over the services.
//
// match_route() names the route of a request (the span name "{method}
// {route}" and http.route come from it, never from the raw path). handle()
// validates the input (json_codec.h), authenticates when the route needs a
// bearer token, calls the services and renders the reply. Every failure is
// a JSON {"error": "..."} with the right status; a handler that throws is
// the server's business (500).
//
// The HTTP types here are plain views: no Beast, so this header stays light.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "service/chat_services.h"

namespace parley::chat {

enum class RouteId {
  create_user,
  create_session,
  create_room,
  list_rooms,
  create_message,
  list_messages,
  healthz,
  info,
  chat_page,
  websocket,
  method_not_allowed,
  not_found,
};

struct Route {
  RouteId id = RouteId::not_found;
  std::string_view template_path;  // http.route, e.g. "/api/rooms/{id}/messages"; "" when unmatched
};

Route match_route(std::string_view method, std::string_view path);

struct ApiRequest {
  std::string_view method;
  std::string_view target;  // path and query as received
  std::string_view authorization;
  std::string_view body;
};

struct ApiResponse {
  unsigned status = 200;
  std::string body;
  std::string_view content_type = "application/json";
  // Facts for the server span (user.id, chat.room_id, chat.message_type).
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> room_id;
  std::string message_type;
};

ApiResponse error_response(unsigned status, std::string_view message);

// The path of a request target, without its query ("" if malformed).
std::string_view target_path(std::string_view target);

class Router {
 public:
  explicit Router(ChatServices& services) : services_(services) {}
  boost::asio::awaitable<ApiResponse> handle(const Route& route, const ApiRequest& request);
  // What GET /api/info tells the chat page: the service name and where the
  // trace page is ("" when the admin server is off). Set before serving.
  void set_info(std::string service, std::string trace_page) {
    service_ = std::move(service);
    trace_page_ = std::move(trace_page);
  }

 private:
  ApiResponse create_user(const ApiRequest& request);
  ApiResponse create_session(const ApiRequest& request);
  ApiResponse create_room(const ApiRequest& request);
  ApiResponse list_rooms();
  boost::asio::awaitable<ApiResponse> create_message(const ApiRequest& request);
  ApiResponse list_messages(const ApiRequest& request);
  ApiResponse info() const;
  ChatServices& services_;
  std::string service_ = "chat-system";
  std::string trace_page_;
};

}  // namespace parley::chat
