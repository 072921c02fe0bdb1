// Retrieval for the assistant: the FTS5 query built from a question, and
// bm25 search over a real SQLite database.
#include <gtest/gtest.h>

#include "ai/assistant.h"
#include "rag/retriever.h"
#include "temp_database.h"

namespace parley::chat {
namespace {

TEST(RetrieverQuery, QuotesWordsDropsShortOnesMentionsAndRepeats) {
  EXPECT_EQ(Retriever::fts_query("@ai Why is the Deploy deploy broken?"),
            R"("why" OR "the" OR "deploy" OR "broken")");
}

TEST(RetrieverQuery, FtsSyntaxInUserTextStaysLiteral) {
  EXPECT_EQ(Retriever::fts_query(R"(NEAR(foo bar) "quoted" col:value *star)"),
            R"("near" OR "foo" OR "bar" OR "quoted" OR "col" OR "value" OR "star")");
  EXPECT_EQ(Retriever::fts_query("?! a b"), "");
}

TEST(RetrieverQuery, BoundsTheNumberOfTerms) {
  std::string question;
  for (int i = 0; i < 40; ++i) question += "word" + std::to_string(i) + " ";
  const auto query = Retriever::fts_query(question);
  EXPECT_EQ(std::count(query.begin(), query.end(), '"'), 32);
}

TEST(Mentions, AiMustBeItsOwnWord) {
  EXPECT_TRUE(mentions_assistant("@ai hello"));
  EXPECT_TRUE(mentions_assistant("hey @ai, what now?"));
  EXPECT_TRUE(mentions_assistant("ask @ai"));
  EXPECT_FALSE(mentions_assistant("email me at bob@ai.org"));
  EXPECT_FALSE(mentions_assistant("@aim high"));
  EXPECT_FALSE(mentions_assistant("no mention"));
}

class RetrieverSearch : public TempStore {
 protected:
  void SetUp() override {
    TempStore::SetUp();
    alice_ = *store_->create_user("alice", "hash");
    room_ = store_->create_room("ops", alice_.id)->id;
    other_room_ = store_->create_room("random", alice_.id)->id;
  }
  User alice_;
  std::int64_t room_ = 0;
  std::int64_t other_room_ = 0;
};

TEST_F(RetrieverSearch, FindsRelatedOlderMessagesOfTheRoomBestFirst) {
  store_->insert_message(room_, alice_, "lunch at noon", "text");
  store_->insert_message(room_, alice_, "the deploy pipeline fails on staging", "text");
  store_->insert_message(room_, alice_, "deploy deploy deploy pipeline", "text");
  store_->insert_message(other_room_, alice_, "deploy pipeline in another room", "text");
  auto question = store_->insert_message(room_, alice_, "@ai why does the deploy pipeline fail?", "text");
  store_->insert_message(room_, alice_, "deploy pipeline said later", "text");

  Retriever retriever(*store_, true, 5);
  auto found = retriever.retrieve(room_, question.text, question.id);
  ASSERT_EQ(found.size(), 2u);
  // bm25: the message sharing three of the question's terms outranks the one
  // repeating two of them.
  EXPECT_EQ(found[0].text, "the deploy pipeline fails on staging");
  EXPECT_EQ(found[1].text, "deploy deploy deploy pipeline");
  EXPECT_EQ(found[0].username, "alice");
}

TEST_F(RetrieverSearch, DisabledRetrievesNothing) {
  store_->insert_message(room_, alice_, "deploy pipeline", "text");
  Retriever retriever(*store_, false, 5);
  EXPECT_TRUE(retriever.retrieve(room_, "deploy pipeline?", INT64_MAX).empty());
}

TEST_F(RetrieverSearch, RespectsTheDocumentLimit) {
  for (int i = 0; i < 10; ++i) store_->insert_message(room_, alice_, "deploy number " + std::to_string(i), "text");
  Retriever retriever(*store_, true, 3);
  EXPECT_EQ(retriever.retrieve(room_, "deploy", INT64_MAX).size(), 3u);
}

}  // namespace
}  // namespace parley::chat
