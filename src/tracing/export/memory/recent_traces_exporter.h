// The in-memory exporter behind parley/tracing/recent_traces.h: keeps the
// newest sampled traces and per-name latency summaries in one process-wide
// store (bounded: kRecentTraceCapacity traces x kRecentSpansPerTrace spans).
#pragma once

#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

class RecentTracesExporter final : public SpanExporter {
 public:
  std::string_view name() const noexcept override { return "recent"; }
  ExportResult export_spans(std::span<const SpanData* const> batch, const Resource& resource) noexcept override;
};

// Empties the store (tests).
void clear_recent_traces() noexcept;

}  // namespace parley::tracing::detail
