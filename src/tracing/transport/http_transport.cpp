#include "transport/http_transport.h"

#include <curl/curl.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <ctime>

namespace parley::tracing::detail {
namespace {

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

void ensure_curl_global() {
  static const auto* global = new CurlGlobal();  // never cleaned up: no work at exit
  (void)global;
}

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* response = static_cast<std::string*>(user);
  const std::size_t bytes = size * count;
  if (response->size() + bytes > 4 * 1024 * 1024) return 0;  // responses over 4 MiB are an error
  response->append(data, bytes);
  return bytes;
}

struct HeaderCapture {
  std::chrono::milliseconds retry_after{0};
};

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* user) {
  const std::size_t bytes = size * count;
  std::string_view line(data, bytes);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    bool match = true;
    for (std::size_t i = 0; i < kName.size(); ++i) {
      match = match && std::tolower(static_cast<unsigned char>(line[i])) == kName[i];
    }
    if (match) static_cast<HeaderCapture*>(user)->retry_after = parse_retry_after(line.substr(kName.size()));
  }
  return bytes;
}

// Called by libcurl on transfer events and about once a second while the
// peer is silent; non-zero aborts the transfer (CURLE_ABORTED_BY_CALLBACK).
int on_progress(void* transport, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const HttpTransport*>(transport)->interrupted_in_flight() ? 1 : 0;
}

}  // namespace

bool gzip_compress(std::string_view input, std::string& out) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return false;
  out.resize(deflateBound(&stream, static_cast<uLong>(input.size())) + 32);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return status == Z_STREAM_END;
}

std::chrono::milliseconds parse_retry_after(std::string_view value) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.remove_prefix(1);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
  if (value.empty()) return std::chrono::milliseconds(0);
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 6) return std::chrono::milliseconds(0);
    return std::chrono::seconds(std::stol(std::string(value)));
  }
  const std::string text(value);
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when < 0) return std::chrono::milliseconds(0);
  const time_t now = std::time(nullptr);
  return when > now ? std::chrono::seconds(when - now) : std::chrono::seconds(0);
}

HttpTransport::HttpTransport(HttpOptions options) : options_(std::move(options)) { ensure_curl_global(); }

HttpTransport::~HttpTransport() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

SendResult HttpTransport::send(std::string_view body, std::string_view content_type, Deadline deadline) noexcept {
  SendResult result;
  try {
    if (curl_ == nullptr) curl_ = curl_easy_init();
    CURL* curl = static_cast<CURL*>(curl_);
    if (curl == nullptr) {
      result.outcome = SendResult::Outcome::retryable;
      result.message = "could not create an HTTP client";
      return result;
    }
    curl_easy_reset(curl);  // keeps the connection cache
    std::string_view payload = body;
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("Content-Type: " + std::string(content_type)).c_str());
    headers = curl_slist_append(headers, "User-Agent: parley-tracing/" PARLEY_VERSION);
    headers = curl_slist_append(headers, "b3: 0");  // do not trace the tracing traffic
    headers = curl_slist_append(headers, "Expect:");
    if (options_.compression == Compression::gzip && gzip_compress(body, compressed_)) {
      payload = compressed_;
      headers = curl_slist_append(headers, "Content-Encoding: gzip");
    }
    for (const auto& [name, value] : options_.headers) {
      headers = curl_slist_append(headers, (name + ": " + value).c_str());
    }
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Deadline::clock::now());
    if (options_.timeout.count() > 0) remaining = std::min(remaining, options_.timeout);
    if (remaining.count() <= 0) remaining = std::chrono::milliseconds(1);
    response_.clear();
    HeaderCapture capture;
    curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(remaining.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min<std::int64_t>(remaining.count(), 5000)));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response_);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &capture);
    interrupts_at_start_ = interrupts_.load(std::memory_order_relaxed);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, this);
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (code != CURLE_OK) {
      result.outcome = SendResult::Outcome::retryable;
      result.message = std::string(curl_easy_strerror(code));
      return result;
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    result.status = static_cast<int>(status);
    result.retry_after = capture.retry_after;
    if (status >= 200 && status < 300) return result;
    result.outcome = (status == 429 || status == 502 || status == 503 || status == 504) ? SendResult::Outcome::retryable
                                                                                         : SendResult::Outcome::fatal;
    result.message = "HTTP " + std::to_string(status);
    if (!response_.empty()) result.message += ": " + response_.substr(0, 200);
  } catch (const std::exception& e) {
    result.outcome = SendResult::Outcome::fatal;
    result.message = e.what();
  }
  return result;
}

}  // namespace parley::tracing::detail
