// Posting a message (see message_service.h).
#include "service/message_service.h"

#include <stdexcept>

#include "http/json_codec.h"
#include "parley/tracing/tracer.h"
#include "span_kind.h"

namespace parley::chat {

MessageService::MessageService(ChatStore& store, RoomHub& hub, Assistant& assistant)
    : store_(store), hub_(hub), assistant_(assistant) {
  auto user = store_.find_user("assistant");
  if (!user) throw std::runtime_error("the database has no \"assistant\" user (migration missing)");
  assistant_user_ = std::move(*user);
}

std::size_t MessageService::broadcast(const Message& message) {
  auto span = tracing::get_tracer("chat.ws").start_as_current_span("send room.{room_id}",
                                                                    span_of_kind(tracing::SpanKind::producer));
  const std::string destination = "room." + std::to_string(message.room_id);
  span.set_attribute("messaging.system", "parley");
  span.set_attribute("messaging.operation.name", "send");
  span.set_attribute("messaging.operation.type", "send");
  span.set_attribute("messaging.destination.name", destination);
  span.set_attribute("messaging.destination.template", "room.{room_id}");
  span.set_attribute("messaging.message.id", std::to_string(message.id));
  span.set_attribute("chat.room_id", message.room_id);
  auto payload = std::make_shared<const std::string>(render_message_event(message));
  span.set_attribute("messaging.message.body.size", static_cast<std::int64_t>(payload->size()));
  const std::size_t recipients = hub_.broadcast(message.room_id, payload);
  span.set_attribute("chat.recipients", static_cast<std::int64_t>(recipients));
  return recipients;
}

boost::asio::awaitable<PostResult> MessageService::post(User author, std::int64_t room_id, std::string text,
                                                         std::string type) {
  PostResult result;
  if (!store_.find_room(room_id)) co_return result;
  result.room_found = true;
  result.message = store_.insert_message(room_id, author, text, type);
  broadcast(result.message);
  if (mentions_assistant(text)) {
    const std::string answer = co_await assistant_.answer(result.message);
    result.reply = store_.insert_message(room_id, assistant_user_, answer, "ai");
    broadcast(*result.reply);
  }
  co_return result;
}

}  // namespace parley::chat
