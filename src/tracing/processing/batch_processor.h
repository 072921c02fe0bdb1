// The batch processor: a bounded MPSC queue of finished span records and one
// background thread that owns all export I/O.
//
// Producers (application threads) only try_push: never block, never
// allocate; a full queue means the span is dropped and counted by the caller.
// The export thread sends a batch when batch_size spans are queued, when the
// batch timeout has passed, or on force_flush; exports never overlap. Records
// go back to the pool after every exporter has seen them. force_flush and
// shutdown honour the caller's deadline and say truthfully whether all was
// exported; shutdown interrupts exporters stuck in back-off.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "parley/tracing/exporter.h"
#include "parley/tracing/provider.h"
#include "processing/bounded_queue.h"

namespace parley::tracing::detail {

class SpanRecord;

struct ProcessorOptions {
  std::size_t max_queue_size = 2048;
  std::size_t batch_size = 512;
  std::chrono::milliseconds batch_timeout{5000};
};

class BatchProcessor {
 public:
  BatchProcessor(const ProcessorOptions& options, std::vector<std::unique_ptr<SpanExporter>> exporters,
                 Resource resource);
  BatchProcessor(const BatchProcessor&) = delete;
  BatchProcessor& operator=(const BatchProcessor&) = delete;
  ~BatchProcessor();

  // False when the queue is full (the caller drops and counts).
  bool submit(SpanRecord* record) noexcept {
    if (!queue_.try_push(record)) return false;
    if (queue_.size() >= batch_size_.load(std::memory_order_relaxed) && sleeping_.load(std::memory_order_relaxed) &&
        sleeping_.exchange(false, std::memory_order_relaxed)) {
      wake_export_thread();  // at most once per batch
    }
    return true;
  }

  bool force_flush(Deadline deadline) noexcept;
  bool shutdown(Deadline deadline) noexcept;

  void set_batch_size(std::size_t spans) noexcept;
  void set_batch_timeout(std::chrono::milliseconds timeout) noexcept;
  void set_filter(std::function<bool(const SpanData&)> filter);

  void fill_stats(TracingStats& stats) const;

 private:
  void run() noexcept;
  void wake_export_thread() noexcept;
  // Pops up to batch_size records and exports them; returns how many were popped.
  std::size_t export_one_batch() noexcept;

  BoundedQueue<SpanRecord> queue_;
  std::vector<std::unique_ptr<SpanExporter>> exporters_;
  Resource resource_;
  std::atomic<std::size_t> batch_size_;
  std::atomic<std::int64_t> batch_timeout_ms_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable flushed_;
  std::atomic<bool> sleeping_{false};
  bool stop_ = false;
  bool exited_ = false;
  std::uint64_t flush_requested_ = 0;
  std::uint64_t flush_done_ = 0;
  std::shared_ptr<const std::function<bool(const SpanData&)>> filter_;

  std::atomic<std::uint64_t> exported_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<std::uint64_t> filtered_{0};
  std::atomic<std::uint64_t> batches_{0};

  std::vector<SpanRecord*> records_;
  std::vector<const SpanData*> batch_;
  std::thread thread_;
};

}  // namespace parley::tracing::detail
