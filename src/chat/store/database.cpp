// SQLite connections, migrations and traced statements (see database.h).
#include "store/database.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "parley/tracing/tracer.h"
#include "span_kind.h"

namespace parley::chat {
namespace {

namespace tracing = parley::tracing;

tracing::Tracer& db_tracer() {
  static tracing::Tracer& tracer = tracing::get_tracer("chat.store");
  return tracer;
}

// Schema migrations, applied in order; PRAGMA user_version holds how many ran.
constexpr std::array<const char*, 3> kMigrations = {
    R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE rooms (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  room_id INTEGER NOT NULL REFERENCES rooms(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  text TEXT NOT NULL,
  type TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX messages_room ON messages(room_id, id);
INSERT INTO users(username, password_hash, created_at)
  VALUES ('assistant', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
)sql",
    R"sql(
CREATE VIRTUAL TABLE messages_fts USING fts5(text, content='messages', content_rowid='id');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
)sql",
    // The trace a message was posted in ('' when tracing was off), so the
    // chat page can link every message to its trace.
    R"sql(
ALTER TABLE messages ADD COLUMN trace_id TEXT NOT NULL DEFAULT '';
)sql",
};

[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  throw DatabaseError(code, message);
}

}  // namespace

bool DatabaseError::is_constraint() const noexcept { return (code_ & 0xff) == SQLITE_CONSTRAINT; }

Statement::Statement(sqlite3_stmt* statement, std::string_view sql, std::string_view table,
                     std::string_view operation)
    : statement_(statement) {
  auto& tracer = db_tracer();
  // "database.query.<table>" without a heap allocation per statement.
  constexpr std::string_view kPrefix = "database.query.";
  char name[64];
  const std::size_t table_size = std::min(table.size(), sizeof(name) - kPrefix.size());
  std::memcpy(name, kPrefix.data(), kPrefix.size());
  std::memcpy(name + kPrefix.size(), table.data(), table_size);
  span_ = tracer.start_span(std::string_view(name, kPrefix.size() + table_size),
                            span_of_kind(tracing::SpanKind::client));
  if (span_.is_recording()) {
    // The names the issue's dashboards know (db.system, db.operation,
    // db.sql.table) beside the current conventions' (db.system.name,
    // db.operation.name, db.collection.name).
    span_.set_attribute("db.system", "sqlite");
    span_.set_attribute("db.system.name", "sqlite");
    span_.set_attribute("db.operation", operation);
    span_.set_attribute("db.operation.name", operation);
    span_.set_attribute("db.sql.table", table);
    span_.set_attribute("db.collection.name", table);
    span_.set_attribute("db.query.text", sql);
  }
}

Statement::~Statement() {
  if (span_.is_recording()) span_.set_attribute("db.response.returned_rows", rows_);
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

void Statement::fail(int code) {
  sqlite3* db = sqlite3_db_handle(statement_);
  const char* message = sqlite3_errmsg(db);
  span_.set_attribute("error.type", sqlite3_errstr(code));
  span_.set_attribute("db.response.status_code", static_cast<std::int64_t>(code));
  span_.record_exception("parley::chat::DatabaseError", message);
  throw DatabaseError(sqlite3_extended_errcode(db), message);
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int code = sqlite3_bind_int64(statement_, index, value);
  if (code != SQLITE_OK) fail(code);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  const int code = sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (code != SQLITE_OK) fail(code);
  return *this;
}

Statement& Statement::bind_null(int index) {
  const int code = sqlite3_bind_null(statement_, index);
  if (code != SQLITE_OK) fail(code);
  return *this;
}

bool Statement::step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) {
    ++rows_;
    return true;
  }
  if (code == SQLITE_DONE) return false;
  fail(code);
}

int Statement::execute() {
  while (step()) {
  }
  return sqlite3_changes(sqlite3_db_handle(statement_));
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(statement_, index); }

std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(statement_, index);
  const int size = sqlite3_column_bytes(statement_, index);
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

bool Statement::column_is_null(int index) const { return sqlite3_column_type(statement_, index) == SQLITE_NULL; }

Connection::Connection(const std::string& path, bool create) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  const int code = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (code != SQLITE_OK) {
    std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    sqlite3_close(db_);
    db_ = nullptr;
    throw DatabaseError(code, "cannot open " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec("PRAGMA foreign_keys=ON");
}

Connection::~Connection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

Statement Connection::prepare(std::string_view sql, std::string_view table, std::string_view operation) {
  auto found = statements_.find(std::string(sql));
  if (found == statements_.end()) {
    sqlite3_stmt* statement = nullptr;
    const int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                        &statement, nullptr);
    if (code != SQLITE_OK) throw_error(db_, code, "prepare");
    found = statements_.emplace(std::string(sql), statement).first;
  }
  return Statement(found->second, sql, table, operation);
}

void Connection::exec(const char* sql) {
  char* error = nullptr;
  const int code = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (code != SQLITE_OK) {
    std::string message = error != nullptr ? error : sqlite3_errstr(code);
    sqlite3_free(error);
    throw DatabaseError(code, message);
  }
}

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

Transaction::Transaction(Connection& connection) : connection_(connection) { connection_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    connection_.exec("ROLLBACK");
  } catch (const DatabaseError&) {
    // Nothing more to undo: SQLite already rolled back after the failure.
  }
}

void Transaction::commit() {
  connection_.exec("COMMIT");
  done_ = true;
}

Database::Database(std::string path, std::size_t connections) : path_(std::move(path)) {
  auto first = std::make_unique<Connection>(path_, true);
  migrate(*first);
  idle_.push_back(std::move(first));
  for (std::size_t i = 1; i < connections; ++i) idle_.push_back(std::make_unique<Connection>(path_, false));
}

Database::~Database() = default;

Database::Lease::~Lease() {
  if (connection_ != nullptr) owner_->release(std::move(connection_));
}

Database::Lease Database::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  return Lease(*this, std::make_unique<Connection>(path_, false));
}

void Database::release(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
}

void Database::migrate(Connection& connection) {
  int version = 0;
  {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(connection.handle(), "PRAGMA user_version", -1, &statement, nullptr);
    if (sqlite3_step(statement) == SQLITE_ROW) version = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
  }
  for (auto index = static_cast<std::size_t>(version); index < kMigrations.size(); ++index) {
    Transaction transaction(connection);
    connection.exec(kMigrations[index]);
    connection.exec(("PRAGMA user_version=" + std::to_string(index + 1)).c_str());
    transaction.commit();
  }
  schema_version_ = static_cast<int>(kMigrations.size());
}

}  // namespace parley::chat
