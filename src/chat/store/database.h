// database.h — SQLite connections, migrations and traced prepared statements.
//
// Database owns a small pool of connections to one SQLite file in WAL mode
// (one per worker thread plus one), each with its own cache of prepared
// statements. Code borrows a connection with acquire() for the length of one
// unit of work (a query or a transaction) and gives it back at scope exit.
// Statements are prepared once per connection and only ever bound with
// parameters: no SQL is built from user data.
//
// Every query runs inside a CLIENT span named database.query.<table> (the
// seed's naming) with the current database conventions beside the seed's
// names: db.system / db.system.name = sqlite, db.operation / db.operation.name,
// db.sql.table / db.collection.name, db.namespace, db.query.text (the
// parameterised statement). Failures set error.type and the span status.
//
// Thread-safety: Database is shared; a Lease and the Statement it hands out
// belong to one thread for their lifetime. Errors are reported as
// DatabaseError (an exception inside the chat server, never across the
// tracing library).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/tracing/span.h"

struct sqlite3;
struct sqlite3_stmt;

namespace parley::chat {

class DatabaseError : public std::runtime_error {
 public:
  DatabaseError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const noexcept { return code_; }
  // A UNIQUE / PRIMARY KEY violation.
  bool is_constraint() const noexcept;

 private:
  int code_;
};

class Connection;

// One prepared statement in use: bind, step, read columns. Reset on
// destruction so the cached statement can be reused.
class Statement {
 public:
  Statement(sqlite3_stmt* statement, std::string_view sql, std::string_view table, std::string_view operation);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind_null(int index);
  // Steps once; true while a row is available.
  bool step();
  // Runs to completion (INSERT/UPDATE/DELETE); returns the changed rows.
  int execute();

  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

 private:
  [[noreturn]] void fail(int code);
  sqlite3_stmt* statement_;
  std::int64_t rows_ = 0;
  tracing::Span span_;
};

class Connection {
 public:
  Connection(const std::string& path, bool create);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement for `sql`, traced as database.query.<table>.
  Statement prepare(std::string_view sql, std::string_view table, std::string_view operation);
  // Runs SQL with no parameters and no result (migrations, pragmas, BEGIN).
  void exec(const char* sql);
  std::int64_t last_insert_id() const;
  sqlite3* handle() const noexcept { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// RAII transaction on a leased connection: BEGIN IMMEDIATE; COMMIT on
// commit(), ROLLBACK when destroyed without it.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

class Database {
 public:
  // Opens (creating when missing) and migrates the database at `path`.
  Database(std::string path, std::size_t connections);
  ~Database();

  class Lease {
   public:
    Lease(Database& owner, std::unique_ptr<Connection> connection)
        : owner_(&owner), connection_(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    ~Lease();
    Connection* operator->() const noexcept { return connection_.get(); }
    Connection& operator*() const noexcept { return *connection_; }

   private:
    Database* owner_;
    std::unique_ptr<Connection> connection_;
  };

  Lease acquire();
  const std::string& path() const noexcept { return path_; }
  // The schema version after migration.
  int schema_version() const noexcept { return schema_version_; }

 private:
  void release(std::unique_ptr<Connection> connection);
  void migrate(Connection& connection);

  std::string path_;
  int schema_version_ = 0;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace parley::chat
