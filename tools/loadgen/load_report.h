// What a parley-loadgen run measured, and how it is told: latency
// percentiles (nearest rank), throughput, errors by status, and a few trace
// ids with links to the chosen backend's UI.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "request_mix.h"

namespace parley::tools {

struct RequestResult {
  RequestKind kind = RequestKind::plain;
  long status = 0;          // 0: no response (see error)
  std::string error;        // transport failure
  std::chrono::nanoseconds latency{0};
  std::string trace_id;     // empty when tracing is off
  bool ok() const noexcept { return error.empty() && status >= 200 && status < 300; }
};

struct LatencySummary {
  std::chrono::nanoseconds p50{0}, p95{0}, p99{0}, max{0};
};

// Nearest-rank percentiles of the latencies of `results`.
LatencySummary summarize_latency(const std::vector<RequestResult>& results);

enum class TraceBackend : std::uint8_t { jaeger, zipkin, builtin };

// The backend's page for one trace: Jaeger http://localhost:16686/trace/<id>,
// Zipkin http://localhost:9411/zipkin/traces/<id>, or the chat server's own
// page <admin_base>/debug/traces/<id>.
std::string trace_link(TraceBackend backend, std::string_view ui_base, std::string_view trace_id);
std::string_view default_ui_base(TraceBackend backend) noexcept;

struct RunReport {
  std::string url;
  std::size_t concurrency = 0;
  std::chrono::nanoseconds elapsed{0};
  std::vector<RequestResult> results;
  TraceBackend backend = TraceBackend::builtin;
  std::string ui_base;
};

// The closing summary, several lines ending in '\n'.
std::string render_summary(const RunReport& report);

}  // namespace parley::tools
