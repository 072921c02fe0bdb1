// The trace page's API (see trace_api.h).
#include "admin/trace_api.h"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "web/web_assets.h"

namespace parley::chat {
namespace {

namespace json = boost::json;

constexpr std::string_view kBase = "/debug/traces";
constexpr std::string_view kApi = "/debug/traces/api/";

json::string_view js(std::string_view text) { return json::string_view(text.data(), text.size()); }

double unix_ms(std::uint64_t unix_ns) { return static_cast<double>(unix_ns / 1000) / 1000.0; }

json::object string_map(const std::vector<std::pair<std::string, std::string>>& pairs) {
  json::object out;
  for (const auto& [key, value] : pairs) out[js(key)] = js(value);
  return out;
}

json::array services_of(const tracing::RecentTrace& trace) {
  std::set<std::string_view> names;
  for (const auto& span : trace.spans) names.insert(span.service);
  json::array out;
  for (const auto name : names) out.emplace_back(js(name));
  return out;
}

AdminReply json_reply(unsigned status, std::string body) { return AdminReply{status, std::move(body), "application/json", {}}; }

AdminReply error_reply(unsigned status, std::string_view message) {
  return json_reply(status, json::serialize(json::object{{"error", js(message)}}));
}

// ?limit=N (1 or more; the ring holds at most kRecentTraceCapacity):
// nullopt when it is there but not a positive integer.
std::optional<std::size_t> limit_param(std::string_view target) {
  auto parsed = boost::urls::parse_origin_form(boost::core::string_view(target.data(), target.size()));
  std::size_t limit = tracing::kRecentTraceCapacity;
  if (!parsed) return std::nullopt;
  for (const auto& param : parsed->params()) {
    if (param.key != "limit") continue;
    const std::string text(param.value);
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (error != std::errc() || end != text.data() + text.size() || limit == 0) return std::nullopt;
  }
  return limit;
}

bool is_trace_id(std::string_view text) {
  if (text.size() != 32) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string render_trace_list(const std::vector<tracing::RecentTrace>& traces) {
  json::array list;
  list.reserve(traces.size());
  for (const auto& trace : traces) {
    list.push_back(json::object{{"trace_id", js(trace.trace_id)},
                                {"root_name", js(trace.root_name)},
                                {"start_unix_ms", unix_ms(trace.start_unix_ns)},
                                {"duration_ns", trace.duration_ns},
                                {"error", trace.error},
                                {"span_count", trace.spans.size() + trace.dropped_spans},
                                {"services", services_of(trace)}});
  }
  return json::serialize(json::object{{"traces", std::move(list)}});
}

std::string render_trace(const tracing::RecentTrace& trace) {
  json::array spans;
  spans.reserve(trace.spans.size());
  const auto offset = [&trace](std::uint64_t unix_ns) {
    return unix_ns > trace.start_unix_ns ? unix_ns - trace.start_unix_ns : 0;
  };
  for (const auto& span : trace.spans) {
    json::array events;
    for (const auto& event : span.events) {
      events.push_back(json::object{{"name", js(event.name)},
                                    {"offset_ns", offset(event.time_unix_ns)},
                                    {"attributes", string_map(event.attributes)}});
    }
    spans.push_back(json::object{
        {"span_id", js(span.span_id)},
        {"parent_span_id", js(span.parent_span_id)},
        {"parent_remote", span.parent_remote},
        {"name", js(span.name)},
        {"service", js(span.service)},
        {"kind", js(span.kind)},
        {"status", js(span.status)},
        {"status_message", js(span.status_message)},
        {"offset_ns", offset(span.start_unix_ns)},
        {"duration_ns", span.end_unix_ns > span.start_unix_ns ? span.end_unix_ns - span.start_unix_ns : 0},
        {"attributes", string_map(span.attributes)},
        {"events", std::move(events)},
    });
  }
  return json::serialize(json::object{{"trace_id", js(trace.trace_id)},
                                      {"root_name", js(trace.root_name)},
                                      {"start_unix_ms", unix_ms(trace.start_unix_ns)},
                                      {"duration_ns", trace.duration_ns},
                                      {"error", trace.error},
                                      {"dropped_spans", trace.dropped_spans},
                                      {"bottleneck_span_id", js(trace.bottleneck_span_id)},
                                      {"spans", std::move(spans)}});
}

std::string render_span_names(const std::vector<tracing::SpanNameSummary>& summaries) {
  json::array bounds;
  for (const auto bound : tracing::latency_bucket_bounds()) bounds.emplace_back(bound);
  json::array list;
  for (const auto& summary : summaries) {
    json::array latency;
    for (const auto count : summary.latency) latency.emplace_back(count);
    list.push_back(json::object{{"name", js(summary.name)},
                                {"count", summary.count},
                                {"errors", summary.errors},
                                {"latency", std::move(latency)},
                                {"max_ns", summary.max_ns}});
  }
  return json::serialize(json::object{{"bucket_bounds_ns", std::move(bounds)}, {"spans", std::move(list)}});
}

// Nodes are services; an edge A -> B is a span of B whose parent is a span
// of A in the same trace, or a CLIENT/PRODUCER span of A naming B in
// peer.service (a callee that exports no spans of its own, e.g. Ollama).
std::string render_service_map(const std::vector<tracing::RecentTrace>& traces) {
  struct Count {
    std::uint64_t spans = 0;
    std::uint64_t errors = 0;
  };
  std::map<std::string, Count> nodes;
  std::map<std::pair<std::string, std::string>, Count> edges;
  for (const auto& trace : traces) {
    std::unordered_map<std::string_view, const tracing::RecentSpan*> by_id;
    for (const auto& span : trace.spans) by_id.emplace(span.span_id, &span);
    for (const auto& span : trace.spans) {
      const bool failed = span.status == "error";
      auto& node = nodes[span.service];
      ++node.spans;
      node.errors += failed ? 1 : 0;
      if (const auto parent = by_id.find(span.parent_span_id);
          parent != by_id.end() && parent->second->service != span.service) {
        auto& edge = edges[{parent->second->service, span.service}];
        ++edge.spans;
        edge.errors += failed ? 1 : 0;
      }
      if (span.kind != "client" && span.kind != "producer") continue;
      for (const auto& [key, value] : span.attributes) {
        if (key != "peer.service" || value == span.service || value.empty()) continue;
        nodes.try_emplace(value);
        auto& edge = edges[{span.service, value}];
        ++edge.spans;
        edge.errors += failed ? 1 : 0;
      }
    }
  }
  json::array node_list;
  for (const auto& [name, count] : nodes) {
    node_list.push_back(json::object{{"name", js(name)}, {"spans", count.spans}, {"errors", count.errors}});
  }
  json::array edge_list;
  for (const auto& [ends, count] : edges) {
    edge_list.push_back(json::object{
        {"from", js(ends.first)}, {"to", js(ends.second)}, {"calls", count.spans}, {"errors", count.errors}});
  }
  return json::serialize(json::object{{"nodes", std::move(node_list)}, {"edges", std::move(edge_list)}});
}

std::string render_health(bool enabled, const tracing::TracingStats& stats,
                          const tracing::RecentTracesAdmission& recent) {
  json::array exporters;
  for (const auto& [name, exporter] : stats.exporters) {
    exporters.push_back(json::object{{"name", js(name)},
                                     {"batches_sent", exporter.batches_sent},
                                     {"batches_failed", exporter.batches_failed},
                                     {"retries", exporter.retries},
                                     {"dropped_circuit_open", exporter.dropped_circuit_open},
                                     {"bytes_sent", exporter.bytes_sent},
                                     {"circuit_state", js(exporter.circuit_state)},
                                     {"last_error", js(exporter.last_error)}});
  }
  return json::serialize(json::object{
      {"enabled", enabled},
      {"spans_started", stats.spans_started},
      {"spans_sampled", stats.spans_sampled},
      {"spans_exported", stats.spans_exported},
      {"spans_unsampled", stats.spans_unsampled},
      {"queue_size", stats.queue_size},
      {"queue_capacity", stats.queue_capacity},
      {"batches", stats.batches},
      {"dropped", json::object{{"queue_full", stats.dropped_queue_full},
                               {"pending_limit", stats.dropped_pending_limit},
                               {"filtered", stats.dropped_filtered},
                               {"export_failed", stats.dropped_export_failed},
                               {"shutdown", stats.dropped_shutdown}}},
      {"exporters", std::move(exporters)},
      {"recent", json::object{{"stride", recent.stride}, {"skipped_spans", recent.skipped_spans}}},
  });
}

AdminReply handle_admin(std::string_view method, std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  if (method != "GET" && method != "HEAD") return error_reply(405, "the admin server is read-only (GET)");
  if (path == "/" || path == "/debug" || path == "/debug/") {
    AdminReply redirect{302, {}, "text/plain", std::string(kBase)};
    return redirect;
  }
  // The page itself; /debug/traces/<trace id> opens it on that trace.
  if (path == kBase || path == "/debug/traces/" ||
      (path.starts_with("/debug/traces/") && is_trace_id(path.substr(kBase.size() + 1)))) {
    return AdminReply{200, std::string(trace_page_html()), "text/html; charset=utf-8", {}};
  }
  if (!path.starts_with(kApi)) return error_reply(404, "no such page; the trace page is at /debug/traces");
  const std::string_view call = path.substr(kApi.size());
  if (call == "traces") {
    const auto limit = limit_param(target);
    if (!limit) return error_reply(400, "limit must be a positive integer");
    return json_reply(200, render_trace_list(tracing::recent_traces(*limit)));
  }
  if (call.starts_with("traces/")) {
    const std::string_view id = call.substr(7);
    if (!is_trace_id(id)) return error_reply(400, "a trace id is 32 lowercase hex digits");
    const auto trace = tracing::find_recent_trace(id);
    if (!trace) return error_reply(404, "no such trace among the recent ones");
    return json_reply(200, render_trace(*trace));
  }
  if (call == "spans") return json_reply(200, render_span_names(tracing::span_name_summaries()));
  if (call == "services") return json_reply(200, render_service_map(tracing::recent_traces()));
  if (call == "health") return json_reply(200, render_health(tracing::is_enabled(), tracing::stats(), tracing::recent_traces_admission()));
  return error_reply(404, "no such API call");
}

}  // namespace parley::chat
