// OTLP protobuf encoder: ExportTraceServiceRequest written straight from the
// span records (no generated code, no intermediate objects) in one pass, back
// to front, so every length is known when it is written; varints come from
// protozero. Field numbers: opentelemetry-proto trace.proto / common.proto.
// Keeps a per-thread scratch buffer (the largest request encoded so far).
#pragma once

#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

class OtlpProtoEncoder final : public SpanEncoder {
 public:
  std::string_view content_type() const noexcept override { return "application/x-protobuf"; }
  void encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const override;
};

}  // namespace parley::tracing::detail
