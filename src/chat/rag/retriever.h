// retriever.h — retrieval of related earlier messages for the assistant.
//
// Turns a question into an FTS5 query (its words, each quoted, OR-ed; words
// of fewer than 3 characters and the @ai mention left out), and asks the
// store for the room's best bm25 matches among messages older than the
// question. The query is bound as a parameter; quoting each word means user
// text can never become FTS5 syntax.
//
// Span: rag.retrieve with rag.enabled, rag.documents (how many were found),
// chat.room_id and the GenAI retrieval names (gen_ai.operation.name =
// retrieval, gen_ai.data_source.id). Thread-safety: shared, stateless.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/chat_store.h"

namespace parley::chat {

class Retriever {
 public:
  Retriever(ChatStore& store, bool enabled, int max_documents)
      : store_(store), enabled_(enabled), max_documents_(max_documents) {}

  std::vector<RetrievedMessage> retrieve(std::int64_t room_id, std::string_view question, std::int64_t before_id);
  bool enabled() const noexcept { return enabled_; }

  // The FTS5 query for a question ("" when it has no usable word).
  static std::string fts_query(std::string_view question);

 private:
  ChatStore& store_;
  bool enabled_;
  int max_documents_;
};

}  // namespace parley::chat
