// chat_store.h — the chat's records and every query on them.
//
// ChatStore is the only code that knows the schema (see database.cpp for the
// migrations). Each method is one unit of work on one leased connection;
// writes of several rows run in a transaction, so nothing is ever stored
// half. All statements are prepared and bound (no SQL built from user data);
// each runs in a database.query.<table> span (store/database.h).
//
// Thread-safety: shared by every worker; each call leases its own
// connection. Errors: DatabaseError; a UNIQUE violation is reported as
// std::nullopt where the caller has an answer for it (a taken username).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace parley::chat {

struct User {
  std::int64_t id = 0;
  std::string username;
};

struct Credentials {
  std::int64_t user_id = 0;
  std::string password_hash;  // empty: cannot log in (the assistant)
};

struct Room {
  std::int64_t id = 0;
  std::string name;
};

struct Message {
  std::int64_t id = 0;
  std::int64_t room_id = 0;
  std::int64_t user_id = 0;
  std::string username;
  std::string text;
  std::string type;
  std::string created_at;  // ISO 8601, UTC, milliseconds
  std::string trace_id;    // 32 hex of the trace it was posted in; "" untraced
};

// A message found by full-text search, best first.
struct RetrievedMessage {
  std::int64_t id = 0;
  std::string username;
  std::string text;
};

class ChatStore {
 public:
  explicit ChatStore(Database& database) : database_(database) {}

  // Null when the username is taken.
  std::optional<User> create_user(std::string_view username, std::string_view password_hash);
  std::optional<Credentials> find_credentials(std::string_view username);
  std::optional<User> find_user(std::string_view username);

  void create_session(std::string_view token_hash, std::int64_t user_id, std::int64_t expires_at_unix);
  // The user of a live session (expires_at > now_unix).
  std::optional<User> find_session_user(std::string_view token_hash, std::int64_t now_unix);
  // Removes expired sessions; returns how many.
  int purge_sessions(std::int64_t now_unix);

  // Null when the name is taken.
  std::optional<Room> create_room(std::string_view name, std::int64_t created_by);
  std::vector<Room> list_rooms();
  std::optional<Room> find_room(std::int64_t room_id);

  Message insert_message(std::int64_t room_id, const User& author, std::string_view text, std::string_view type);
  // Newest first; messages with id < before_id when given.
  std::vector<Message> list_messages(std::int64_t room_id, int limit, std::optional<std::int64_t> before_id);
  // Full-text search (FTS5 MATCH, ranked by bm25) among the room's messages
  // older than `before_id`.
  std::vector<RetrievedMessage> search_messages(std::int64_t room_id, std::string_view fts_query,
                                                std::int64_t before_id, int limit);

 private:
  Database& database_;
};

}  // namespace parley::chat
