// Spans read from traces files, grouped into traces and analysed.
//
// group_traces() collects spans by trace id (a trace's spans may be spread
// over many lines and files; a span seen twice is kept once), runs the
// critical-path analysis of export/console/trace_tree.h on each trace and
// orders traces by start time. TraceFilter selects traces the way
// parley-trace's options do. Pure functions over owned values.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "otlp_lines.h"

namespace parley::tools {

struct Trace {
  tracing::TraceId id;
  std::vector<ParsedSpan> spans;
  std::vector<tracing::detail::SpanSummary> summaries;  // same order as spans
  tracing::detail::TraceAnalysis analysis;
  std::uint64_t start_ns = 0;     // earliest span start
  std::uint64_t duration_ns = 0;  // earliest start to latest end
  bool error = false;             // some span ended with error status
};

std::vector<Trace> group_traces(std::vector<ParsedSpan> spans);

struct TraceFilter {
  std::string trace_id;                 // a prefix of the hex id, any case; empty: any
  std::string span_name;                // a substring of some span's name; empty: any
  std::chrono::nanoseconds min_duration{0};
  bool errors_only = false;

  bool matches(const Trace& trace) const;
};

// "250ms", "1.5s", "800us", "120000ns"; a bare number is milliseconds.
std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text);

}  // namespace parley::tools
