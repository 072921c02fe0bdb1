#include "service_map.h"

#include <cstdio>
#include <unordered_map>
#include <utility>

namespace parley::tools {
namespace {

using tracing::SpanKind;
using tracing::StatusCode;
using EdgeKey = std::pair<std::string, std::string>;

// The untraced service a CLIENT/PRODUCER span calls, or empty.
std::string peer_name(const ParsedSpan& span) {
  for (const auto key : {"peer.service", "db.system", "messaging.system"}) {
    if (const auto value = span.attribute(key); !value.empty()) return std::string(value);
  }
  const auto address = span.attribute("server.address");
  if (address.empty()) return {};
  const auto port = span.attribute("server.port");
  return port.empty() ? std::string(address) : std::string(address) + ":" + std::string(port);
}

void count(std::map<EdgeKey, ServiceEdge>& edges, const std::string& caller, const std::string& callee,
           const ParsedSpan& call) {
  auto& edge = edges[{caller, callee}];
  edge.caller = caller;
  edge.callee = callee;
  ++edge.calls;
  edge.errors += call.summary.status == StatusCode::error ? 1 : 0;
  edge.total_ns += call.summary.duration_ns();
}

void add_trace(const Trace& trace, ServiceMap& map, std::map<EdgeKey, ServiceEdge>& edges) {
  std::unordered_map<std::uint64_t, std::size_t> by_id;
  for (std::size_t i = 0; i < trace.spans.size(); ++i) by_id.emplace(trace.spans[i].summary.span_id.value, i);
  std::vector<bool> calls_other_service(trace.spans.size(), false);
  for (const auto& span : trace.spans) {
    auto& node = map.services[span.summary.service];
    ++node.spans;
    node.errors += span.summary.status == StatusCode::error ? 1 : 0;
    const auto parent = by_id.find(span.summary.parent_span_id.value);
    if (!span.summary.parent_span_id.valid() || parent == by_id.end()) continue;
    const auto& caller = trace.spans[parent->second].summary.service;
    if (caller == span.summary.service) continue;
    calls_other_service[parent->second] = true;
    count(edges, caller, span.summary.service, span);
  }
  for (std::size_t i = 0; i < trace.spans.size(); ++i) {
    const auto& span = trace.spans[i];
    if (calls_other_service[i]) continue;
    if (span.summary.kind != SpanKind::client && span.summary.kind != SpanKind::producer) continue;
    const auto callee = peer_name(span);
    if (callee.empty() || callee == span.summary.service) continue;
    map.services.try_emplace(callee);
    count(edges, span.summary.service, callee, span);
  }
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::string edge_label(const ServiceEdge& edge) {
  std::string label = std::to_string(edge.calls) + (edge.calls == 1 ? " call" : " calls");
  if (edge.errors > 0) label += ", " + std::to_string(edge.errors) + (edge.errors == 1 ? " error" : " errors");
  return label;
}

}  // namespace

ServiceMap build_service_map(const std::vector<const Trace*>& traces) {
  ServiceMap map;
  std::map<EdgeKey, ServiceEdge> edges;
  for (const auto* trace : traces) add_trace(*trace, map, edges);
  for (auto& [key, edge] : edges) map.edges.push_back(std::move(edge));
  return map;
}

std::string render_service_summary(const ServiceMap& map) {
  std::string out = "Services:\n";
  for (const auto& [name, node] : map.services) {
    if (node.spans == 0) {
      out += "  " + name + ": not traced (seen from its callers)\n";
      continue;
    }
    out += "  " + name + ": " + std::to_string(node.spans) + (node.spans == 1 ? " span" : " spans");
    if (node.errors > 0) out += ", " + std::to_string(node.errors) + (node.errors == 1 ? " error" : " errors");
    out += '\n';
  }
  out += "Dependencies:\n";
  if (map.edges.empty()) out += "  (none: every span stays in one service)\n";
  for (const auto& edge : map.edges) {
    const auto average = edge.calls > 0 ? edge.total_ns / edge.calls : 0;
    out += "  " + edge.caller + " -> " + edge.callee + ": " + edge_label(edge) + ", avg " +
           tracing::detail::format_duration(average) + '\n';
  }
  return out;
}

std::string render_dot(const ServiceMap& map) {
  std::string out = "digraph services {\n  rankdir=LR;\n  node [shape=box];\n";
  for (const auto& [name, node] : map.services) out += "  " + quoted(name) + ";\n";
  for (const auto& edge : map.edges) {
    out += "  " + quoted(edge.caller) + " -> " + quoted(edge.callee) + " [label=" + quoted(edge_label(edge));
    out += edge.errors > 0 ? ", color=red];\n" : "];\n";
  }
  return out + "}\n";
}

std::string render_mermaid(const ServiceMap& map) {
  std::string out = "flowchart LR\n";
  std::map<std::string, std::string> ids;
  for (const auto& [name, node] : map.services) {
    const auto id = "s" + std::to_string(ids.size());
    ids.emplace(name, id);
    std::string label;
    for (const char c : name) label += c == '"' ? std::string("#quot;") : std::string(1, c);
    out += "  " + id + "[\"" + label + "\"]\n";
  }
  for (const auto& edge : map.edges) {
    out += "  " + ids[edge.caller] + " -->|" + edge_label(edge) + "| " + ids[edge.callee] + '\n';
  }
  return out;
}

}  // namespace parley::tools
