// The Jaeger agent's UDP transport (udp://host:6831): one compact-Thrift
// emitBatch message per datagram, each under 65,000 bytes (a batch that does
// not fit is split; a single span that cannot fit is dropped and counted).
// Sends never block (MSG_DONTWAIT); nothing is read back.
#pragma once

#include <atomic>
#include <string>

#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

inline constexpr std::size_t kMaxJaegerDatagram = 65000;

class JaegerUdpExporter final : public SpanExporter {
 public:
  JaegerUdpExporter(std::string host, int port);
  ~JaegerUdpExporter() override;
  JaegerUdpExporter(const JaegerUdpExporter&) = delete;
  JaegerUdpExporter& operator=(const JaegerUdpExporter&) = delete;

  std::string_view name() const noexcept override { return "jaeger"; }
  ExportResult export_spans(std::span<const SpanData* const> batch, const Resource& resource) noexcept override;
  ExporterStats stats() const override;

 private:
  bool send_part(std::span<const SpanData* const> part, const Resource& resource);
  bool ensure_socket();
  std::string host_;
  int port_;
  int socket_ = -1;
  std::int32_t seqid_ = 0;
  std::string datagram_;
  bool failing_ = false;
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<std::uint64_t> too_large_{0};
  std::atomic<std::uint64_t> bytes_{0};
};

}  // namespace parley::tracing::detail
