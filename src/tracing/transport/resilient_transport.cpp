#include "transport/resilient_transport.h"

#include <algorithm>

#include "core/log.h"

namespace parley::tracing::detail {

ResilientTransport::ResilientTransport(std::unique_ptr<Transport> inner, RetryPolicy policy, std::string name)
    : inner_(std::move(inner)), policy_(policy), name_(std::move(name)), open_for_(policy.open_for) {}

void ResilientTransport::set_state(CircuitState state, const std::string& why) {
  if (state_.exchange(state, std::memory_order_relaxed) == state) return;
  switch (state) {
    case CircuitState::open:
      log(LogLevel::warning, name_ + " exporter: " + std::string(inner_->describe()) + " is failing (" + why +
                                 "); spans are dropped until a probe in " + std::to_string(open_for_.count()) + " ms succeeds");
      break;
    case CircuitState::half_open:
      log(LogLevel::info, name_ + " exporter: probing " + std::string(inner_->describe()));
      break;
    case CircuitState::closed:
      log(LogLevel::info, name_ + " exporter: " + std::string(inner_->describe()) + " answers again; exporting resumed");
      break;
  }
}

bool ResilientTransport::accepting() noexcept {
  if (state_.load(std::memory_order_relaxed) != CircuitState::open) return true;
  if (Deadline::clock::now() < probe_at_) return false;
  set_state(CircuitState::half_open, "");
  return true;
}

void ResilientTransport::interrupt() noexcept {
  {
    std::lock_guard lock(mutex_);
    interrupted_ = true;
  }
  wake_.notify_all();
  inner_->interrupt();
}

bool ResilientTransport::sleep_until(Deadline until) noexcept {
  std::unique_lock lock(mutex_);
  wake_.wait_until(lock, until, [&] { return interrupted_; });
  return !interrupted_;
}

void ResilientTransport::record_outcome(bool success, const std::string& error) {
  if (success) {
    if (consecutive_failures_ > 0 && state_.load(std::memory_order_relaxed) == CircuitState::closed) {
      log(LogLevel::info, name_ + " exporter: " + std::string(inner_->describe()) + " takes batches again");
    }
    consecutive_failures_ = 0;
    open_for_ = policy_.open_for;
    last_fatal_status_ = -1;
    set_state(CircuitState::closed, "");
    return;
  }
  {
    std::lock_guard lock(error_mutex_);
    last_error_ = error;
  }
  if (++consecutive_failures_ == 1 && state_.load(std::memory_order_relaxed) == CircuitState::closed &&
      policy_.failures_to_open > 1) {
    log(LogLevel::warning, name_ + " exporter: " + std::string(inner_->describe()) + " did not take a batch (" + error +
                               "); those spans are dropped, later batches are retried");
  }
  const bool probe_failed = state_.load(std::memory_order_relaxed) == CircuitState::half_open;
  if (probe_failed || consecutive_failures_ >= policy_.failures_to_open) {
    if (probe_failed) open_for_ = std::min(open_for_ * 2, policy_.max_open_for);
    probe_at_ = Deadline::clock::now() + open_for_;
    if (probe_failed) state_.store(CircuitState::closed, std::memory_order_relaxed);  // log the reopening once more
    set_state(CircuitState::open, error);
  }
}

SendResult ResilientTransport::send(std::string_view body, std::string_view content_type, Deadline deadline) noexcept {
  std::chrono::milliseconds backoff = policy_.initial_backoff;
  SendResult result;
  for (int attempt = 1;; ++attempt) {
    result = inner_->send(body, content_type, deadline);
    if (result.outcome == SendResult::Outcome::ok) {
      sent_.fetch_add(1, std::memory_order_relaxed);
      bytes_.fetch_add(body.size(), std::memory_order_relaxed);
      record_outcome(true, "");
      {
        // The backend answers again: back-off waits resume after an interrupt.
        std::lock_guard lock(mutex_);
        interrupted_ = false;
      }
      return result;
    }
    if (result.outcome == SendResult::Outcome::fatal) {
      // Not retryable (400, 401, 413, ...): the batch is dropped; one line
      // per distinct answer, not one per batch.
      failed_.fetch_add(1, std::memory_order_relaxed);
      if (result.status != last_fatal_status_) {
        last_fatal_status_ = result.status;
        log(LogLevel::error, name_ + " exporter: " + std::string(inner_->describe()) + " rejected a batch (" +
                                 result.message + "); the batch is dropped");
      }
      {
        std::lock_guard lock(error_mutex_);
        last_error_ = result.message;
      }
      return result;
    }
    // Retryable.
    const bool half_open = state_.load(std::memory_order_relaxed) == CircuitState::half_open;
    if (attempt >= policy_.max_attempts || half_open) break;
    auto wait = result.retry_after.count() > 0
                    ? result.retry_after
                    : std::chrono::milliseconds(std::uniform_int_distribution<std::int64_t>(0, backoff.count())(random_));
    const auto wake_at = Deadline::clock::now() + wait;
    if (wake_at >= deadline) break;
    if (!sleep_until(wake_at)) break;  // interrupted (shutdown, flush deadline)
    retries_.fetch_add(1, std::memory_order_relaxed);
    backoff = std::min(std::chrono::duration_cast<std::chrono::milliseconds>(backoff * policy_.multiplier),
                       policy_.max_backoff);
  }
  failed_.fetch_add(1, std::memory_order_relaxed);
  record_outcome(false, result.message);
  return result;
}

ExporterStats ResilientTransport::stats() const {
  ExporterStats stats;
  stats.batches_sent = sent_.load();
  stats.batches_failed = failed_.load();
  stats.retries = retries_.load();
  stats.dropped_circuit_open = dropped_.load();
  stats.bytes_sent = bytes_.load();
  switch (state_.load()) {
    case CircuitState::closed: stats.circuit_state = "closed"; break;
    case CircuitState::open: stats.circuit_state = "open"; break;
    case CircuitState::half_open: stats.circuit_state = "half-open"; break;
  }
  std::lock_guard lock(error_mutex_);
  stats.last_error = last_error_;
  return stats;
}

}  // namespace parley::tracing::detail
