// json_codec.h — request bodies in, response bodies out.
//
// The parsers turn untrusted bytes (an HTTP body or a WebSocket frame) into
// validated values or one clear error message for a 400 reply / a close
// frame. They never throw and never read past the input; a fuzz target
// (tests/fuzz/chat_body_fuzz.cpp) drives every one of them. Rules: the body is
// a JSON object (UTF-8, nesting depth <= 32); required fields present with
// the right type; unknown fields ignored; lengths bounded (see the k*
// constants). The renderers produce the API's JSON.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/chat_store.h"

namespace parley::chat {

inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;
inline constexpr std::size_t kMaxTextBytes = 8000;
inline constexpr std::size_t kMaxTraceFields = 8;
inline constexpr std::size_t kMaxTraceValueBytes = 1024;

template <typename T>
struct Parsed {
  std::optional<T> value;
  std::string error;  // set when value is empty
  explicit operator bool() const noexcept { return value.has_value(); }
};

struct CredentialsBody {
  std::string username;
  std::string password;
};

struct RoomBody {
  std::string name;
};

struct MessageBody {
  std::int64_t room_id = 0;
  std::string text;
  std::string type = "text";
};

// A frame a WebSocket client sends: {"type":"message","text":"...",
// "message_type"?: "...", "trace"?: {"traceparent": "...", ...}}.
struct ClientFrame {
  std::string text;
  std::string type = "text";
  std::map<std::string, std::string> trace;  // carrier for extract_context
};

// Registration enforces the password rules (8 to 256 bytes); a login only
// bounds the length (1 to 256), so a wrong short password is a 401.
Parsed<CredentialsBody> parse_credentials(std::string_view body, bool registering = true);
Parsed<RoomBody> parse_room(std::string_view body);
Parsed<MessageBody> parse_message(std::string_view body);
Parsed<ClientFrame> parse_client_frame(std::string_view frame);

std::string render_error(std::string_view message);
std::string render_user(const User& user);
std::string render_token(std::string_view token, std::int64_t expires_in_seconds);
std::string render_room(const Room& room);
std::string render_rooms(const std::vector<Room>& rooms);
std::string render_message(const Message& message);
// GET /api/info: {"service", "trace_page"} (trace_page null when "").
std::string render_info(std::string_view service, std::string_view trace_page);
std::string render_messages(const std::vector<Message>& messages);
// The WebSocket event {"type":"message","message":{...}}.
std::string render_message_event(const Message& message);

}  // namespace parley::chat
