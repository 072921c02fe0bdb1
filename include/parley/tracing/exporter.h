// parley/tracing/exporter.h — the exporter interface, split in two.
//
// A SpanEncoder turns a batch of finished spans into request bytes and does no
// I/O (OTLP protobuf/JSON, Zipkin JSON, Jaeger Thrift). A Transport sends bytes
// and knows nothing of spans (file, HTTP via libcurl, gRPC, UDP); retry,
// back-off and circuit breaking live with the transport. EncodingExporter joins
// the two. Console output is an exporter of its own.
//
// Every exporter method runs on the processor's single export thread, never
// concurrently, and must not throw (the processor catches and counts anyway).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "parley/tracing/span_data.h"

namespace parley::tracing {

using Deadline = std::chrono::steady_clock::time_point;

enum class ExportResult : std::uint8_t {
  success,
  failure,  // the batch is lost (already retried as configured); counted
};

// Exporter-side health, shown by the trace page and the stats API.
struct ExporterStats {
  std::uint64_t batches_sent = 0;
  std::uint64_t batches_failed = 0;
  std::uint64_t retries = 0;
  std::uint64_t dropped_circuit_open = 0;  // spans dropped while the circuit was open
  std::uint64_t bytes_sent = 0;
  std::string circuit_state = "closed";     // closed | open | half-open
  std::string last_error;
};

class SpanExporter {
 public:
  virtual ~SpanExporter() = default;
  virtual std::string_view name() const noexcept = 0;
  virtual ExportResult export_spans(std::span<const SpanData* const> batch, const Resource& resource) noexcept = 0;
  virtual bool force_flush(Deadline /*deadline*/) noexcept { return true; }
  // Stops the exporter; interrupts back-off. Idempotent.
  virtual bool shutdown(Deadline /*deadline*/) noexcept { return true; }
  // Asks a blocked export (back-off sleep) to give up soon; any thread.
  virtual void interrupt() noexcept {}
  virtual ExporterStats stats() const { return {}; }
};

class SpanEncoder {
 public:
  virtual ~SpanEncoder() = default;
  virtual std::string_view content_type() const noexcept = 0;
  // Appends the request body for `batch` to `out`.
  virtual void encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const = 0;
};

struct SendResult {
  enum class Outcome : std::uint8_t { ok, retryable, fatal };
  Outcome outcome = Outcome::ok;
  int status = 0;  // HTTP status or gRPC code when there is one
  std::chrono::milliseconds retry_after{0};
  std::string message;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual std::string_view describe() const noexcept = 0;
  virtual SendResult send(std::string_view body, std::string_view content_type, Deadline deadline) noexcept = 0;
  virtual void interrupt() noexcept {}
  virtual ExporterStats stats() const { return {}; }
  // False while the transport refuses work (an open circuit): the exporter
  // then drops the batch without encoding it and reports it here.
  virtual bool accepting() noexcept { return true; }
  virtual void count_dropped(std::size_t /*spans*/) noexcept {}
};

// Encoder + transport. The transport owns retry and circuit state.
class EncodingExporter final : public SpanExporter {
 public:
  EncodingExporter(std::string name, std::unique_ptr<SpanEncoder> encoder, std::unique_ptr<Transport> transport,
                   std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
  std::string_view name() const noexcept override { return name_; }
  ExportResult export_spans(std::span<const SpanData* const> batch, const Resource& resource) noexcept override;
  void interrupt() noexcept override { transport_->interrupt(); }
  ExporterStats stats() const override;

 private:
  std::string name_;
  std::unique_ptr<SpanEncoder> encoder_;
  std::unique_ptr<Transport> transport_;
  std::string buffer_;
  std::chrono::milliseconds timeout_;
};

}  // namespace parley::tracing
