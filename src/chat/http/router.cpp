// The REST API's routes and handlers (see router.h).
#include "http/router.h"

#include <boost/url/parse.hpp>
#include <charconv>

#include "http/json_codec.h"
#include "web/web_assets.h"
#include "service/auth_service.h"
#include "service/message_service.h"
#include "store/chat_store.h"

namespace parley::chat {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 200;

std::optional<std::int64_t> positive_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// "/api/rooms/{id}/messages" -> the {id} segment.
std::optional<std::string_view> room_messages_id(std::string_view path) {
  constexpr std::string_view kPrefix = "/api/rooms/";
  constexpr std::string_view kSuffix = "/messages";
  if (path.size() <= kPrefix.size() + kSuffix.size() || !path.starts_with(kPrefix) || !path.ends_with(kSuffix)) {
    return std::nullopt;
  }
  auto id = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
  if (id.find('/') != std::string_view::npos) return std::nullopt;
  return id;
}

ApiResponse json_response(unsigned status, std::string body) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace

ApiResponse error_response(unsigned status, std::string_view message) {
  return json_response(status, render_error(message));
}

std::string_view target_path(std::string_view target) {
  auto parsed = boost::urls::parse_origin_form(boost::core::string_view(target.data(), target.size()));
  if (!parsed) return {};
  const auto path = parsed->encoded_path();
  return std::string_view(path.data(), path.size());
}

Route match_route(std::string_view method, std::string_view path) {
  struct Entry {
    std::string_view method;
    std::string_view path;
    RouteId id;
  };
  static constexpr Entry kRoutes[] = {
      {"POST", "/api/users", RouteId::create_user},     {"POST", "/api/sessions", RouteId::create_session},
      {"POST", "/api/rooms", RouteId::create_room},     {"GET", "/api/rooms", RouteId::list_rooms},
      {"POST", "/api/messages", RouteId::create_message}, {"GET", "/healthz", RouteId::healthz},
      {"GET", "/api/info", RouteId::info},              {"GET", "/", RouteId::chat_page},
      {"GET", "/ws", RouteId::websocket},
  };
  bool path_known = false;
  for (const auto& entry : kRoutes) {
    if (entry.path != path) continue;
    path_known = true;
    if (entry.method == method) return Route{entry.id, entry.path};
  }
  if (room_messages_id(path)) {
    if (method == "GET") return Route{RouteId::list_messages, "/api/rooms/{id}/messages"};
    return Route{RouteId::method_not_allowed, "/api/rooms/{id}/messages"};
  }
  if (path_known) return Route{RouteId::method_not_allowed, path == "/api/rooms" ? "/api/rooms" : ""};
  return Route{};
}

boost::asio::awaitable<ApiResponse> Router::handle(const Route& route, const ApiRequest& request) {
  switch (route.id) {
    case RouteId::create_user: co_return create_user(request);
    case RouteId::create_session: co_return create_session(request);
    case RouteId::create_room: co_return create_room(request);
    case RouteId::list_rooms: co_return list_rooms();
    case RouteId::create_message: co_return co_await create_message(request);
    case RouteId::list_messages: co_return list_messages(request);
    case RouteId::healthz: co_return json_response(200, R"({"status":"ok"})");
    case RouteId::info: co_return info();
    case RouteId::chat_page: {
      ApiResponse page = json_response(200, std::string(chat_page_html()));
      page.content_type = "text/html; charset=utf-8";
      co_return page;
    }
    case RouteId::websocket: co_return error_response(426, "this endpoint needs a WebSocket upgrade");
    case RouteId::method_not_allowed: co_return error_response(405, "method not allowed");
    case RouteId::not_found: break;
  }
  co_return error_response(404, "no such endpoint");
}

ApiResponse Router::create_user(const ApiRequest& request) {
  auto body = parse_credentials(request.body);
  if (!body) return error_response(400, body.error);
  auto user = services_.auth.register_user(body.value->username, body.value->password);
  if (!user) return error_response(409, "username already taken");
  auto response = json_response(201, render_user(*user));
  response.user_id = user->id;
  return response;
}

ApiResponse Router::create_session(const ApiRequest& request) {
  auto body = parse_credentials(request.body, false);
  if (!body) return error_response(400, body.error);
  auto session = services_.auth.login(body.value->username, body.value->password);
  if (!session) return error_response(401, "invalid username or password");
  return json_response(200, render_token(session->token, session->expires_in_seconds));
}

ApiResponse Router::create_room(const ApiRequest& request) {
  const auto token = AuthService::bearer_token(request.authorization);
  if (!token) return error_response(401, "missing bearer token");
  const auto user = services_.auth.authenticate_token(*token);
  if (!user) return error_response(401, "invalid or expired token");
  auto body = parse_room(request.body);
  if (!body) return error_response(400, body.error);
  auto room = services_.store.create_room(body.value->name, user->id);
  if (!room) return error_response(409, "room name already taken");
  auto response = json_response(201, render_room(*room));
  response.user_id = user->id;
  response.room_id = room->id;
  return response;
}

ApiResponse Router::info() const { return json_response(200, render_info(service_, trace_page_)); }

ApiResponse Router::list_rooms() { return json_response(200, render_rooms(services_.store.list_rooms())); }

boost::asio::awaitable<ApiResponse> Router::create_message(const ApiRequest& request) {
  const auto token = AuthService::bearer_token(request.authorization);
  if (!token) co_return error_response(401, "missing bearer token");
  auto user = services_.auth.authenticate_token(*token);
  if (!user) co_return error_response(401, "invalid or expired token");
  auto body = parse_message(request.body);
  if (!body) co_return error_response(400, body.error);
  const std::int64_t user_id = user->id;
  const std::int64_t room_id = body.value->room_id;
  const std::string type = body.value->type;
  auto posted = co_await services_.messages.post(std::move(*user), room_id, std::move(body.value->text), type);
  ApiResponse response = posted.room_found ? json_response(201, render_message(posted.message))
                                           : error_response(404, "no such room");
  response.user_id = user_id;
  response.room_id = room_id;
  response.message_type = type;
  co_return response;
}

ApiResponse Router::list_messages(const ApiRequest& request) {
  auto parsed = boost::urls::parse_origin_form(boost::core::string_view(request.target.data(), request.target.size()));
  if (!parsed) return error_response(400, "malformed request target");
  const auto path = parsed->encoded_path();
  const auto room_id = positive_integer(*room_messages_id(std::string_view(path.data(), path.size())));
  if (!room_id) return error_response(400, "the room id must be a positive integer");
  int limit = kDefaultPageSize;
  std::optional<std::int64_t> before;
  for (const auto& param : parsed->params()) {
    if (param.key == "limit") {
      const auto value = positive_integer(param.value);
      if (!value || *value > kMaxPageSize) return error_response(400, "limit must be an integer from 1 to 200");
      limit = static_cast<int>(*value);
    } else if (param.key == "before") {
      before = positive_integer(param.value);
      if (!before) return error_response(400, "before must be a positive message id");
    }
  }
  if (!services_.store.find_room(*room_id)) {
    auto response = error_response(404, "no such room");
    response.room_id = room_id;
    return response;
  }
  auto response = json_response(200, render_messages(services_.store.list_messages(*room_id, limit, before)));
  response.room_id = room_id;
  return response;
}

}  // namespace parley::chat
