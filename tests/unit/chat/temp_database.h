// A real SQLite database file in the temporary directory for one test,
// removed with its WAL and shared-memory files afterwards. TempDatabase
// gives the path only (tests that open and reopen it themselves);
// TempStore opens it migrated, with a ChatStore on top.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "store/chat_store.h"
#include "store/database.h"

namespace parley::chat {

class TempDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("parley-chat-test-" + std::to_string(std::random_device{}()) + ".db");
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  std::filesystem::path path_;
};

class TempStore : public TempDatabase {
 protected:
  void SetUp() override {
    TempDatabase::SetUp();
    database_ = std::make_unique<Database>(path_.string(), 1);
    store_ = std::make_unique<ChatStore>(*database_);
  }
  void TearDown() override {
    store_.reset();
    database_.reset();
    TempDatabase::TearDown();
  }
  std::unique_ptr<Database> database_;
  std::unique_ptr<ChatStore> store_;
};

}  // namespace parley::chat
