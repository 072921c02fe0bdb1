#include "core/runtime.h"

#include <mutex>
#include <vector>

#include "core/clock.h"
#include "core/log.h"
#include "core/span_record.h"
#include "export/factory.h"
#include "export/memory/recent_traces_exporter.h"
#include "parley/tracing/propagation.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#include "processing/batch_processor.h"

namespace parley::tracing {

Resource build_resource(const FinalConfig& config);

namespace detail {

std::atomic<Pipeline*> g_pipeline{nullptr};
std::atomic<Pipeline*> g_last_pipeline{nullptr};  // for stats() after shutdown
std::atomic<std::int64_t> g_pending_spans{0};

namespace {

struct CounterRegistry {
  std::mutex mutex;
  ThreadCounters* head = nullptr;
};

CounterRegistry& counter_registry() {
  static auto* registry = new CounterRegistry();  // never destroyed
  return *registry;
}

ThreadCounters* claim_counters() {
  auto& registry = counter_registry();
  std::lock_guard lock(registry.mutex);
  for (ThreadCounters* c = registry.head; c != nullptr; c = c->next) {
    bool expected = false;
    if (c->in_use.compare_exchange_strong(expected, true)) return c;
  }
  auto* fresh = new ThreadCounters();
  fresh->next = registry.head;
  registry.head = fresh;
  return fresh;
}

// Hands the block to the next thread when this one exits; totals persist.
struct CounterLease {
  ThreadCounters* counters = claim_counters();
  ~CounterLease() {
    tl_counters = nullptr;
    counters->in_use.store(false, std::memory_order_release);
  }
};

// Every pipeline ever built, kept reachable on purpose: a span may still be
// ending against an old pipeline while a new one starts (see runtime.h).
std::vector<Pipeline*>& retired_pipelines() {
  static auto* pipelines = new std::vector<Pipeline*>();
  return *pipelines;
}

// Serialises init/shutdown (never the hot path).
std::mutex& lifecycle_mutex() {
  static auto* mutex = new std::mutex();
  return *mutex;
}

}  // namespace

ThreadCounters& claim_thread_counters() noexcept {
  thread_local CounterLease lease;
  tl_counters = lease.counters;
  return *lease.counters;
}

std::uint64_t counter_total(Counter counter) noexcept {
  auto& registry = counter_registry();
  std::lock_guard lock(registry.mutex);
  std::uint64_t total = 0;
  for (ThreadCounters* c = registry.head; c != nullptr; c = c->next) {
    total += c->values[static_cast<int>(counter)].load(std::memory_order_relaxed);
  }
  return total;
}

void submit_record(Pipeline& pipeline, SpanRecord* record) noexcept {
  if (pipeline.min_duration_ns > 0 && record->elapsed_ns() < pipeline.min_duration_ns) {
    count(Counter::dropped_filtered);
    release_record(record);
    return;
  }
  record->seal_context();
  count(Counter::sampled);
  if (pipeline.processor == nullptr || !pipeline.processor->submit(record)) {
    count(Counter::dropped_queue_full);
    release_record(record);
  }
}

Pipeline* active_pipeline() noexcept { return g_pipeline.load(std::memory_order_acquire); }

bool shutdown_locked(Deadline deadline) noexcept {
  g_tracing_enabled.store(false, std::memory_order_relaxed);
  Pipeline* pipeline = g_pipeline.exchange(nullptr, std::memory_order_acq_rel);
  if (pipeline != nullptr) g_last_pipeline.store(pipeline, std::memory_order_release);
  if (pipeline == nullptr || pipeline->processor == nullptr) return true;
  return pipeline->processor->shutdown(deadline);
}

}  // namespace detail

bool init(const FinalConfig& config, std::vector<std::unique_ptr<SpanExporter>> exporters) {
  try {
    std::lock_guard lock(detail::lifecycle_mutex());
    detail::shutdown_locked(Deadline::clock::now() + std::chrono::seconds(5));
    configure_propagators(config.propagators);  // propagation works with tracing off too
    if (!config.enabled) return false;
    detail::clock_initialize();
    if (exporters.empty()) {
      auto built = detail::build_exporters(config);
      for (const auto& error : built.errors) detail::log(LogLevel::warning, error);
      exporters = std::move(built.exporters);
      // The trace page's view, beside whatever the provider is.
      exporters.push_back(std::make_unique<detail::RecentTracesExporter>());
    }
    auto* pipeline = new detail::Pipeline();
    detail::retired_pipelines().push_back(pipeline);
    pipeline->sampler.configure(config);
    pipeline->limits = config.limits;
    pipeline->min_duration_ns = static_cast<std::uint64_t>(config.min_span_duration.count()) * 1000000ULL;
    pipeline->max_pending_spans = config.max_pending_spans;
    pipeline->resource = build_resource(config);
    detail::ProcessorOptions options;
    options.max_queue_size = config.max_queue_size;
    options.batch_size = config.batch_size;
    options.batch_timeout = config.batch_timeout;
    pipeline->processor = new detail::BatchProcessor(options, std::move(exporters), pipeline->resource);
    detail::g_pipeline.store(pipeline, std::memory_order_release);
    detail::g_tracing_enabled.store(true, std::memory_order_relaxed);
    return true;
  } catch (const std::exception& e) {
    detail::log(LogLevel::error, std::string("tracing disabled: ") + e.what());
    return false;
  }
}

LoadedConfig init_from_env() {
  LoadedConfig loaded;
  try {
    loaded = load_config_from_env();
  } catch (...) {
    detail::log(LogLevel::error, "could not read the tracing configuration; tracing disabled");
    return loaded;
  }
  for (const auto& diagnostic : loaded.diagnostics) detail::log(LogLevel::warning, diagnostic.message());
  init(loaded.config);
  return loaded;
}

bool force_flush(std::chrono::milliseconds timeout) noexcept {
  auto* pipeline = detail::active_pipeline();
  if (pipeline == nullptr) return true;
  return pipeline->processor->force_flush(Deadline::clock::now() + timeout);
}

bool shutdown(std::chrono::milliseconds timeout) noexcept {
  try {
    std::lock_guard lock(detail::lifecycle_mutex());
    return detail::shutdown_locked(Deadline::clock::now() + timeout);
  } catch (...) {
    return false;
  }
}

bool is_enabled() noexcept { return detail::g_tracing_enabled.load(std::memory_order_relaxed); }

void set_sample_rate(double rate) noexcept {
  if (auto* pipeline = detail::active_pipeline()) pipeline->sampler.set_rate(rate);
}

double sample_rate() noexcept {
  auto* pipeline = detail::active_pipeline();
  return pipeline != nullptr ? pipeline->sampler.rate() : 0.0;
}

void set_batch_size(std::size_t spans) noexcept {
  if (auto* pipeline = detail::active_pipeline()) pipeline->processor->set_batch_size(spans);
}

void set_batch_timeout(std::chrono::milliseconds timeout) noexcept {
  if (auto* pipeline = detail::active_pipeline()) pipeline->processor->set_batch_timeout(timeout);
}

void set_span_filter(std::function<bool(const SpanData&)> filter) {
  if (auto* pipeline = detail::active_pipeline()) pipeline->processor->set_filter(std::move(filter));
}

TracingStats stats() {
  using detail::Counter;
  TracingStats result;
  result.spans_started = detail::counter_total(Counter::started);
  result.spans_sampled = detail::counter_total(Counter::sampled);
  result.spans_unsampled = detail::counter_total(Counter::unsampled);
  result.dropped_queue_full = detail::counter_total(Counter::dropped_queue_full);
  result.dropped_pending_limit = detail::counter_total(Counter::dropped_pending_limit);
  result.dropped_filtered = detail::counter_total(Counter::dropped_filtered);
  result.dropped_shutdown = detail::counter_total(Counter::dropped_shutdown);
  auto* pipeline = detail::active_pipeline();
  if (pipeline == nullptr) pipeline = detail::g_last_pipeline.load(std::memory_order_acquire);
  if (pipeline != nullptr) pipeline->processor->fill_stats(result);
  return result;
}

}  // namespace parley::tracing
