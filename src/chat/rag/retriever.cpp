// Retrieval of related messages with FTS5 (see retriever.h).
#include "rag/retriever.h"

#include <algorithm>
#include <set>

#include "parley/tracing/tracer.h"

namespace parley::chat {
namespace {
constexpr std::size_t kMaxQueryWords = 16;

bool word_char(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
}  // namespace

std::string Retriever::fts_query(std::string_view question) {
  std::set<std::string> seen;
  std::string query;
  std::size_t i = 0;
  while (i < question.size() && seen.size() < kMaxQueryWords) {
    while (i < question.size() && !word_char(static_cast<unsigned char>(question[i]))) ++i;
    const std::size_t start = i;
    while (i < question.size() && word_char(static_cast<unsigned char>(question[i]))) ++i;
    std::string word(question.substr(start, i - start));
    const bool mention = start > 0 && question[start - 1] == '@';
    if (word.size() < 3 || mention) continue;
    for (auto& c : word) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    if (!seen.insert(word).second) continue;
    if (!query.empty()) query += " OR ";
    query += '"' + word + '"';
  }
  return query;
}

std::vector<RetrievedMessage> Retriever::retrieve(std::int64_t room_id, std::string_view question,
                                                  std::int64_t before_id) {
  auto span = tracing::get_tracer("chat.rag").start_as_current_span("rag.retrieve");
  span.set_attribute("rag.enabled", enabled_);
  span.set_attribute("chat.room_id", room_id);
  span.set_attribute("gen_ai.operation.name", "retrieval");
  span.set_attribute("gen_ai.data_source.id", "messages_fts");
  std::vector<RetrievedMessage> documents;
  const std::string query = enabled_ ? fts_query(question) : std::string();
  if (!query.empty()) documents = store_.search_messages(room_id, query, before_id, max_documents_);
  span.set_attribute("rag.query_terms", static_cast<std::int64_t>(query.empty() ? 0 : std::count(query.begin(), query.end(), '"') / 2));
  span.set_attribute("rag.documents", static_cast<std::int64_t>(documents.size()));
  return documents;
}

}  // namespace parley::chat
