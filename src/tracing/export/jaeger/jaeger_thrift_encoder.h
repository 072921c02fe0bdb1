// Jaeger Thrift (binary protocol) for the collector's HTTP endpoint
// (/api/traces, Content-Type application/x-thrift): a bare Batch struct with
// the Process (service name, resource attributes as tags) and the spans (ids
// split into high/low, parentSpanId, FOLLOWS_FROM references for links,
// typed tags, logs from events, span.kind and status as tags, flags).
#pragma once

#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

class JaegerThriftEncoder final : public SpanEncoder {
 public:
  std::string_view content_type() const noexcept override { return "application/x-thrift"; }
  void encode(std::span<const SpanData* const> batch, const Resource& resource, std::string& out) const override;
};

// The agent's UDP datagram: a compact-protocol `emitBatch` ONEWAY message.
void encode_jaeger_emit_batch(std::span<const SpanData* const> batch, const Resource& resource, std::int32_t seqid,
                              std::string& out);

}  // namespace parley::tracing::detail
