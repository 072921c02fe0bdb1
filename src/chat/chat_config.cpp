// parley-chat's settings (see chat_config.h).
#include "chat_config.h"

#include <charconv>
#include <optional>
#include <tuple>
#include <utility>

namespace parley::chat {
namespace {

struct Variable {
  const char* name;
  const char* default_value;
  const char* doc;
};

constexpr Variable kVariables[] = {
    {"PARLEY_HTTP_ADDR", "127.0.0.1:8080", "listen address host:port (port 0 picks a free one)"},
    {"PARLEY_ADMIN_ADDR", "127.0.0.1:8081", "admin address of the trace page /debug/traces, or off"},
    {"PARLEY_DB", "./parley.db", "SQLite database file (created and migrated at start)"},
    {"OLLAMA_URL", "http://localhost:11434", "Ollama base URL (http only)"},
    {"OLLAMA_MODEL", "llama2", "model the @ai assistant asks"},
    {"OLLAMA_TIMEOUT_MS", "30000", "deadline for one Ollama call, streaming included"},
    {"PARLEY_THREADS", "2", "worker threads"},
    {"PARLEY_TOKEN_TTL_S", "86400", "bearer token lifetime in seconds"},
    {"PARLEY_RAG_ENABLED", "true", "retrieve related messages for the assistant's prompt"},
    {"PARLEY_RAG_DOCUMENTS", "5", "how many related messages at most"},
    {"PARLEY_MAX_CONNECTIONS", "512", "concurrent connections before new ones get 503"},
};

std::optional<std::int64_t> parse_integer(const std::string& text, std::int64_t min, std::int64_t max) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
  return value;
}

class Loader {
 public:
  explicit Loader(const tracing::EnvLookup& env) : env_(env) {}

  std::optional<std::string> get(const char* name) {
    auto value = env_(name);
    if (value && value->empty()) return std::nullopt;
    return value;
  }
  void reject(const char* name, const std::string& value, std::string accepted, std::string fallback) {
    diagnostics.push_back(tracing::Diagnostic{name, value, std::move(accepted), std::move(fallback)});
  }
  template <typename T>
  void integer(const char* name, T& out, std::int64_t min, std::int64_t max) {
    auto text = get(name);
    if (!text) return;
    if (auto value = parse_integer(*text, min, max)) {
      out = static_cast<T>(*value);
    } else {
      reject(name, *text, "an integer from " + std::to_string(min) + " to " + std::to_string(max),
             std::to_string(static_cast<std::int64_t>(out)));
    }
  }

  std::vector<tracing::Diagnostic> diagnostics;

 private:
  const tracing::EnvLookup& env_;
};

// "host:port" (IPv6 in brackets) -> host and port.
std::optional<std::pair<std::string, std::uint16_t>> parse_address(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const auto port = parse_integer(text.substr(colon + 1), 0, 65535);
  if (!port || host.empty()) return std::nullopt;
  return std::make_pair(std::move(host), static_cast<std::uint16_t>(*port));
}

void load_address(Loader& loader, ChatConfig& config) {
  if (auto text = loader.get("PARLEY_HTTP_ADDR")) {
    if (auto address = parse_address(*text)) {
      std::tie(config.http_host, config.http_port) = *address;
    } else {
      loader.reject("PARLEY_HTTP_ADDR", *text, "host:port, e.g. 127.0.0.1:8080", "127.0.0.1:8080");
    }
  }
  if (auto text = loader.get("PARLEY_ADMIN_ADDR")) {
    if (*text == "off") {
      config.admin_host.clear();
      config.admin_port = 0;
    } else if (auto address = parse_address(*text)) {
      std::tie(config.admin_host, config.admin_port) = *address;
    } else {
      loader.reject("PARLEY_ADMIN_ADDR", *text, "host:port, e.g. 127.0.0.1:8081, or off", "127.0.0.1:8081");
    }
  }
}

void load_ollama(Loader& loader, ChatConfig& config) {
  if (auto url = loader.get("OLLAMA_URL")) {
    std::string problem;
    if (auto endpoint = parse_ollama_url(*url, problem)) {
      config.ollama = std::move(*endpoint);
    } else {
      loader.reject("OLLAMA_URL", *url, "an http:// URL (" + problem + ")", config.ollama.url);
    }
  }
  if (auto model = loader.get("OLLAMA_MODEL")) config.ollama_model = *model;
  std::int64_t timeout_ms = config.ollama_timeout.count();
  loader.integer("OLLAMA_TIMEOUT_MS", timeout_ms, 1, 3'600'000);
  config.ollama_timeout = std::chrono::milliseconds(timeout_ms);
}

}  // namespace

LoadedChatConfig load_chat_config(const tracing::EnvLookup& env) {
  Loader loader(env);
  ChatConfig config;
  load_address(loader, config);
  if (auto path = loader.get("PARLEY_DB")) config.db_path = *path;
  load_ollama(loader, config);
  loader.integer("PARLEY_THREADS", config.threads, 1, 64);
  std::int64_t ttl = config.token_ttl.count();
  loader.integer("PARLEY_TOKEN_TTL_S", ttl, 1, 365LL * 24 * 3600);
  config.token_ttl = std::chrono::seconds(ttl);
  if (auto rag = loader.get("PARLEY_RAG_ENABLED")) {
    std::string lower;
    for (const char c : *rag) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (lower == "true" || lower == "false") {
      config.rag_enabled = lower == "true";
    } else {
      loader.reject("PARLEY_RAG_ENABLED", *rag, "true or false", "true");
    }
  }
  loader.integer("PARLEY_RAG_DOCUMENTS", config.rag_documents, 1, 50);
  loader.integer("PARLEY_MAX_CONNECTIONS", config.max_connections, 1, 100000);
  return LoadedChatConfig{std::move(config), std::move(loader.diagnostics)};
}

std::string describe_chat_config(const LoadedChatConfig& loaded, const tracing::EnvLookup& env) {
  const auto& config = loaded.config;
  auto effective = [&config](std::string_view name) -> std::string {
    if (name == "PARLEY_HTTP_ADDR") return config.http_host + ":" + std::to_string(config.http_port);
    if (name == "PARLEY_ADMIN_ADDR") {
      return config.admin_host.empty() ? std::string("off") : config.admin_host + ":" + std::to_string(config.admin_port);
    }
    if (name == "PARLEY_DB") return config.db_path;
    if (name == "OLLAMA_URL") return config.ollama.url;
    if (name == "OLLAMA_MODEL") return config.ollama_model;
    if (name == "OLLAMA_TIMEOUT_MS") return std::to_string(config.ollama_timeout.count());
    if (name == "PARLEY_THREADS") return std::to_string(config.threads);
    if (name == "PARLEY_TOKEN_TTL_S") return std::to_string(config.token_ttl.count());
    if (name == "PARLEY_RAG_ENABLED") return config.rag_enabled ? "true" : "false";
    if (name == "PARLEY_RAG_DOCUMENTS") return std::to_string(config.rag_documents);
    return std::to_string(config.max_connections);
  };
  std::string out;
  for (const auto& variable : kVariables) {
    const auto raw = env(variable.name);
    bool rejected = false;
    for (const auto& diagnostic : loaded.diagnostics) rejected = rejected || diagnostic.variable == variable.name;
    const char* source = raw && !raw->empty() ? (rejected ? "default; env value rejected" : "env") : "default";
    out += std::string(variable.name) + " = " + effective(variable.name) + " (" + source + ")  # " + variable.doc + "\n";
  }
  return out;
}

}  // namespace parley::chat
