// Trace trees for people: the seed's "Performance Analysis" view.
//
//   Trace: POST /api/messages (1.2s total)  trace_id=4bf9...
//   ├─ HTTP Handler (50ms)
//   ├─ AI Processing (800ms)
//   │  ├─ Ollama Request (750ms) ← Bottleneck
//   │  └─ Result Processing (50ms)
//   └─ WebSocket Broadcast (250ms)
//
// The bottleneck is the span on the critical path with the largest self time
// (its duration minus the time covered by its children). The critical path is
// walked back from the root's end: the child that ends last is on it, then
// the child that ended before that one started, and so on, recursively. Used by the console exporter and
// by parley-trace; pure functions over owned copies of spans.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parley/tracing/ids.h"
#include "parley/tracing/span.h"
#include "parley/tracing/span_data.h"

namespace parley::tracing::detail {

struct SpanSummary {
  TraceId trace_id;
  SpanId span_id;
  SpanId parent_span_id;
  std::string name;
  std::string service;
  SpanKind kind = SpanKind::internal;
  StatusCode status = StatusCode::unset;
  std::string status_message;
  std::uint64_t start_ns = 0;
  std::uint64_t end_ns = 0;
  std::uint64_t duration_ns() const noexcept { return end_ns > start_ns ? end_ns - start_ns : 0; }
};

SpanSummary summarize(const SpanData& span, std::string_view service);

struct TraceAnalysis {
  std::vector<std::size_t> roots;                  // indices of spans without a parent in the set
  std::vector<std::vector<std::size_t>> children;  // per span, sorted by start time
  std::vector<std::uint64_t> self_ns;              // duration minus children's covered time
  std::vector<std::size_t> critical_path;          // spans on it, root first
  std::size_t bottleneck = SIZE_MAX;               // index into spans, or SIZE_MAX
};

// `spans` must belong to one trace.
TraceAnalysis analyze_trace(const std::vector<SpanSummary>& spans);

// Renders one trace as the tree above; `color` adds ANSI colours.
std::string render_trace(const std::vector<SpanSummary>& spans, const TraceAnalysis& analysis, bool color = false);

// "1.2s", "50ms", "2.35ms", "340µs".
std::string format_duration(std::uint64_t ns);

}  // namespace parley::tracing::detail
