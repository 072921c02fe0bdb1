// OTLP protobuf encoder: ExportTraceServiceRequest written with protozero
// straight from the span records (no generated code, no intermediate
// objects). Field numbers: opentelemetry-proto trace.proto / common.proto.
#pragma once

#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

class OtlpProtoEncoder final : public SpanEncoder {
 public:
  std::string_view content_type() const noexcept override { return "application/x-protobuf"; }
  void encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const override;
};

}  // namespace parley::tracing::detail
