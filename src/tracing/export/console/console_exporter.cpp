#include "export/console/console_exporter.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "export/factory.h"

namespace parley::tracing::detail {

ConsoleExporter::ConsoleExporter(Sink sink) : sink_(std::move(sink)) {
  if (!sink_) {
    color_ = isatty(STDERR_FILENO) != 0;
    sink_ = [](std::string_view text) { std::fwrite(text.data(), 1, text.size(), stderr); };
  }
}

void ConsoleExporter::print(std::vector<SpanSummary>& spans) {
  const TraceAnalysis analysis = analyze_trace(spans);
  sink_(render_trace(spans, analysis, color_));
}

ExportResult ConsoleExporter::export_spans(std::span<const SpanData* const> batch, const Resource& resource) noexcept {
  try {
    const std::string_view service = resource.service_name();
    for (const SpanData* span : batch) {
      auto& pending = pending_[{span->trace_id().high, span->trace_id().low}];
      if (pending.spans.empty()) pending.arrival = ++arrivals_;
      pending.spans.push_back(summarize(*span, service));
      const bool local_root = !span->parent_span_id().valid() || span->parent_is_remote();
      if (local_root) {
        print(pending.spans);
        pending_.erase({span->trace_id().high, span->trace_id().low});
      }
    }
    while (pending_.size() > kMaxPendingTraces) {
      auto oldest = std::min_element(pending_.begin(), pending_.end(),
                                     [](const auto& a, const auto& b) { return a.second.arrival < b.second.arrival; });
      print(oldest->second.spans);
      pending_.erase(oldest);
    }
    return ExportResult::success;
  } catch (...) {
    return ExportResult::failure;
  }
}

bool ConsoleExporter::force_flush(Deadline /*deadline*/) noexcept {
  try {
    for (auto& [id, pending] : pending_) print(pending.spans);
    pending_.clear();
    return true;
  } catch (...) {
    return false;
  }
}

std::unique_ptr<SpanExporter> make_console_exporter(const ExporterConfig&, const FinalConfig&, std::string&) {
  return std::make_unique<ConsoleExporter>();
}

}  // namespace parley::tracing::detail
