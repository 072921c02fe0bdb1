// Zipkin v2 JSON (a ListOfSpans): lowercase hex ids, timestamps and
// durations in microseconds (duration at least 1), kind omitted for
// INTERNAL, localEndpoint.serviceName from the resource, remoteEndpoint from
// peer attributes on CLIENT/PRODUCER spans, tags as strings, otel.status_code
// and error from the status, annotations from events, shared for server
// spans that continue a remote parent, debug from B3 debug.
#pragma once

#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

class ZipkinJsonEncoder final : public SpanEncoder {
 public:
  std::string_view content_type() const noexcept override { return "application/json"; }
  void encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const override;
};

}  // namespace parley::tracing::detail
