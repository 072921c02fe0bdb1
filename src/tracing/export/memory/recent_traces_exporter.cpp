#include "export/memory/recent_traces_exporter.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "export/console/trace_tree.h"
#include "parley/tracing/recent_traces.h"
#include "parley/tracing/span.h"

namespace parley::tracing {
namespace detail {
namespace {

// Copying every span of every trace into the ring would cost the export
// thread more than encoding them for the backend, for a page that shows 200
// traces. So new traces are admitted by their id: those whose low bits are
// zero under a stride that doubles while more than kAdmittedPerSecond were
// admitted in the last second and halves when fewer than a quarter were.
// Decided by the id, every span of a trace gets the same answer whatever
// batch it comes in; traces with an error span in the batch are always
// admitted. Latency summaries count every span.
constexpr std::uint64_t kAdmittedPerSecond = 100;
constexpr std::uint64_t kMaxStride = std::uint64_t{1} << 20;

struct TraceIdHash {
  std::size_t operator()(const TraceId& id) const noexcept { return static_cast<std::size_t>(id.low ^ id.high); }
};

struct RecentStore {
  std::mutex mutex;
  std::deque<TraceId> order;  // oldest first
  std::unordered_map<TraceId, RecentTrace, TraceIdHash> traces;
  std::map<std::string, SpanNameSummary, std::less<>> names;
  std::uint64_t stride = 1;
  std::chrono::steady_clock::time_point window_start{};
  std::uint64_t admitted_in_window = 0;
  std::uint64_t skipped_spans = 0;
};

void adapt_stride(RecentStore& s) {
  const auto now = std::chrono::steady_clock::now();
  if (now - s.window_start < std::chrono::seconds(1)) return;
  if (s.admitted_in_window > kAdmittedPerSecond && s.stride < kMaxStride) {
    s.stride *= 2;
  } else if (s.admitted_in_window < kAdmittedPerSecond / 4 && s.stride > 1) {
    s.stride /= 2;
  }
  s.window_start = now;
  s.admitted_in_window = 0;
}

RecentStore& store() {
  static auto* instance = new RecentStore();  // never destroyed
  return *instance;
}

constexpr std::array<std::uint64_t, kLatencyBuckets> kBounds = {
    0, 10'000, 100'000, 1'000'000, 10'000'000, 100'000'000, 1'000'000'000, 10'000'000'000, 100'000'000'000};

std::size_t bucket_of(std::uint64_t ns) {
  std::size_t bucket = 0;
  while (bucket + 1 < kLatencyBuckets && ns >= kBounds[bucket + 1]) ++bucket;
  return bucket;
}

RecentSpan copy_span(const SpanData& span, std::string_view service) {
  RecentSpan out;
  out.trace_id = span.trace_id().to_hex();
  out.span_id = span.span_id().to_hex();
  if (span.parent_span_id().valid()) out.parent_span_id = span.parent_span_id().to_hex();
  out.parent_remote = span.parent_is_remote();
  out.name = std::string(span.name());
  out.service = std::string(service);
  out.kind = std::string(to_string(span.kind()));
  out.status = std::string(to_string(span.status_code()));
  out.status_message = std::string(span.status_message());
  out.start_unix_ns = span.start_unix_ns();
  out.end_unix_ns = span.end_unix_ns();
  for (const auto& attribute : span.attributes()) {
    out.attributes.emplace_back(std::string(attribute.key), to_string(attribute.value));
  }
  for (const auto& event : span.events()) {
    RecentEvent copy{std::string(event.name), event.time_unix_ns, {}};
    for (const auto& attribute : span.attributes_of(event)) {
      copy.attributes.emplace_back(std::string(attribute.key), to_string(attribute.value));
    }
    out.events.push_back(std::move(copy));
  }
  return out;
}

void refresh(RecentTrace& trace) {
  std::uint64_t start = UINT64_MAX, end = 0;
  trace.error = false;
  const RecentSpan* root = nullptr;
  std::vector<SpanSummary> summaries;
  summaries.reserve(trace.spans.size());
  for (const auto& span : trace.spans) {
    start = std::min(start, span.start_unix_ns);
    end = std::max(end, span.end_unix_ns);
    trace.error = trace.error || span.status == "error";
    const bool local_root = span.parent_span_id.empty() || span.parent_remote;
    if (local_root && (root == nullptr || span.start_unix_ns < root->start_unix_ns)) root = &span;
    SpanSummary summary;
    summary.span_id = SpanId::from_hex(span.span_id);
    summary.parent_span_id = SpanId::from_hex(span.parent_span_id);
    summary.start_ns = span.start_unix_ns;
    summary.end_ns = span.end_unix_ns;
    summaries.push_back(std::move(summary));
  }
  if (root == nullptr && !trace.spans.empty()) root = &trace.spans.front();
  trace.root_name = root != nullptr ? root->name : "";
  trace.start_unix_ns = start == UINT64_MAX ? 0 : start;
  trace.duration_ns = end > start ? end - start : 0;
  const auto analysis = analyze_trace(summaries);
  trace.bottleneck_span_id =
      analysis.bottleneck < trace.spans.size() ? trace.spans[analysis.bottleneck].span_id : std::string();
}

}  // namespace

ExportResult RecentTracesExporter::export_spans(std::span<const SpanData* const> batch,
                                                const Resource& resource) noexcept {
  try {
    const std::string_view service = resource.service_name();
    auto& s = store();
    std::lock_guard lock(s.mutex);
    adapt_stride(s);
    std::vector<TraceId> failed;  // traces with an error span in this batch: always admitted
    for (const SpanData* span : batch) {
      if (span->status_code() == StatusCode::error) failed.push_back(span->trace_id());
    }
    std::vector<TraceId> touched;  // traces to re-analyse after the batch
    for (const SpanData* span : batch) {
      const std::uint64_t duration = span->duration_ns();
      auto named = s.names.find(span->name());
      if (named == s.names.end()) {
        named = s.names.emplace(std::string(span->name()), SpanNameSummary{}).first;
        named->second.name = named->first;
      }
      auto& summary = named->second;
      ++summary.count;
      if (span->status_code() == StatusCode::error) ++summary.errors;
      ++summary.latency[bucket_of(duration)];
      summary.max_ns = std::max(summary.max_ns, duration);

      const TraceId& trace_id = span->trace_id();
      auto found = s.traces.find(trace_id);
      if (found == s.traces.end()) {
        const bool sampled_in = (trace_id.low & (s.stride - 1)) == 0;
        if (!sampled_in && std::find(failed.begin(), failed.end(), trace_id) == failed.end()) {
          ++s.skipped_spans;
          continue;
        }
        while (s.order.size() >= kRecentTraceCapacity) {
          s.traces.erase(s.order.front());
          s.order.pop_front();
        }
        s.order.push_back(trace_id);
        found = s.traces.emplace(trace_id, RecentTrace{}).first;
        found->second.trace_id = trace_id.to_hex();
        ++s.admitted_in_window;
      }
      RecentTrace& trace = found->second;
      if (std::find(touched.begin(), touched.end(), trace_id) == touched.end()) touched.push_back(trace_id);
      if (trace.spans.size() >= kRecentSpansPerTrace) {
        ++trace.dropped_spans;
        continue;
      }
      trace.spans.push_back(copy_span(*span, service));
    }
    for (const auto& id : touched) {
      auto found = s.traces.find(id);  // gone when the ring wrapped within this batch
      if (found != s.traces.end()) refresh(found->second);
    }
    return ExportResult::success;
  } catch (...) {
    return ExportResult::failure;
  }
}

void clear_recent_traces() noexcept {
  auto& s = store();
  std::lock_guard lock(s.mutex);
  s.order.clear();
  s.traces.clear();
  s.names.clear();
  s.stride = 1;
  s.admitted_in_window = 0;
  s.skipped_spans = 0;
}

}  // namespace detail

std::vector<RecentTrace> recent_traces(std::size_t limit) {
  auto& s = detail::store();
  std::lock_guard lock(s.mutex);
  std::vector<RecentTrace> out;
  for (auto it = s.order.rbegin(); it != s.order.rend() && out.size() < limit; ++it) {
    out.push_back(s.traces.at(*it));
  }
  return out;
}

std::optional<RecentTrace> find_recent_trace(std::string_view trace_id_hex) {
  auto& s = detail::store();
  std::lock_guard lock(s.mutex);
  const TraceId id = TraceId::from_hex(trace_id_hex);
  if (!id.valid()) return std::nullopt;
  auto found = s.traces.find(id);
  if (found == s.traces.end()) return std::nullopt;
  return found->second;
}

std::vector<SpanNameSummary> span_name_summaries() {
  auto& s = detail::store();
  std::lock_guard lock(s.mutex);
  std::vector<SpanNameSummary> out;
  for (const auto& [name, summary] : s.names) out.push_back(summary);
  return out;
}

std::array<std::uint64_t, kLatencyBuckets> latency_bucket_bounds() noexcept { return detail::kBounds; }

RecentTracesAdmission recent_traces_admission() {
  auto& s = detail::store();
  std::lock_guard lock(s.mutex);
  return RecentTracesAdmission{s.stride, s.skipped_spans};
}

}  // namespace parley::tracing
