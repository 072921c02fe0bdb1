// The @ai assistant (see assistant.h).
#include "ai/assistant.h"

#include "http/json_codec.h"
#include "parley/tracing/tracer.h"

namespace parley::chat {
namespace {

bool word_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

constexpr std::string_view kSystemPrompt =
    "You are the assistant of a chat room. Answer briefly and helpfully. "
    "Earlier messages of the room that may be relevant are given as context.";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\t' || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// Cuts at most kMaxTextBytes without splitting a UTF-8 sequence.
std::string bounded(std::string_view text) {
  if (text.size() <= kMaxTextBytes) return std::string(text);
  std::size_t cut = kMaxTextBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

}  // namespace

bool mentions_assistant(std::string_view text) noexcept {
  for (auto at = text.find("@ai"); at != std::string_view::npos; at = text.find("@ai", at + 1)) {
    const bool starts = at == 0 || !word_char(text[at - 1]);
    const bool ends = at + 3 == text.size() || !word_char(text[at + 3]);
    if (starts && ends) return true;
  }
  return false;
}

std::vector<ChatTurn> Assistant::prompt(const Message& question, const std::vector<RetrievedMessage>& documents) const {
  std::string system(kSystemPrompt);
  if (!documents.empty()) {
    system += "\n\nContext:";
    for (const auto& document : documents) system += "\n- " + document.username + ": " + document.text;
  }
  return {ChatTurn{"system", std::move(system)}, ChatTurn{"user", question.username + ": " + question.text}};
}

boost::asio::awaitable<std::string> Assistant::answer(const Message& question) {
  auto& tracer = tracing::get_tracer("chat.ai");
  auto span = tracer.start_as_current_span("ai.process");
  span.set_attribute("ai.model", options_.model);
  span.set_attribute("rag.enabled", retriever_.enabled());
  span.set_attribute("chat.room_id", question.room_id);
  span.set_attribute("chat.message_id", question.id);

  const auto documents = retriever_.retrieve(question.room_id, question.text, question.id);
  span.set_attribute("rag.documents", static_cast<std::int64_t>(documents.size()));
  const OllamaReply reply = co_await client_.chat(options_.model, prompt(question, documents));

  auto processing = tracer.start_as_current_span("ai.process_result");
  processing.set_attribute("ai.ok", reply.ok);
  std::string text;
  if (reply.ok && !trim(reply.content).empty()) {
    text = bounded(trim(reply.content));
  } else {
    const std::string why = reply.ok ? "Ollama returned an empty answer" : reply.error;
    text = "The assistant is unavailable right now (" + why + "). Your message was delivered.";
    processing.set_attribute("ai.fallback", true);
    span.set_attribute("error.type", reply.ok ? std::string("empty_answer") : reply.error_type);
    span.set_status(tracing::StatusCode::error, why);
  }
  processing.set_attribute("ai.response.length", static_cast<std::int64_t>(text.size()));
  co_return text;
}

}  // namespace parley::chat
