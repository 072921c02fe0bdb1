#include "load_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace parley::tools {
namespace {

std::string milliseconds(std::chrono::nanoseconds value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.1f ms", static_cast<double>(value.count()) / 1e6);
  return text;
}

std::chrono::nanoseconds percentile(const std::vector<std::chrono::nanoseconds>& sorted, double p) {
  if (sorted.empty()) return std::chrono::nanoseconds(0);
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

std::string status_label(const RequestResult& result) {
  return result.error.empty() ? std::to_string(result.status) : "no response (" + result.error + ")";
}

std::string errors_line(const std::vector<RequestResult>& results) {
  std::map<std::string, std::size_t> by_status;
  for (const auto& result : results) {
    if (!result.ok()) ++by_status[status_label(result)];
  }
  if (by_status.empty()) return "Errors: none\n";
  std::string out = "Errors by status:";
  for (const auto& [label, count] : by_status) out += " " + label + " x" + std::to_string(count);
  return out + "\n";
}

std::string kinds_line(const std::vector<RequestResult>& results) {
  std::size_t sent[kRequestKinds] = {}, failed[kRequestKinds] = {};
  for (const auto& result : results) {
    ++sent[static_cast<std::size_t>(result.kind)];
    failed[static_cast<std::size_t>(result.kind)] += result.ok() ? 0 : 1;
  }
  std::string out = "Requests by kind:";
  for (std::size_t i = 0; i < kRequestKinds; ++i) {
    if (sent[i] == 0) continue;
    out += " " + std::string(to_string(static_cast<RequestKind>(i))) + " " + std::to_string(sent[i]) + " (" +
           std::to_string(failed[i]) + " failed)";
  }
  return out + "\n";
}

// The slowest request, the first of each failing status, and the first
// success: at most five traces worth opening.
std::vector<std::pair<std::string, const RequestResult*>> pick_traces(const std::vector<RequestResult>& results) {
  std::vector<std::pair<std::string, const RequestResult*>> picked;
  const auto seen = [&](const RequestResult* r) {
    return std::any_of(picked.begin(), picked.end(), [&](const auto& p) { return p.second == r; });
  };
  const RequestResult* slowest = nullptr;
  for (const auto& result : results) {
    if (!result.trace_id.empty() && (slowest == nullptr || result.latency > slowest->latency)) slowest = &result;
  }
  if (slowest != nullptr) picked.emplace_back("slowest", slowest);
  std::map<std::string, const RequestResult*> first_failure;
  const RequestResult* first_success = nullptr;
  for (const auto& result : results) {
    if (result.trace_id.empty()) continue;
    if (!result.ok()) first_failure.try_emplace(status_label(result), &result);
    if (result.ok() && first_success == nullptr) first_success = &result;
  }
  for (const auto& [label, result] : first_failure) {
    if (picked.size() < 4 && !seen(result)) picked.emplace_back("failed " + label, result);
  }
  if (first_success != nullptr && !seen(first_success)) picked.emplace_back("ok", first_success);
  return picked;
}

std::string traces_block(const RunReport& report) {
  const auto picked = pick_traces(report.results);
  if (picked.empty()) return "Traces: none recorded (tracing is off: TRACING_ENABLED=false)\n";
  std::string out = "Traces:\n";
  for (const auto& [why, result] : picked) {
    char line[160];
    std::snprintf(line, sizeof(line), "  %-16s %-9s %10s  %s\n", why.c_str(),
                  std::string(to_string(result->kind)).c_str(), milliseconds(result->latency).c_str(),
                  trace_link(report.backend, report.ui_base, result->trace_id).c_str());
    out += line;
  }
  return out;
}

}  // namespace

LatencySummary summarize_latency(const std::vector<RequestResult>& results) {
  std::vector<std::chrono::nanoseconds> latencies;
  for (const auto& result : results) {
    if (result.error.empty()) latencies.push_back(result.latency);
  }
  std::sort(latencies.begin(), latencies.end());
  LatencySummary summary;
  summary.p50 = percentile(latencies, 50);
  summary.p95 = percentile(latencies, 95);
  summary.p99 = percentile(latencies, 99);
  summary.max = latencies.empty() ? std::chrono::nanoseconds(0) : latencies.back();
  return summary;
}

std::string_view default_ui_base(TraceBackend backend) noexcept {
  switch (backend) {
    case TraceBackend::jaeger: return "http://localhost:16686";
    case TraceBackend::zipkin: return "http://localhost:9411";
    case TraceBackend::builtin: break;
  }
  return "";
}

std::string trace_link(TraceBackend backend, std::string_view ui_base, std::string_view trace_id) {
  std::string base(ui_base);
  while (!base.empty() && base.back() == '/') base.pop_back();
  switch (backend) {
    case TraceBackend::jaeger: return base + "/trace/" + std::string(trace_id);
    case TraceBackend::zipkin: return base + "/zipkin/traces/" + std::string(trace_id);
    case TraceBackend::builtin: break;
  }
  return base + "/debug/traces/" + std::string(trace_id);
}

std::string render_summary(const RunReport& report) {
  const double seconds = static_cast<double>(report.elapsed.count()) / 1e9;
  const auto latency = summarize_latency(report.results);
  char head[256];
  std::snprintf(head, sizeof(head),
                "Summary: %zu requests to %s with %zu workers in %.2f s\nRequests/s: %.1f\n", report.results.size(),
                report.url.c_str(), report.concurrency, seconds,
                seconds > 0 ? static_cast<double>(report.results.size()) / seconds : 0.0);
  std::string out = head;
  out += "Latency: p50 " + milliseconds(latency.p50) + ", p95 " + milliseconds(latency.p95) + ", p99 " +
         milliseconds(latency.p99) + ", max " + milliseconds(latency.max) + "\n";
  out += kinds_line(report.results);
  out += errors_line(report.results);
  out += traces_block(report);
  return out;
}

}  // namespace parley::tools
