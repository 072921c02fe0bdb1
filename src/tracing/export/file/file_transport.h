// Appends each request body as one line to a file (the OpenTelemetry
// file-exporter format when the body is OTLP JSON). Opens with O_APPEND, so
// it never truncates and concurrent writers of whole lines do not interleave.
#pragma once

#include <atomic>
#include <string>

#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

class FileTransport final : public Transport {
 public:
  explicit FileTransport(std::string path);
  ~FileTransport() override;
  FileTransport(const FileTransport&) = delete;
  FileTransport& operator=(const FileTransport&) = delete;

  std::string_view describe() const noexcept override { return path_; }
  SendResult send(std::string_view body, std::string_view content_type, Deadline deadline) noexcept override;
  ExporterStats stats() const override;

 private:
  bool ensure_open(std::string& error) noexcept;
  SendResult write_line(std::string_view body, std::string_view content_type, Deadline deadline) noexcept;
  bool failing_ = false;
  std::string path_;
  int fd_ = -1;
  std::atomic<std::uint64_t> bytes_{0};
  std::atomic<std::uint64_t> lines_{0};
  std::atomic<std::uint64_t> failures_{0};
};

}  // namespace parley::tracing::detail
