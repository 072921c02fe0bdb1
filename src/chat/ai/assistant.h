// assistant.h — the @ai assistant: retrieve, ask Ollama, shape the answer.
//
// answer() runs the seed's "AI Processing" under one span (ai.process, with
// ai.model, rag.enabled, chat.room_id): retrieval of related earlier
// messages (rag.retrieve), the prompt with them as context, the streamed
// Ollama call (a CLIENT span "chat {model}"), and result processing
// (ai.process_result: trim, bound the length, or the "unavailable" answer
// when Ollama is absent, slow or failing — then ai.process records the error
// too). It always produces a text to post; it never throws for Ollama's sake.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "ai/ollama_client.h"
#include "rag/retriever.h"
#include "store/chat_store.h"

namespace parley::chat {

struct AssistantOptions {
  std::string model = "llama2";
};

// Whether a message asks the assistant (an "@ai" mention as its own word).
bool mentions_assistant(std::string_view text) noexcept;

class Assistant {
 public:
  Assistant(Retriever& retriever, OllamaClient& client, AssistantOptions options)
      : retriever_(retriever), client_(client), options_(std::move(options)) {}

  boost::asio::awaitable<std::string> answer(const Message& question);
  const AssistantOptions& options() const noexcept { return options_; }

 private:
  std::vector<ChatTurn> prompt(const Message& question, const std::vector<RetrievedMessage>& documents) const;
  Retriever& retriever_;
  OllamaClient& client_;
  AssistantOptions options_;
};

}  // namespace parley::chat
