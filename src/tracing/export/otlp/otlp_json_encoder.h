// OTLP/JSON encoder: ExportTraceServiceRequest in the OTLP JSON mapping (hex
// ids, integer enums, lowerCamelCase keys, 64-bit integers as strings). The
// file exporter writes one of these per line (the OpenTelemetry file-exporter
// format) and OTLP/HTTP sends it with Content-Type application/json.
#pragma once

#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

class OtlpJsonEncoder final : public SpanEncoder {
 public:
  std::string_view content_type() const noexcept override { return "application/json"; }
  void encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const override;
};

}  // namespace parley::tracing::detail
