// Test exporter: keeps owned copies of every exported span, thread-safe, so
// tests can assert on what the pipeline delivered after force_flush().
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "parley/tracing/config.h"
#include "parley/tracing/exporter.h"
#include "parley/tracing/span.h"

namespace parley::tracing::testing {

struct RecordedEvent {
  std::string name;
  std::map<std::string, std::string> attributes;
};

struct RecordedSpan {
  TraceId trace_id;
  SpanId span_id;
  SpanId parent_span_id;
  bool parent_remote = false;
  std::uint8_t flags = 0;
  std::string trace_state;
  std::string name;
  std::string scope;
  SpanKind kind = SpanKind::internal;
  StatusCode status = StatusCode::unset;
  std::string status_message;
  std::uint64_t start_ns = 0;
  std::uint64_t end_ns = 0;
  std::map<std::string, std::string> attributes;  // values through to_string()
  std::map<std::string, ValueType> attribute_types;
  std::vector<RecordedEvent> events;
  std::vector<SpanContext> links;
  std::uint32_t dropped_attributes = 0;
  std::uint32_t dropped_events = 0;
};

class RecordingExporter final : public SpanExporter {
 public:
  struct Shared {
    std::mutex mutex;
    std::vector<RecordedSpan> spans;
    std::size_t batches = 0;
    std::string service_name;
  };

  explicit RecordingExporter(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}
  std::string_view name() const noexcept override { return "recording"; }

  ExportResult export_spans(std::span<const SpanData* const> batch, const Resource& resource) noexcept override {
    std::lock_guard lock(shared_->mutex);
    ++shared_->batches;
    shared_->service_name = std::string(resource.service_name());
    for (const SpanData* span : batch) shared_->spans.push_back(copy(*span));
    return ExportResult::success;
  }

  static RecordedSpan copy(const SpanData& span) {
    RecordedSpan out;
    out.trace_id = span.trace_id();
    out.span_id = span.span_id();
    out.parent_span_id = span.parent_span_id();
    out.parent_remote = span.parent_is_remote();
    out.flags = span.flags();
    out.trace_state = std::string(span.trace_state());
    out.name = std::string(span.name());
    out.scope = std::string(span.scope().name);
    out.kind = span.kind();
    out.status = span.status_code();
    out.status_message = std::string(span.status_message());
    out.start_ns = span.start_unix_ns();
    out.end_ns = span.end_unix_ns();
    for (const auto& attribute : span.attributes()) {
      out.attributes[std::string(attribute.key)] = to_string(attribute.value);
      out.attribute_types[std::string(attribute.key)] = attribute.value.type();
    }
    for (const auto& event : span.events()) {
      RecordedEvent recorded{std::string(event.name), {}};
      for (const auto& attribute : span.attributes_of(event)) {
        recorded.attributes[std::string(attribute.key)] = to_string(attribute.value);
      }
      out.events.push_back(std::move(recorded));
    }
    for (const auto& link : span.links()) {
      SpanContext context;
      context.trace_id = link.trace_id;
      context.span_id = link.span_id;
      context.flags = link.flags;
      out.links.push_back(context);
    }
    out.dropped_attributes = span.dropped_attributes_count();
    out.dropped_events = span.dropped_events_count();
    return out;
  }

 private:
  std::shared_ptr<Shared> shared_;
};

// Starts tracing with a RecordingExporter and returns what it records.
inline std::shared_ptr<RecordingExporter::Shared> start_recording(FinalConfig config);

}  // namespace parley::tracing::testing

#include "parley/tracing/provider.h"

namespace parley::tracing::testing {
inline std::shared_ptr<RecordingExporter::Shared> start_recording(FinalConfig config) {
  auto shared = std::make_shared<RecordingExporter::Shared>();
  std::vector<std::unique_ptr<SpanExporter>> exporters;
  exporters.push_back(std::make_unique<RecordingExporter>(shared));
  config.enabled = true;
  init(config, std::move(exporters));
  return shared;
}
// An always-on configuration without conditional sampling.
inline FinalConfig always_on_config() {
  FinalConfig config;
  config.enabled = true;
  config.root_sampler = RootSampler::always_on;
  config.sample_errors = false;
  config.slow_threshold = std::chrono::milliseconds(0);
  config.batch_timeout = std::chrono::milliseconds(50);
  return config;
}
}  // namespace parley::tracing::testing
