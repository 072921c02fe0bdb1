// trace_api.h — the admin server's pages and JSON API (the trace page).
//
// Served on PARLEY_ADMIN_ADDR (loopback by default), never traced itself, so
// looking at traces makes none. Everything is read from the tracing
// library's in-process ring of recent sampled traces (recent_traces.h) and
// its counters (stats()), so it works with every provider.
//
//   GET /debug/traces                      the trace page (HTML)
//   GET /debug/traces/{trace id}           the trace page, opened on that trace
//   GET /debug/traces/api/traces?limit=N   recent traces, newest first
//   GET /debug/traces/api/traces/{id}      one trace: spans with offsets from its start
//   GET /debug/traces/api/spans            per span name: count, errors, latency buckets
//   GET /debug/traces/api/services         service map (nodes, edges with calls/errors)
//   GET /debug/traces/api/health           the pipeline and exporters' counters
//
// Times that would lose precision as JSON numbers (Unix nanoseconds) are
// given as milliseconds since the epoch or as offsets from the trace start.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parley/tracing/provider.h"
#include "parley/tracing/recent_traces.h"

namespace parley::chat {

struct AdminReply {
  unsigned status = 200;
  std::string body;
  std::string_view content_type = "application/json";
  std::string location;  // for redirects
};

AdminReply handle_admin(std::string_view method, std::string_view target);

// The renderers behind the API, for tests.
std::string render_trace_list(const std::vector<tracing::RecentTrace>& traces);
std::string render_trace(const tracing::RecentTrace& trace);
std::string render_span_names(const std::vector<tracing::SpanNameSummary>& summaries);
std::string render_service_map(const std::vector<tracing::RecentTrace>& traces);
std::string render_health(bool enabled, const tracing::TracingStats& stats,
                          const tracing::RecentTracesAdmission& recent = {});

}  // namespace parley::chat
