// Process-wide tracing state: the current pipeline (sampler, limits,
// processor, resource) and per-thread counters.
//
// A Pipeline is built by init() and never freed (a span may still hold a
// pointer to it while shutdown runs; leaking one small object per init is the
// price of a hot path with no reference counting). The hot path reads
// g_pipeline once per span start and once per span end.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "parley/tracing/config.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/span_data.h"
#include "sampling/sampler.h"

namespace parley::tracing::detail {

class BatchProcessor;
class SpanRecord;

struct Pipeline {
  Sampler sampler;
  SpanLimits limits;
  std::uint64_t min_duration_ns = 0;
  std::size_t max_pending_spans = 8192;
  BatchProcessor* processor = nullptr;  // owned, never freed
  Resource resource;
};

extern std::atomic<Pipeline*> g_pipeline;

// Per-thread counters: plain increments by the owning thread, summed on read.
enum class Counter : std::uint8_t {
  started,
  sampled,
  unsampled,
  dropped_queue_full,
  dropped_pending_limit,
  dropped_filtered,
  dropped_shutdown,
  count_
};
struct ThreadCounters {
  std::atomic<std::uint64_t> values[static_cast<int>(Counter::count_)] = {};
  std::atomic<bool> in_use{true};
  ThreadCounters* next = nullptr;
};
inline thread_local constinit ThreadCounters* tl_counters = nullptr;
// Slow path: claims a counter block for this thread (reused after threads exit).
ThreadCounters& claim_thread_counters() noexcept;
inline ThreadCounters& thread_counters() noexcept {
  ThreadCounters* counters = tl_counters;
  if (counters == nullptr) [[unlikely]] counters = &claim_thread_counters();
  return *counters;
}
inline void count(Counter counter, std::uint64_t n = 1) noexcept {
  auto& slot = thread_counters().values[static_cast<int>(counter)];
  slot.store(slot.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}
std::uint64_t counter_total(Counter counter) noexcept;

// Spans held for conditional decisions, across all traces.
extern std::atomic<std::int64_t> g_pending_spans;

// Hands a finished, kept record to the pipeline (or recycles it).
void submit_record(Pipeline& pipeline, SpanRecord* record) noexcept;

}  // namespace parley::tracing::detail
