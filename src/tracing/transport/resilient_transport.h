// Retry, back-off and circuit breaking around any transport.
//
// Retryable failures (connection errors, 429/502/503/504) are retried with
// capped exponential back-off and full jitter, or after Retry-After when the
// server gives one, within the batch's deadline. After `failures_to_open`
// consecutive failed batches the circuit opens: batches are dropped without
// encoding or I/O (counted) until a probe is due; the probe's success closes
// the circuit, its failure reopens it with a doubled cool-down. One log line
// per state change. interrupt() cuts any back-off short (shutdown, a flush past
// its deadline) and aborts the request in flight; until the backend answers
// again, failed batches are then not retried (no waiting while a caller gives up).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

struct RetryPolicy {
  int max_attempts = 5;
  std::chrono::milliseconds initial_backoff{1000};
  std::chrono::milliseconds max_backoff{5000};
  double multiplier = 1.5;
  int failures_to_open = 3;
  std::chrono::milliseconds open_for{5000};
  std::chrono::milliseconds max_open_for{60000};
};

enum class CircuitState : std::uint8_t { closed, open, half_open };

class ResilientTransport final : public Transport {
 public:
  ResilientTransport(std::unique_ptr<Transport> inner, RetryPolicy policy, std::string name);

  std::string_view describe() const noexcept override { return inner_->describe(); }
  SendResult send(std::string_view body, std::string_view content_type, Deadline deadline) noexcept override;
  void interrupt() noexcept override;
  ExporterStats stats() const override;

  // False while the circuit is open and no probe is due: the caller drops
  // the batch without encoding it.
  bool accepting() noexcept override;
  void count_dropped(std::size_t spans) noexcept override { dropped_.fetch_add(spans, std::memory_order_relaxed); }
  CircuitState state() const noexcept { return state_.load(std::memory_order_relaxed); }

 private:
  bool sleep_until(Deadline until) noexcept;  // false when interrupted
  void record_outcome(bool success, const std::string& error);
  void set_state(CircuitState state, const std::string& why);

  std::unique_ptr<Transport> inner_;
  RetryPolicy policy_;
  std::string name_;
  std::mt19937_64 random_{std::random_device{}()};

  std::mutex mutex_;
  std::condition_variable wake_;
  bool interrupted_ = false;

  std::atomic<CircuitState> state_{CircuitState::closed};
  int consecutive_failures_ = 0;
  std::chrono::milliseconds open_for_;
  Deadline probe_at_{};
  int last_fatal_status_ = -1;

  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<std::uint64_t> retries_{0};
  std::atomic<std::uint64_t> dropped_{0};
  std::atomic<std::uint64_t> bytes_{0};
  mutable std::mutex error_mutex_;
  std::string last_error_;
};

}  // namespace parley::tracing::detail
