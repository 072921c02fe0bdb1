// Request-body parsers and response renderers (see json_codec.h).
#include "http/json_codec.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace parley::chat {
namespace {

namespace json = boost::json;

std::optional<json::object> parse_object(std::string_view body, std::string& error) {
  if (body.size() > kMaxBodyBytes) {
    error = "body too large";
    return std::nullopt;
  }
  boost::system::error_code code;
  json::parse_options options;
  options.max_depth = 32;
  json::value value = json::parse(json::string_view(body.data(), body.size()), code, {}, options);
  if (code) {
    error = "malformed JSON: " + code.message();
    return std::nullopt;
  }
  if (!value.is_object()) {
    error = "the body must be a JSON object";
    return std::nullopt;
  }
  return std::move(value.get_object());
}

// A required string member of bounded length.
bool take_string(const json::object& object, std::string_view key, std::size_t min, std::size_t max,
                 std::string& out, std::string& error) {
  const auto* member = object.if_contains(json::string_view(key.data(), key.size()));
  if (member == nullptr) {
    error = "missing field \"" + std::string(key) + "\"";
    return false;
  }
  if (!member->is_string()) {
    error = "field \"" + std::string(key) + "\" must be a string";
    return false;
  }
  const auto& text = member->get_string();
  if (text.size() < min || text.size() > max) {
    error = "field \"" + std::string(key) + "\" must be " + std::to_string(min) + " to " + std::to_string(max) +
            " bytes long";
    return false;
  }
  out.assign(text.data(), text.size());
  return true;
}

bool has_control_characters(std::string_view text, bool allow_newlines) {
  for (const unsigned char c : text) {
    if (c == 0x7f) return true;
    if (c < 0x20 && !(allow_newlines && (c == '\n' || c == '\t' || c == '\r'))) return true;
  }
  return false;
}

bool valid_username(std::string_view name) {
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool valid_type(std::string_view type) {
  if (type.empty() || type.size() > 32) return false;
  for (const char c : type) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

// The optional "type" (message kind) member under `key`.
bool take_type(const json::object& object, std::string_view key, std::string& out, std::string& error) {
  const auto* member = object.if_contains(json::string_view(key.data(), key.size()));
  if (member == nullptr) return true;
  if (!member->is_string() || !valid_type(std::string_view(member->get_string()))) {
    error = "field \"" + std::string(key) + "\" must be a lowercase word (a-z, _), at most 32 characters";
    return false;
  }
  out = std::string(member->get_string());
  return true;
}

bool take_text(const json::object& object, std::string& out, std::string& error) {
  if (!take_string(object, "text", 1, kMaxTextBytes, out, error)) return false;
  if (has_control_characters(out, true)) {
    error = "field \"text\" contains control characters";
    return false;
  }
  return true;
}

json::object message_object(const Message& message) {
  return json::object{{"id", message.id},
                      {"room_id", message.room_id},
                      {"user_id", message.user_id},
                      {"username", message.username},
                      {"text", message.text},
                      {"type", message.type},
                      {"created_at", message.created_at},
                      {"trace_id", message.trace_id}};
}

}  // namespace

Parsed<CredentialsBody> parse_credentials(std::string_view body, bool registering) {
  Parsed<CredentialsBody> result;
  auto object = parse_object(body, result.error);
  if (!object) return result;
  CredentialsBody credentials;
  if (!take_string(*object, "username", 3, 32, credentials.username, result.error)) return result;
  if (!valid_username(credentials.username)) {
    result.error = "field \"username\" may contain only letters, digits, '_', '-' and '.'";
    return result;
  }
  if (!take_string(*object, "password", registering ? 8 : 1, 256, credentials.password, result.error)) return result;
  result.value = std::move(credentials);
  return result;
}

Parsed<RoomBody> parse_room(std::string_view body) {
  Parsed<RoomBody> result;
  auto object = parse_object(body, result.error);
  if (!object) return result;
  RoomBody room;
  if (!take_string(*object, "name", 1, 64, room.name, result.error)) return result;
  if (has_control_characters(room.name, false)) {
    result.error = "field \"name\" contains control characters";
    return result;
  }
  result.value = std::move(room);
  return result;
}

Parsed<MessageBody> parse_message(std::string_view body) {
  Parsed<MessageBody> result;
  auto object = parse_object(body, result.error);
  if (!object) return result;
  MessageBody message;
  const auto* room = object->if_contains("room_id");
  if (room == nullptr) {
    result.error = "missing field \"room_id\"";
    return result;
  }
  if (room->is_int64() && room->get_int64() > 0) {
    message.room_id = room->get_int64();
  } else if (room->is_uint64() && room->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    message.room_id = static_cast<std::int64_t>(room->get_uint64());
  } else {
    result.error = "field \"room_id\" must be a positive integer";
    return result;
  }
  if (!take_text(*object, message.text, result.error)) return result;
  if (!take_type(*object, "type", message.type, result.error)) return result;
  result.value = std::move(message);
  return result;
}

Parsed<ClientFrame> parse_client_frame(std::string_view frame) {
  Parsed<ClientFrame> result;
  auto object = parse_object(frame, result.error);
  if (!object) return result;
  const auto* kind = object->if_contains("type");
  if (kind == nullptr || !kind->is_string() || kind->get_string() != "message") {
    result.error = "field \"type\" must be \"message\"";
    return result;
  }
  ClientFrame parsed;
  if (!take_text(*object, parsed.text, result.error)) return result;
  if (!take_type(*object, "message_type", parsed.type, result.error)) return result;
  if (const auto* trace = object->if_contains("trace")) {
    if (!trace->is_object()) {
      result.error = "field \"trace\" must be an object of strings";
      return result;
    }
    for (const auto& member : trace->get_object()) {
      if (!member.value().is_string()) continue;
      const auto& value = member.value().get_string();
      if (parsed.trace.size() >= kMaxTraceFields || value.size() > kMaxTraceValueBytes) continue;
      parsed.trace.emplace(std::string(member.key()), std::string(value));
    }
  }
  result.value = std::move(parsed);
  return result;
}

std::string render_error(std::string_view message) {
  return json::serialize(json::object{{"error", json::string_view(message.data(), message.size())}});
}

std::string render_user(const User& user) {
  return json::serialize(json::object{{"id", user.id}, {"username", user.username}});
}

std::string render_token(std::string_view token, std::int64_t expires_in_seconds) {
  return json::serialize(
      json::object{{"token", json::string_view(token.data(), token.size())}, {"expires_in", expires_in_seconds}});
}

std::string render_room(const Room& room) {
  return json::serialize(json::object{{"id", room.id}, {"name", room.name}});
}

std::string render_rooms(const std::vector<Room>& rooms) {
  json::array list;
  list.reserve(rooms.size());
  for (const auto& room : rooms) list.push_back(json::object{{"id", room.id}, {"name", room.name}});
  return json::serialize(list);
}

std::string render_info(std::string_view service, std::string_view trace_page) {
  json::object info{{"service", json::string_view(service.data(), service.size())}};
  if (trace_page.empty()) {
    info["trace_page"] = nullptr;
  } else {
    info["trace_page"] = json::string_view(trace_page.data(), trace_page.size());
  }
  return json::serialize(info);
}

std::string render_message(const Message& message) { return json::serialize(message_object(message)); }

std::string render_messages(const std::vector<Message>& messages) {
  json::array list;
  list.reserve(messages.size());
  for (const auto& message : messages) list.push_back(message_object(message));
  return json::serialize(list);
}

std::string render_message_event(const Message& message) {
  return json::serialize(json::object{{"type", "message"}, {"message", message_object(message)}});
}

}  // namespace parley::chat
