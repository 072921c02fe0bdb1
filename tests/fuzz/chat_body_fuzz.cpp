// libFuzzer target: parley-chat's request-body parsers (REST bodies and
// WebSocket frames). Each parser must return a value or an error for any
// bytes, never crash, and a value must satisfy the documented bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/json_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parley::chat;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto require = [](bool condition) {
    if (!condition) std::abort();
  };
  if (auto message = parse_message(body)) {
    require(message.value->room_id > 0 && !message.value->text.empty() && message.value->text.size() <= kMaxTextBytes);
    require(!render_message(Message{1, message.value->room_id, 1, "u", message.value->text, message.value->type, ""}).empty());
  } else {
    require(!message.error.empty());
  }
  for (const bool registering : {true, false}) {
    if (auto credentials = parse_credentials(body, registering)) {
      require(credentials.value->username.size() >= 3 && credentials.value->username.size() <= 32);
      require(credentials.value->password.size() <= 256);
    }
  }
  if (auto room = parse_room(body)) require(!room.value->name.empty() && room.value->name.size() <= 64);
  if (auto frame = parse_client_frame(body)) {
    require(frame.value->trace.size() <= kMaxTraceFields);
    for (const auto& [key, value] : frame.value->trace) require(value.size() <= kMaxTraceValueBytes);
  }
  return 0;
}
