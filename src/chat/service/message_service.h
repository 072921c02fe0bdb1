// message_service.h — posting a message: store, fan out, ask the assistant.
//
// post() is the whole of POST /api/messages and of a WebSocket "message"
// frame once the caller is authenticated: check the room, store the message
// (one transaction), broadcast it to the room's WebSocket members, and when
// it mentions @ai, run the assistant and store and broadcast its answer as a
// message of the user "assistant". The user's message is stored and
// broadcast before the assistant runs, so an absent or failing Ollama never
// loses it.
//
// Spans: the store's database.query.* spans; "send room.{room_id}" (kind
// PRODUCER, messaging.* names, chat.recipients) per broadcast; the
// assistant's spans. Thread-safety: shared; every call is independent.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "ai/assistant.h"
#include "store/chat_store.h"
#include "ws/room_hub.h"

namespace parley::chat {

struct PostResult {
  bool room_found = false;
  Message message;
  std::optional<Message> reply;  // the assistant's answer, when asked
};

class MessageService {
 public:
  MessageService(ChatStore& store, RoomHub& hub, Assistant& assistant);

  boost::asio::awaitable<PostResult> post(User author, std::int64_t room_id, std::string text, std::string type);
  // Sends the message to the room's members; returns how many.
  std::size_t broadcast(const Message& message);

 private:
  ChatStore& store_;
  RoomHub& hub_;
  Assistant& assistant_;
  User assistant_user_;
};

}  // namespace parley::chat
