// chat_config.h — parley-chat's own settings, from the environment.
//
// Same rules as the tracing configuration: every variable optional, a bad
// value gives one diagnostic (variable, value, what is accepted, what is used
// instead) and falls back to its default; the server keeps starting.
// describe_chat_config() prints the effective values for --check-config.
// Reads the environment only through tracing::EnvLookup.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "ai/ollama_client.h"
#include "parley/tracing/config.h"

namespace parley::chat {

struct ChatConfig {
  std::string http_host = "127.0.0.1";
  std::uint16_t http_port = 8080;
  std::string admin_host = "127.0.0.1";  // "" when the admin server is off
  std::uint16_t admin_port = 8081;
  std::string db_path = "./parley.db";
  OllamaEndpoint ollama{"http://localhost:11434", "localhost", 11434, ""};
  std::string ollama_model = "llama2";
  std::chrono::milliseconds ollama_timeout{30000};
  std::size_t threads = 2;
  std::chrono::seconds token_ttl{24 * 3600};
  bool rag_enabled = true;
  int rag_documents = 5;
  std::size_t max_connections = 512;
};

struct LoadedChatConfig {
  ChatConfig config;
  std::vector<tracing::Diagnostic> diagnostics;
};

LoadedChatConfig load_chat_config(const tracing::EnvLookup& env);
// One "NAME = value (source)" line per variable.
std::string describe_chat_config(const LoadedChatConfig& loaded, const tracing::EnvLookup& env);

}  // namespace parley::chat
