// A blocking HTTP/1.1 client for parley-loadgen: one libcurl easy handle per
// instance (one per worker thread), so connections are kept alive between
// requests. Never throws; a transport failure is reported in
// HttpResponse::error with libcurl's message.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::tools {

struct HttpResponse {
  long status = 0;            // 0 when no response arrived
  std::string body;
  std::string error;          // transport failure (connect, timeout, ...), else empty
  std::chrono::nanoseconds latency{0};
  bool ok() const noexcept { return error.empty() && status >= 200 && status < 300; }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
 public:
  explicit HttpClient(std::chrono::milliseconds timeout);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // `body` empty and method GET: no body. Content-Type is application/json
  // when a body is sent.
  HttpResponse send(std::string_view method, const std::string& url, const std::string& body,
                    const Headers& headers);

 private:
  void* handle_;  // CURL*
  std::chrono::milliseconds timeout_;
};

// libcurl's process-wide set-up; call once before threads start.
void http_global_init();

}  // namespace parley::tools

namespace parley::tools {

// scheme, host and port of an http(s) URL (libcurl's URL parser); nullopt
// when it is not one.
struct UrlParts {
  std::string scheme;
  std::string host;
  long port = 0;
};
std::optional<UrlParts> parse_http_url(const std::string& url);

}  // namespace parley::tools
