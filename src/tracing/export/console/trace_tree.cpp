#include "export/console/trace_tree.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace parley::tracing::detail {

SpanSummary summarize(const SpanData& span, std::string_view service) {
  SpanSummary summary;
  summary.trace_id = span.trace_id();
  summary.span_id = span.span_id();
  summary.parent_span_id = span.parent_span_id();
  summary.name = std::string(span.name());
  summary.service = std::string(service);
  summary.kind = span.kind();
  summary.status = span.status_code();
  summary.status_message = std::string(span.status_message());
  summary.start_ns = span.start_unix_ns();
  summary.end_ns = span.end_unix_ns();
  return summary;
}

namespace {

// Time inside [start, end) covered by the children's intervals.
std::uint64_t covered_time(const std::vector<SpanSummary>& spans, const std::vector<std::size_t>& kids,
                           std::uint64_t start, std::uint64_t end) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> intervals;
  for (const auto kid : kids) {
    const auto s = std::max(spans[kid].start_ns, start);
    const auto e = std::min(spans[kid].end_ns, end);
    if (e > s) intervals.emplace_back(s, e);
  }
  std::sort(intervals.begin(), intervals.end());
  std::uint64_t covered = 0, cursor = start;
  for (const auto& [s, e] : intervals) {
    const auto from = std::max(s, cursor);
    if (e > from) {
      covered += e - from;
      cursor = e;
    }
  }
  return covered;
}

// Walks back from the end of `node`: the child that ends last (before the
// cursor) is on the critical path, then the one that ended before that child
// started, and so on; each chosen child is walked the same way.
void append_critical_path(const std::vector<SpanSummary>& spans, const std::vector<std::vector<std::size_t>>& children,
                          std::size_t node, std::uint64_t bound, std::size_t depth, std::vector<std::size_t>& path) {
  path.push_back(node);
  if (depth > spans.size()) return;  // malformed input: parent cycles
  std::vector<std::size_t> kids = children[node];
  std::sort(kids.begin(), kids.end(), [&](auto a, auto b) { return spans[a].end_ns > spans[b].end_ns; });
  std::uint64_t cursor = std::min(bound, spans[node].end_ns);
  for (const auto kid : kids) {
    if (spans[kid].end_ns > cursor || spans[kid].start_ns >= cursor) continue;
    append_critical_path(spans, children, kid, cursor, depth + 1, path);
    cursor = spans[kid].start_ns;
  }
}

}  // namespace

TraceAnalysis analyze_trace(const std::vector<SpanSummary>& spans) {
  TraceAnalysis analysis;
  analysis.children.resize(spans.size());
  analysis.self_ns.resize(spans.size());
  std::unordered_map<std::uint64_t, std::size_t> by_id;
  for (std::size_t i = 0; i < spans.size(); ++i) by_id.emplace(spans[i].span_id.value, i);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const auto parent = spans[i].parent_span_id.valid() ? by_id.find(spans[i].parent_span_id.value) : by_id.end();
    if (parent == by_id.end() || parent->second == i) {
      analysis.roots.push_back(i);
    } else {
      analysis.children[parent->second].push_back(i);
    }
  }
  const auto by_start = [&](std::size_t a, std::size_t b) { return spans[a].start_ns < spans[b].start_ns; };
  std::sort(analysis.roots.begin(), analysis.roots.end(), by_start);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    std::sort(analysis.children[i].begin(), analysis.children[i].end(), by_start);
    analysis.self_ns[i] =
        spans[i].duration_ns() - covered_time(spans, analysis.children[i], spans[i].start_ns, spans[i].end_ns);
  }
  if (analysis.roots.empty()) return analysis;
  // The longest root leads the critical path.
  const std::size_t root = *std::max_element(analysis.roots.begin(), analysis.roots.end(), [&](auto a, auto b) {
    return spans[a].duration_ns() < spans[b].duration_ns();
  });
  append_critical_path(spans, analysis.children, root, spans[root].end_ns, 0, analysis.critical_path);
  std::uint64_t best = 0;
  for (const auto index : analysis.critical_path) {
    if (analysis.bottleneck == SIZE_MAX || analysis.self_ns[index] > best) {
      best = analysis.self_ns[index];
      analysis.bottleneck = index;
    }
  }
  return analysis;
}

std::string format_duration(std::uint64_t ns) {
  char text[32];
  if (ns >= 1000000000ULL) {
    std::snprintf(text, sizeof(text), "%.1fs", static_cast<double>(ns) / 1e9);
  } else if (ns >= 10000000ULL) {
    std::snprintf(text, sizeof(text), "%llums", static_cast<unsigned long long>(ns / 1000000ULL));
  } else if (ns >= 1000000ULL) {
    std::snprintf(text, sizeof(text), "%.2fms", static_cast<double>(ns) / 1e6);
  } else {
    std::snprintf(text, sizeof(text), "%lluµs", static_cast<unsigned long long>(ns / 1000ULL));
  }
  return text;
}

namespace {

void render_children(const std::vector<SpanSummary>& spans, const TraceAnalysis& analysis, std::size_t node,
                     const std::string& prefix, bool color, std::string& out) {
  const auto& kids = analysis.children[node];
  for (std::size_t k = 0; k < kids.size(); ++k) {
    const std::size_t child = kids[k];
    const bool last = k + 1 == kids.size();
    const SpanSummary& span = spans[child];
    out += prefix;
    out += last ? "└─ " : "├─ ";
    out += span.name;
    out += " (" + format_duration(span.duration_ns()) + ")";
    if (span.status == StatusCode::error) {
      out += color ? " \x1b[31m✗ error\x1b[0m" : " ✗ error";
      if (!span.status_message.empty()) out += ": " + span.status_message;
    }
    if (child == analysis.bottleneck) out += color ? " \x1b[33m← Bottleneck\x1b[0m" : " ← Bottleneck";
    out += '\n';
    render_children(spans, analysis, child, prefix + (last ? "   " : "│  "), color, out);
  }
}

}  // namespace

std::string render_trace(const std::vector<SpanSummary>& spans, const TraceAnalysis& analysis, bool color) {
  std::string out;
  for (const auto root : analysis.roots) {
    const SpanSummary& span = spans[root];
    out += "Trace: " + span.name + " (" + format_duration(span.duration_ns()) + " total)";
    if (span.status == StatusCode::error) {
      out += color ? " \x1b[31m✗ error\x1b[0m" : " ✗ error";
      if (!span.status_message.empty()) out += ": " + span.status_message;
    }
    if (root == analysis.bottleneck) out += color ? " \x1b[33m← Bottleneck\x1b[0m" : " ← Bottleneck";
    out += "  trace_id=" + span.trace_id.to_hex();
    if (span.parent_span_id.valid()) out += " parent=" + span.parent_span_id.to_hex() + " (remote)";
    out += '\n';
    render_children(spans, analysis, root, "", color, out);
  }
  return out;
}

}  // namespace parley::tracing::detail
