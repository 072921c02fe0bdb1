#include <chrono>

#include "core/log.h"
#include "parley/tracing/exporter.h"

namespace parley::tracing {

EncodingExporter::EncodingExporter(std::string name, std::unique_ptr<SpanEncoder> encoder,
                                   std::unique_ptr<Transport> transport, std::chrono::milliseconds timeout)
    : name_(std::move(name)), encoder_(std::move(encoder)), transport_(std::move(transport)), timeout_(timeout) {}

ExportResult EncodingExporter::export_spans(std::span<const SpanData* const> batch, const Resource& resource) noexcept {
  try {
    if (!transport_->accepting()) {
      transport_->count_dropped(batch.size());
      return ExportResult::failure;
    }
    buffer_.clear();
    encoder_->encode(batch, resource, buffer_);
    const auto deadline = timeout_.count() > 0 ? Deadline::clock::now() + timeout_ : Deadline::max();
    const SendResult result = transport_->send(buffer_, encoder_->content_type(), deadline);
    if (result.outcome == SendResult::Outcome::ok) return ExportResult::success;
    return ExportResult::failure;
  } catch (const std::exception& e) {
    detail::log(LogLevel::error, name_ + " exporter: " + e.what());
    return ExportResult::failure;
  }
}

ExporterStats EncodingExporter::stats() const { return transport_->stats(); }

}  // namespace parley::tracing
