// HTTP transport (libcurl): one reused easy handle (keep-alive), request
// headers, optional gzip, a timeout bounded by the caller's deadline, and a
// classification of the answer: 2xx ok; connection errors, 429, 502, 503,
// 504 retryable (with Retry-After); any other status fatal for that batch.
// interrupt() (any thread) aborts the request in flight, if there is one.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "parley/tracing/config.h"
#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

struct HttpOptions {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  Compression compression = Compression::none;
  std::chrono::milliseconds timeout{10000};  // 0: only the deadline bounds a request
};

class HttpTransport final : public Transport {
 public:
  explicit HttpTransport(HttpOptions options);
  ~HttpTransport() override;
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  std::string_view describe() const noexcept override { return options_.url; }
  SendResult send(std::string_view body, std::string_view content_type, Deadline deadline) noexcept override;
  void interrupt() noexcept override { interrupts_.fetch_add(1, std::memory_order_relaxed); }

  // True once interrupt() was called after the request in flight started.
  bool interrupted_in_flight() const noexcept {
    return interrupts_.load(std::memory_order_relaxed) != interrupts_at_start_;
  }

 private:
  HttpOptions options_;
  std::atomic<std::uint64_t> interrupts_{0};
  std::uint64_t interrupts_at_start_ = 0;  // of the request in flight
  void* curl_ = nullptr;  // CURL*, reused for keep-alive
  std::string compressed_;
  std::string response_;
};

// Gzip (RFC 1952) of `input` into `out`; false on a zlib error.
bool gzip_compress(std::string_view input, std::string& out);
// Retry-After: delta-seconds or an HTTP-date; 0 when absent or unparsable.
std::chrono::milliseconds parse_retry_after(std::string_view value);

}  // namespace parley::tracing::detail
