// The SQLite store on a real temporary database file.
#include <gtest/gtest.h>

#include "parley/tracing/context.h"
#include "temp_database.h"

namespace parley::chat {
namespace {

TEST_F(TempDatabase, MigratesOnceAndKeepsDataAcrossReopen) {
  {
    Database database(path_.string(), 2);
    EXPECT_EQ(database.schema_version(), 3);
    ChatStore store(database);
    ASSERT_TRUE(store.create_user("alice", "hash"));
  }
  Database reopened(path_.string(), 1);
  ChatStore store(reopened);
  auto alice = store.find_user("alice");
  ASSERT_TRUE(alice);
  EXPECT_TRUE(store.find_user("assistant")) << "the assistant account comes with the schema";
}

TEST_F(TempDatabase, TakenUsernamesAndRoomNamesAreNullopt) {
  Database database(path_.string(), 1);
  ChatStore store(database);
  auto alice = store.create_user("alice", "hash");
  ASSERT_TRUE(alice);
  EXPECT_FALSE(store.create_user("alice", "other"));
  ASSERT_TRUE(store.create_room("general", alice->id));
  EXPECT_FALSE(store.create_room("general", alice->id));
  EXPECT_EQ(store.list_rooms().size(), 1u);
}

TEST_F(TempDatabase, SessionsExpire) {
  Database database(path_.string(), 1);
  ChatStore store(database);
  auto alice = store.create_user("alice", "hash");
  store.create_session("tokenhash", alice->id, 1000);
  EXPECT_EQ(store.find_session_user("tokenhash", 999)->username, "alice");
  EXPECT_FALSE(store.find_session_user("tokenhash", 1000));
  EXPECT_EQ(store.purge_sessions(1000), 1);
}

TEST_F(TempDatabase, MessagesPageNewestFirst) {
  Database database(path_.string(), 1);
  ChatStore store(database);
  auto alice = *store.create_user("alice", "hash");
  auto room = *store.create_room("general", alice.id);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(store.insert_message(room.id, alice, "m" + std::to_string(i), "text").id);
  auto first = store.list_messages(room.id, 2, std::nullopt);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].text, "m4");
  EXPECT_EQ(first[1].text, "m3");
  auto next = store.list_messages(room.id, 10, first[1].id);
  ASSERT_EQ(next.size(), 3u);
  EXPECT_EQ(next[0].text, "m2");
  EXPECT_EQ(next[2].id, ids[0]);
  EXPECT_EQ(next[0].username, "alice");
}

TEST_F(TempDatabase, AMessageKeepsTheTraceItWasPostedIn) {
  Database database(path_.string(), 1);
  ChatStore store(database);
  auto alice = *store.create_user("alice", "hash");
  auto room = *store.create_room("general", alice.id);
  EXPECT_EQ(store.insert_message(room.id, alice, "untraced", "text").trace_id, "");
  tracing::SpanContext request;
  request.trace_id = tracing::TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
  request.span_id = tracing::SpanId::from_hex("00f067aa0ba902b7");
  {
    tracing::ContextScope scope{tracing::Context(request)};
    EXPECT_EQ(store.insert_message(room.id, alice, "traced", "text").trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  }
  const auto page = store.list_messages(room.id, 10, std::nullopt);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(page[1].trace_id, "");
}

TEST_F(TempDatabase, MessageForUnknownRoomIsRejectedWhole) {
  Database database(path_.string(), 1);
  ChatStore store(database);
  auto alice = *store.create_user("alice", "hash");
  EXPECT_THROW(store.insert_message(4242, alice, "orphan", "text"), DatabaseError);
  EXPECT_TRUE(store.search_messages(4242, "\"orphan\"", INT64_MAX, 5).empty()) << "no index entry left behind";
}

TEST_F(TempDatabase, UserTextIsBoundNeverExecuted) {
  Database database(path_.string(), 1);
  ChatStore store(database);
  auto mallory = *store.create_user("mallory", "hash");
  auto room = *store.create_room("x'); DROP TABLE messages; --", mallory.id);
  store.insert_message(room.id, mallory, "'); DELETE FROM users; --", "text");
  EXPECT_EQ(store.list_messages(room.id, 10, std::nullopt).at(0).text, "'); DELETE FROM users; --");
  EXPECT_TRUE(store.find_user("mallory"));
}

}  // namespace
}  // namespace parley::chat
