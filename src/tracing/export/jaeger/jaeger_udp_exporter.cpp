#include "export/jaeger/jaeger_udp_exporter.h"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/log.h"
#include "export/jaeger/jaeger_thrift_encoder.h"

namespace parley::tracing::detail {

JaegerUdpExporter::JaegerUdpExporter(std::string host, int port) : host_(std::move(host)), port_(port) {}

JaegerUdpExporter::~JaegerUdpExporter() {
  if (socket_ >= 0) ::close(socket_);
}

bool JaegerUdpExporter::ensure_socket() {
  if (socket_ >= 0) return true;
  addrinfo hints{};
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(port_);
  if (getaddrinfo(host_.c_str(), port.c_str(), &hints, &found) != 0 || found == nullptr) return false;
  socket_ = ::socket(found->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (socket_ >= 0 && ::connect(socket_, found->ai_addr, found->ai_addrlen) != 0) {
    ::close(socket_);
    socket_ = -1;
  }
  freeaddrinfo(found);
  return socket_ >= 0;
}

bool JaegerUdpExporter::send_part(std::span<const SpanData* const> part, const Resource& resource) {
  datagram_.clear();
  encode_jaeger_emit_batch(part, resource, seqid_, datagram_);
  if (datagram_.size() > kMaxJaegerDatagram) {
    if (part.size() == 1) {
      too_large_.fetch_add(1, std::memory_order_relaxed);
      return true;  // dropped and counted; the rest of the batch goes on
    }
    const std::size_t half = part.size() / 2;
    const bool first = send_part(part.first(half), resource);
    const bool second = send_part(part.subspan(half), resource);
    return first && second;
  }
  ++seqid_;
  if (!ensure_socket() || ::send(socket_, datagram_.data(), datagram_.size(), MSG_DONTWAIT) < 0) {
    failed_.fetch_add(1, std::memory_order_relaxed);
    if (!failing_) {
      failing_ = true;
      log(LogLevel::warning, "jaeger exporter: cannot send to udp://" + host_ + ":" + std::to_string(port_) + " (" +
                                 std::strerror(errno) + "); spans are dropped");
    }
    return false;
  }
  if (failing_) {
    failing_ = false;
    log(LogLevel::info, "jaeger exporter: sending to udp://" + host_ + ":" + std::to_string(port_) + " again");
  }
  sent_.fetch_add(1, std::memory_order_relaxed);
  bytes_.fetch_add(datagram_.size(), std::memory_order_relaxed);
  return true;
}

ExportResult JaegerUdpExporter::export_spans(std::span<const SpanData* const> batch, const Resource& resource) noexcept {
  try {
    return send_part(batch, resource) ? ExportResult::success : ExportResult::failure;
  } catch (...) {
    return ExportResult::failure;
  }
}

ExporterStats JaegerUdpExporter::stats() const {
  ExporterStats stats;
  stats.batches_sent = sent_.load();
  stats.batches_failed = failed_.load();
  stats.bytes_sent = bytes_.load();
  stats.dropped_circuit_open = 0;
  if (too_large_.load() > 0) stats.last_error = std::to_string(too_large_.load()) + " spans too large for a datagram";
  return stats;
}

}  // namespace parley::tracing::detail
