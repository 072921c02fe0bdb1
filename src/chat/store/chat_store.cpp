// The chat's queries (see chat_store.h).
#include "store/chat_store.h"

#include "parley/tracing/context.h"

namespace parley::chat {
namespace {
constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
}

std::optional<User> ChatStore::create_user(std::string_view username, std::string_view password_hash) {
  auto connection = database_.acquire();
  static const std::string sql =
      std::string("INSERT INTO users(username, password_hash, created_at) VALUES (?1, ?2, ") + kNow + ")";
  try {
    connection->prepare(sql, "users", "INSERT").bind(1, username).bind(2, password_hash).execute();
  } catch (const DatabaseError& error) {
    if (error.is_constraint()) return std::nullopt;
    throw;
  }
  return User{connection->last_insert_id(), std::string(username)};
}

std::optional<Credentials> ChatStore::find_credentials(std::string_view username) {
  auto connection = database_.acquire();
  auto query = connection->prepare("SELECT id, password_hash FROM users WHERE username = ?1", "users", "SELECT");
  query.bind(1, username);
  if (!query.step()) return std::nullopt;
  return Credentials{query.column_int(0), query.column_text(1)};
}

std::optional<User> ChatStore::find_user(std::string_view username) {
  auto connection = database_.acquire();
  auto query = connection->prepare("SELECT id, username FROM users WHERE username = ?1", "users", "SELECT");
  query.bind(1, username);
  if (!query.step()) return std::nullopt;
  return User{query.column_int(0), query.column_text(1)};
}

void ChatStore::create_session(std::string_view token_hash, std::int64_t user_id, std::int64_t expires_at_unix) {
  auto connection = database_.acquire();
  connection->prepare("INSERT INTO sessions(token_hash, user_id, expires_at) VALUES (?1, ?2, ?3)", "sessions", "INSERT")
      .bind(1, token_hash)
      .bind(2, user_id)
      .bind(3, expires_at_unix)
      .execute();
}

std::optional<User> ChatStore::find_session_user(std::string_view token_hash, std::int64_t now_unix) {
  auto connection = database_.acquire();
  auto query = connection->prepare(
      "SELECT u.id, u.username FROM sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.token_hash = ?1 AND s.expires_at > ?2",
      "sessions", "SELECT");
  query.bind(1, token_hash).bind(2, now_unix);
  if (!query.step()) return std::nullopt;
  return User{query.column_int(0), query.column_text(1)};
}

int ChatStore::purge_sessions(std::int64_t now_unix) {
  auto connection = database_.acquire();
  return connection->prepare("DELETE FROM sessions WHERE expires_at <= ?1", "sessions", "DELETE")
      .bind(1, now_unix)
      .execute();
}

std::optional<Room> ChatStore::create_room(std::string_view name, std::int64_t created_by) {
  auto connection = database_.acquire();
  static const std::string sql =
      std::string("INSERT INTO rooms(name, created_by, created_at) VALUES (?1, ?2, ") + kNow + ")";
  try {
    connection->prepare(sql, "rooms", "INSERT").bind(1, name).bind(2, created_by).execute();
  } catch (const DatabaseError& error) {
    if (error.is_constraint()) return std::nullopt;
    throw;
  }
  return Room{connection->last_insert_id(), std::string(name)};
}

std::vector<Room> ChatStore::list_rooms() {
  auto connection = database_.acquire();
  auto query = connection->prepare("SELECT id, name FROM rooms ORDER BY id", "rooms", "SELECT");
  std::vector<Room> rooms;
  while (query.step()) rooms.push_back(Room{query.column_int(0), query.column_text(1)});
  return rooms;
}

std::optional<Room> ChatStore::find_room(std::int64_t room_id) {
  auto connection = database_.acquire();
  auto query = connection->prepare("SELECT id, name FROM rooms WHERE id = ?1", "rooms", "SELECT");
  query.bind(1, room_id);
  if (!query.step()) return std::nullopt;
  return Room{query.column_int(0), query.column_text(1)};
}

Message ChatStore::insert_message(std::int64_t room_id, const User& author, std::string_view text,
                                  std::string_view type) {
  auto connection = database_.acquire();
  static const std::string sql = std::string("INSERT INTO messages(room_id, user_id, text, type, trace_id, created_at) ") +
                                 "VALUES (?1, ?2, ?3, ?4, ?5, " + kNow + ") RETURNING id, created_at";
  // One transaction: the message row and its full-text index entry together.
  Transaction transaction(*connection);
  Message message{0, room_id, author.id, author.username, std::string(text), std::string(type), {},
                  tracing::get_current_trace_id()};
  {
    auto insert = connection->prepare(sql, "messages", "INSERT");
    insert.bind(1, room_id).bind(2, author.id).bind(3, text).bind(4, type).bind(5, message.trace_id);
    if (insert.step()) {
      message.id = insert.column_int(0);
      message.created_at = insert.column_text(1);
    }
    while (insert.step()) {
    }
  }
  transaction.commit();
  return message;
}

std::vector<Message> ChatStore::list_messages(std::int64_t room_id, int limit, std::optional<std::int64_t> before_id) {
  auto connection = database_.acquire();
  auto query = connection->prepare(
      "SELECT m.id, m.room_id, m.user_id, u.username, m.text, m.type, m.created_at, m.trace_id "
      "FROM messages m JOIN users u ON u.id = m.user_id "
      "WHERE m.room_id = ?1 AND m.id < ?2 ORDER BY m.id DESC LIMIT ?3",
      "messages", "SELECT");
  query.bind(1, room_id).bind(2, before_id.value_or(INT64_MAX)).bind(3, static_cast<std::int64_t>(limit));
  std::vector<Message> messages;
  while (query.step()) {
    messages.push_back(Message{query.column_int(0), query.column_int(1), query.column_int(2), query.column_text(3),
                               query.column_text(4), query.column_text(5), query.column_text(6), query.column_text(7)});
  }
  return messages;
}

std::vector<RetrievedMessage> ChatStore::search_messages(std::int64_t room_id, std::string_view fts_query,
                                                         std::int64_t before_id, int limit) {
  auto connection = database_.acquire();
  auto query = connection->prepare(
      "SELECT m.id, u.username, m.text, bm25(messages_fts) AS score "
      "FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid JOIN users u ON u.id = m.user_id "
      "WHERE messages_fts MATCH ?1 AND m.room_id = ?2 AND m.id < ?3 ORDER BY score LIMIT ?4",
      "messages_fts", "SELECT");
  query.bind(1, fts_query).bind(2, room_id).bind(3, before_id).bind(4, static_cast<std::int64_t>(limit));
  std::vector<RetrievedMessage> found;
  while (query.step()) {
    found.push_back(RetrievedMessage{query.column_int(0), query.column_text(1), query.column_text(2)});
  }
  return found;
}

}  // namespace parley::chat
