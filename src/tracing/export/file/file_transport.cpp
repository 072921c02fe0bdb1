#include "export/file/file_transport.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/log.h"
#include "export/factory.h"
#include "export/otlp/otlp_json_encoder.h"

namespace parley::tracing::detail {

FileTransport::FileTransport(std::string path) : path_(std::move(path)) {}

FileTransport::~FileTransport() {
  if (fd_ >= 0) ::close(fd_);
}

bool FileTransport::ensure_open(std::string& error) noexcept {
  if (fd_ >= 0) return true;
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    error = "cannot open " + path_ + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

SendResult FileTransport::send(std::string_view body, std::string_view content_type, Deadline deadline) noexcept {
  SendResult result = write_line(body, content_type, deadline);
  const bool failed = result.outcome != SendResult::Outcome::ok;
  if (failed != failing_) {  // one line per state change, never one per batch
    failing_ = failed;
    log(failed ? LogLevel::error : LogLevel::info,
        failed ? "file exporter: " + result.message + "; spans are being dropped"
               : "file exporter: writing to " + path_ + " again");
  }
  return result;
}

SendResult FileTransport::write_line(std::string_view body, std::string_view, Deadline) noexcept {
  SendResult result;
  try {
    if (!ensure_open(result.message)) {
      failures_.fetch_add(1, std::memory_order_relaxed);
      result.outcome = SendResult::Outcome::fatal;
      return result;
    }
    std::string line;
    line.reserve(body.size() + 1);
    line.append(body);
    line.push_back('\n');
    std::size_t written = 0;
    while (written < line.size()) {
      const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
      if (n < 0) {
        if (errno == EINTR) continue;
        result.outcome = SendResult::Outcome::fatal;
        result.message = "write to " + path_ + " failed: " + std::strerror(errno);
        failures_.fetch_add(1, std::memory_order_relaxed);
        return result;
      }
      written += static_cast<std::size_t>(n);
    }
    bytes_.fetch_add(line.size(), std::memory_order_relaxed);
    lines_.fetch_add(1, std::memory_order_relaxed);
  } catch (...) {
    result.outcome = SendResult::Outcome::fatal;
    result.message = "out of memory";
  }
  return result;
}

ExporterStats FileTransport::stats() const {
  ExporterStats stats;
  stats.batches_sent = lines_.load();
  stats.batches_failed = failures_.load();
  stats.bytes_sent = bytes_.load();
  return stats;
}

std::unique_ptr<SpanExporter> make_file_exporter(const ExporterConfig& exporter, const FinalConfig& config,
                                                 std::string&) {
  return std::make_unique<EncodingExporter>("file", std::make_unique<OtlpJsonEncoder>(),
                                            std::make_unique<FileTransport>(exporter.endpoint), config.export_timeout);
}

}  // namespace parley::tracing::detail
