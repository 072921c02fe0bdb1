// ollama_client.h — Ollama's /api/chat over HTTP, streamed.
//
// One request per call: POST {OLLAMA_URL}/api/chat with "stream": true; the
// reply is NDJSON, one chunk per line, read as it arrives; the content of
// every chunk is appended until the line with "done": true (which carries
// done_reason and the token counts). The trace context is injected into the
// request headers, so an instrumented Ollama (or a proxy) continues the
// trace. A deadline covers connect, send and the whole streamed reply.
//
// Span: "chat {model}" of kind CLIENT, with the seed's ai.model, peer.service
// = ollama (Jaeger's service map then draws chat-system -> ollama), server
// address/port, the HTTP client names and the GenAI names (CONVENTIONS C4).
// Failures (refused, timeout, HTTP error, malformed stream) set error.type,
// an exception event and Error status, and come back as a reply with ok
// false — chat() never throws.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parley::chat {

struct OllamaEndpoint {
  std::string url;        // as configured, e.g. http://localhost:11434
  std::string host;
  std::uint16_t port = 11434;
  std::string base_path;  // "" or a prefix without trailing '/'
};

// Parses an http:// URL (Boost.URL); nullopt with `error` set when unusable.
std::optional<OllamaEndpoint> parse_ollama_url(std::string_view url, std::string& error);

struct ChatTurn {
  std::string role;  // system, user, assistant
  std::string content;
};

struct OllamaReply {
  bool ok = false;
  std::string content;
  std::string error;       // human-readable, when !ok
  std::string error_type;  // error.type value, when !ok
  std::string done_reason;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::size_t chunks = 0;
};

class OllamaClient {
 public:
  OllamaClient(OllamaEndpoint endpoint, std::chrono::milliseconds timeout)
      : endpoint_(std::move(endpoint)), timeout_(timeout) {}

  boost::asio::awaitable<OllamaReply> chat(std::string model, std::vector<ChatTurn> turns);
  const OllamaEndpoint& endpoint() const noexcept { return endpoint_; }

 private:
  OllamaEndpoint endpoint_;
  std::chrono::milliseconds timeout_;
};

}  // namespace parley::chat
