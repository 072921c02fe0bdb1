// parley/tracing/recent_traces.h — the in-process view of recent traces.
//
// When tracing starts from configuration, an in-memory exporter keeps the
// most recent sampled traces (a ring of kRecentTraceCapacity traces, at most
// kRecentSpansPerTrace spans each) and per-span-name latency buckets and
// error counts, like OpenTelemetry's zPages "tracez". Under load the ring
// takes about 100 new traces a second, chosen by trace id (1 in `stride`),
// plus every trace with an error; the latency buckets count every span. It sits beside the
// configured exporters, so the trace page works whatever the provider. It
// runs on the export thread; these readers take a short lock and copy.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::tracing {

inline constexpr std::size_t kRecentTraceCapacity = 200;
inline constexpr std::size_t kRecentSpansPerTrace = 512;

struct RecentEvent {
  std::string name;
  std::uint64_t time_unix_ns = 0;
  std::vector<std::pair<std::string, std::string>> attributes;
};

struct RecentSpan {
  std::string trace_id;        // 32 hex
  std::string span_id;         // 16 hex
  std::string parent_span_id;  // "" for a root
  bool parent_remote = false;
  std::string name;
  std::string service;
  std::string kind;            // internal, server, client, producer, consumer
  std::string status;          // unset, ok, error
  std::string status_message;
  std::uint64_t start_unix_ns = 0;
  std::uint64_t end_unix_ns = 0;
  std::vector<std::pair<std::string, std::string>> attributes;  // values as text
  std::vector<RecentEvent> events;
};

struct RecentTrace {
  std::string trace_id;
  std::string root_name;       // the local root's name (or the earliest span's)
  std::uint64_t start_unix_ns = 0;
  std::uint64_t duration_ns = 0;
  bool error = false;
  std::size_t dropped_spans = 0;  // beyond kRecentSpansPerTrace
  std::vector<RecentSpan> spans;
  std::string bottleneck_span_id;  // largest self time on the critical path
};

// zPages latency buckets: [0,10us) [10us,100us) [100us,1ms) [1ms,10ms)
// [10ms,100ms) [100ms,1s) [1s,10s) [10s,100s) [100s,inf).
inline constexpr std::size_t kLatencyBuckets = 9;
struct SpanNameSummary {
  std::string name;
  std::uint64_t count = 0;
  std::uint64_t errors = 0;
  std::array<std::uint64_t, kLatencyBuckets> latency{};
  std::uint64_t max_ns = 0;
};

// Newest first.
std::vector<RecentTrace> recent_traces(std::size_t limit = kRecentTraceCapacity);
std::optional<RecentTrace> find_recent_trace(std::string_view trace_id_hex);
std::vector<SpanNameSummary> span_name_summaries();
// Lower bound (ns) of each latency bucket, for labels.
std::array<std::uint64_t, kLatencyBuckets> latency_bucket_bounds() noexcept;

struct RecentTracesAdmission {
  std::uint64_t stride = 1;         // 1 in `stride` new traces enters the ring now
  std::uint64_t skipped_spans = 0;  // spans of traces left out of the ring so far
};
RecentTracesAdmission recent_traces_admission();

}  // namespace parley::tracing
