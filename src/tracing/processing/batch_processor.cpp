#include "processing/batch_processor.h"

#include "core/clock.h"
#include "core/log.h"
#include "core/span_record.h"

namespace parley::tracing::detail {
namespace {
// Upper bound on one idle wait, so a wake-up lost to a race costs at most this.
constexpr std::chrono::milliseconds kMaxIdleWait{100};
constexpr std::chrono::seconds kClockRefineInterval{10};
}  // namespace

BatchProcessor::BatchProcessor(const ProcessorOptions& options, std::vector<std::unique_ptr<SpanExporter>> exporters,
                               Resource resource)
    : queue_(options.max_queue_size),
      exporters_(std::move(exporters)),
      resource_(std::move(resource)),
      batch_size_(options.batch_size == 0 ? 1 : options.batch_size),
      batch_timeout_ms_(options.batch_timeout.count()) {
  records_.reserve(queue_.capacity());
  batch_.reserve(queue_.capacity());
  thread_ = std::thread([this] { run(); });
}

BatchProcessor::~BatchProcessor() {
  // Processors are normally leaked by design (see runtime.h); tests that own
  // one shut it down first.
  shutdown(std::chrono::steady_clock::now() + std::chrono::seconds(1));
  if (thread_.joinable()) thread_.detach();
}

void BatchProcessor::set_batch_size(std::size_t spans) noexcept {
  batch_size_.store(spans == 0 ? 1 : std::min(spans, queue_.capacity()), std::memory_order_relaxed);
  wake_.notify_one();
}

void BatchProcessor::set_batch_timeout(std::chrono::milliseconds timeout) noexcept {
  batch_timeout_ms_.store(timeout.count() <= 0 ? 1 : timeout.count(), std::memory_order_relaxed);
  wake_.notify_one();
}

void BatchProcessor::set_filter(std::function<bool(const SpanData&)> filter) {
  auto shared = filter ? std::make_shared<const std::function<bool(const SpanData&)>>(std::move(filter)) : nullptr;
  std::lock_guard lock(mutex_);
  filter_ = std::move(shared);
}

void BatchProcessor::wake_export_thread() noexcept {
  // Notifying under the mutex orders the notify after the export thread's
  // predicate check, so the wake-up cannot fall between check and wait. An
  // application thread never waits for the mutex, though: if it is taken,
  // the holder is the export thread (awake, or checking the queue this push
  // already filled) or another notifier; in the rare case where the export
  // thread checked just before this push, it sleeps at most kMaxIdleWait.
  if (mutex_.try_lock()) {
    wake_.notify_one();
    mutex_.unlock();
  }
}

std::size_t BatchProcessor::export_one_batch() noexcept {
  std::shared_ptr<const std::function<bool(const SpanData&)>> filter;
  {
    std::lock_guard lock(mutex_);
    filter = filter_;
  }
  const std::size_t limit = batch_size_.load(std::memory_order_relaxed);
  records_.clear();
  batch_.clear();
  std::size_t popped = 0;
  SpanRecord* rejected_first = nullptr;
  SpanRecord* rejected_last = nullptr;
  while (records_.size() < limit) {
    SpanRecord* record = queue_.try_pop();
    if (record == nullptr) break;
    ++popped;
    record->finish_times();
    bool keep = true;
    if (filter) {
      try {
        keep = (*filter)(*record);
      } catch (...) {
        keep = true;  // a throwing filter must not lose spans
      }
    }
    if (!keep) {
      filtered_.fetch_add(1, std::memory_order_relaxed);
      record->next = rejected_first;
      rejected_first = record;
      if (rejected_last == nullptr) rejected_last = record;
      continue;
    }
    records_.push_back(record);
    batch_.push_back(record);
  }
  if (rejected_first != nullptr) release_record_chain(rejected_first, rejected_last);
  if (batch_.empty()) return popped;

  // A batch counts as exported only when every exporter took it, so flush
  // and shutdown never report success while a backend is losing spans.
  bool all_succeeded = true;
  for (auto& exporter : exporters_) {
    ExportResult result = ExportResult::failure;
    try {
      result = exporter->export_spans(batch_, resource_);
    } catch (const std::exception& e) {
      log(LogLevel::error, std::string("exporter ") + std::string(exporter->name()) + " threw: " + e.what());
    } catch (...) {
      log(LogLevel::error, "exporter " + std::string(exporter->name()) + " threw");
    }
    all_succeeded = all_succeeded && result == ExportResult::success;
  }
  batches_.fetch_add(1, std::memory_order_relaxed);
  (all_succeeded ? exported_ : failed_).fetch_add(batch_.size(), std::memory_order_relaxed);

  for (std::size_t i = 0; i + 1 < records_.size(); ++i) records_[i]->next = records_[i + 1];
  records_.back()->next = nullptr;
  release_record_chain(records_.front(), records_.back());
  return popped;
}

void BatchProcessor::run() noexcept {
  auto next_export = std::chrono::steady_clock::now() + std::chrono::milliseconds(batch_timeout_ms_.load());
  auto next_refine = std::chrono::steady_clock::now() + kClockRefineInterval;
  for (;;) {
    bool stopping = false;
    std::uint64_t flush_target = 0;
    {
      std::unique_lock lock(mutex_);
      const auto wait_until = std::min(next_export, std::chrono::steady_clock::now() + kMaxIdleWait);
      sleeping_.store(true, std::memory_order_relaxed);
      wake_.wait_until(lock, wait_until, [&] {
        return stop_ || flush_requested_ > flush_done_ || queue_.size() >= batch_size_.load(std::memory_order_relaxed);
      });
      sleeping_.store(false, std::memory_order_relaxed);
      stopping = stop_;
      flush_target = flush_requested_;
    }
    const auto now = std::chrono::steady_clock::now();
    const bool flushing = stopping || flush_target > flush_done_;
    if (flushing) {
      while (export_one_batch() > 0) {
      }
    } else {
      while (queue_.size() >= batch_size_.load(std::memory_order_relaxed) && export_one_batch() > 0) {
      }
      if (now >= next_export) export_one_batch();
    }
    if (flushing || now >= next_export) {
      next_export = now + std::chrono::milliseconds(batch_timeout_ms_.load(std::memory_order_relaxed));
    }
    if (now >= next_refine) {
      clock_refine();
      next_refine = now + kClockRefineInterval;
    }
    if (flushing) {
      std::lock_guard lock(mutex_);
      flush_done_ = flush_target;
      flushed_.notify_all();
    }
    if (stopping) break;
  }
  std::lock_guard lock(mutex_);
  exited_ = true;
  flushed_.notify_all();
}

bool BatchProcessor::force_flush(Deadline deadline) noexcept {
  const std::uint64_t failed_before = failed_.load();
  std::unique_lock lock(mutex_);
  if (exited_) return queue_.size() == 0;
  const std::uint64_t target = ++flush_requested_;
  wake_.notify_one();
  const bool done = flushed_.wait_until(lock, deadline, [&] { return flush_done_ >= target || exited_; });
  if (!done) {
    for (auto& exporter : exporters_) exporter->interrupt();
  }
  return done && flush_done_ >= target && failed_.load() == failed_before;
}

bool BatchProcessor::shutdown(Deadline deadline) noexcept {
  const std::uint64_t failed_before = failed_.load();
  {
    std::unique_lock lock(mutex_);
    if (!thread_.joinable()) return exited_ && queue_.size() == 0;
    stop_ = true;
    wake_.notify_one();
    if (!flushed_.wait_until(lock, deadline, [&] { return exited_; })) {
      for (auto& exporter : exporters_) exporter->interrupt();
      // Give an interrupted exporter a moment to return, then let it go.
      if (!flushed_.wait_for(lock, std::chrono::milliseconds(200), [&] { return exited_; })) {
        lock.unlock();
        thread_.detach();
        log(LogLevel::warning, "shutdown deadline passed with spans still being exported");
        return false;
      }
    }
  }
  thread_.join();
  bool all = failed_.load() == failed_before && queue_.size() == 0;
  for (auto& exporter : exporters_) {
    try {
      all = exporter->shutdown(deadline) && all;
    } catch (...) {
      all = false;
    }
  }
  return all;
}

void BatchProcessor::fill_stats(TracingStats& stats) const {
  stats.spans_exported = exported_.load();
  stats.dropped_export_failed = failed_.load();
  stats.dropped_filtered += filtered_.load();
  stats.batches = batches_.load();
  stats.queue_size = queue_.size();
  stats.queue_capacity = queue_.capacity();
  for (const auto& exporter : exporters_) {
    try {
      stats.exporters.emplace_back(std::string(exporter->name()), exporter->stats());
    } catch (...) {
    }
  }
}

}  // namespace parley::tracing::detail
