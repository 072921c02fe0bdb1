// parley/tracing/provider.h — starting, tuning and stopping tracing.
//
// init(config) builds the pipeline once (sampler, bounded queue, one export
// thread, exporters). Until init, and after shutdown, tracing is a no-op and
// every tracer stays usable. init_from_env() is the one-call set-up: it reads
// the environment, prints one line per diagnostic to stderr, and starts
// tracing when TRACING_ENABLED (or OTEL_SDK_DISABLED=false with OTEL_* set)
// says so. No function here throws; none blocks longer than its deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "parley/tracing/config.h"
#include "parley/tracing/exporter.h"

namespace parley::tracing {

// Starts tracing with `config` (replacing a previous pipeline, which is shut
// down first). Exporters come from config.exporters unless `exporters` is
// non-empty. Returns false (and stays disabled) when config.enabled is false.
bool init(const FinalConfig& config, std::vector<std::unique_ptr<SpanExporter>> exporters = {});
LoadedConfig init_from_env();

// Exports everything queued before the call; true when all of it was
// exported by the deadline.
bool force_flush(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) noexcept;
// Flushes, stops the export thread and disables tracing. Idempotent.
bool shutdown(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) noexcept;

bool is_enabled() noexcept;

// Run-time tuning (thread-safe; apply to new traces / the next batch).
void set_sample_rate(double rate) noexcept;
double sample_rate() noexcept;
void set_batch_size(std::size_t spans) noexcept;
void set_batch_timeout(std::chrono::milliseconds timeout) noexcept;
// Keep a finished span when the filter returns true (the seed's span_filter).
// Runs on the export thread. An empty function removes the filter.
void set_span_filter(std::function<bool(const SpanData&)> filter);

struct TracingStats {
  std::uint64_t spans_started = 0;      // recording spans started
  std::uint64_t spans_sampled = 0;      // recording spans ended and kept
  std::uint64_t spans_exported = 0;
  std::uint64_t spans_unsampled = 0;    // dropped by the sampler (incl. conditional at root end)
  std::uint64_t dropped_queue_full = 0;
  std::uint64_t dropped_pending_limit = 0;
  std::uint64_t dropped_filtered = 0;
  std::uint64_t dropped_export_failed = 0;
  std::uint64_t dropped_shutdown = 0;
  std::uint64_t queue_size = 0;
  std::uint64_t queue_capacity = 0;
  std::uint64_t batches = 0;
  std::vector<std::pair<std::string, ExporterStats>> exporters;
};
TracingStats stats();

// Where the library writes its own warnings (default: stderr, one line each).
enum class LogLevel : std::uint8_t { debug, info, warning, error };
void set_log_sink(std::function<void(LogLevel, std::string_view)> sink);

}  // namespace parley::tracing
