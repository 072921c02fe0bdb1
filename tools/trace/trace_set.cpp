#include "trace_set.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <utility>

namespace parley::tools {
namespace {

struct TraceKey {
  std::uint64_t high;
  std::uint64_t low;
  auto operator<=>(const TraceKey&) const = default;
};

Trace make_trace(std::vector<ParsedSpan> spans) {
  Trace trace;
  trace.id = spans.front().summary.trace_id;
  trace.start_ns = UINT64_MAX;
  std::uint64_t end_ns = 0;
  for (const auto& span : spans) {
    trace.start_ns = std::min(trace.start_ns, span.summary.start_ns);
    end_ns = std::max(end_ns, span.summary.end_ns);
    trace.error = trace.error || span.summary.status == tracing::StatusCode::error;
    trace.summaries.push_back(span.summary);
  }
  trace.duration_ns = end_ns - trace.start_ns;
  trace.spans = std::move(spans);
  trace.analysis = tracing::detail::analyze_trace(trace.summaries);
  return trace;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::vector<Trace> group_traces(std::vector<ParsedSpan> spans) {
  std::map<TraceKey, std::vector<ParsedSpan>> by_trace;
  std::set<std::pair<TraceKey, std::uint64_t>> seen;
  for (auto& span : spans) {
    const TraceKey key{span.summary.trace_id.high, span.summary.trace_id.low};
    if (!seen.emplace(key, span.summary.span_id.value).second) continue;
    by_trace[key].push_back(std::move(span));
  }
  std::vector<Trace> traces;
  traces.reserve(by_trace.size());
  for (auto& [key, members] : by_trace) traces.push_back(make_trace(std::move(members)));
  std::stable_sort(traces.begin(), traces.end(),
                   [](const Trace& a, const Trace& b) { return a.start_ns < b.start_ns; });
  return traces;
}

bool TraceFilter::matches(const Trace& trace) const {
  if (!trace_id.empty() && !trace.id.to_hex().starts_with(lowercase(trace_id))) return false;
  if (static_cast<std::int64_t>(trace.duration_ns) < min_duration.count()) return false;
  if (errors_only && !trace.error) return false;
  if (span_name.empty()) return true;
  return std::any_of(trace.spans.begin(), trace.spans.end(), [&](const ParsedSpan& span) {
    return span.summary.name.find(span_name) != std::string::npos;
  });
}

std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text) {
  double value = 0;
  const auto [rest, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || value < 0 || text.empty()) return std::nullopt;
  const std::string_view unit(rest, static_cast<std::size_t>(text.data() + text.size() - rest));
  double scale = 0;
  if (unit.empty() || unit == "ms") {
    scale = 1e6;
  } else if (unit == "s") {
    scale = 1e9;
  } else if (unit == "us" || unit == "µs") {
    scale = 1e3;
  } else if (unit == "ns") {
    scale = 1;
  } else {
    return std::nullopt;
  }
  const double nanos = value * scale;
  if (nanos > 9.2e18) return std::nullopt;
  return std::chrono::nanoseconds(static_cast<std::int64_t>(nanos));
}

}  // namespace parley::tools
