// Sampling decisions.
//
// Root spans: AlwaysOn, AlwaysOff, or the consistent probability rule of the
// current OTel spec: R = the rightmost 56 bits of the trace id, T = (1-p)*2^56,
// keep iff R >= T; the kept root's tracestate gets `ot=th:<T in hex, trailing
// zeros removed>`. Spans with a parent follow ParentBased (the default).
// Conditional sampling (the seed's "always keep errors and slow requests")
// turns a would-be drop into Sampling::pending: the local trace is recorded
// and decided when its local root ends. set_rate() is lock-free and applies
// to traces started afterwards.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "parley/tracing/config.h"
#include "parley/tracing/context.h"
#include "parley/tracing/ids.h"

namespace parley::tracing::detail {

inline constexpr std::uint64_t kRandomnessBits = 56;
inline constexpr std::uint64_t kMaxThreshold = std::uint64_t{1} << kRandomnessBits;  // p = 0

// T for probability p (clamped to [0, 1]).
std::uint64_t threshold_for_rate(double rate) noexcept;
// The `th` value: T as 14 hex digits with trailing zeros removed ("0" for T=0).
std::string threshold_hex(std::uint64_t threshold);
inline std::uint64_t trace_randomness(const TraceId& id) noexcept { return id.low & (kMaxThreshold - 1); }

class Sampler {
 public:
  Sampler() = default;
  void configure(const FinalConfig& config) noexcept;

  void set_rate(double rate) noexcept;
  double rate() const noexcept { return rate_.load(std::memory_order_relaxed); }
  bool ratio_keeps(const TraceId& id) const noexcept {
    return trace_randomness(id) >= threshold_.load(std::memory_order_relaxed);
  }

  // Decision for a span without a valid parent. `ratio_sampled` tells the
  // caller to write the `ot=th` tracestate entry.
  Sampling decide_root(const TraceId& id, bool& ratio_sampled) const noexcept {
    ratio_sampled = false;
    if (root_ == RootSampler::always_on) return Sampling::sampled;
    if (root_ == RootSampler::ratio && ratio_keeps(id)) {
      ratio_sampled = true;
      return Sampling::sampled;
    }
    return conditional_ ? Sampling::pending : Sampling::dropped;
  }
  // Decision for a span whose parent came from another process. `trace_id`
  // is the span's own: the parent's, or a new one when the parent carried
  // only a decision (`b3: 0`, `X-B3-Sampled: 1`): ParentBased follows that
  // decision all the same.
  Sampling decide_remote(const SpanContext& parent, const TraceId& trace_id, bool& ratio_sampled) const noexcept {
    if (!parent_based_ || parent.deferred) return decide_root(trace_id, ratio_sampled);
    ratio_sampled = false;
    if (parent.sampled() || parent.debug) return Sampling::sampled;
    return conditional_ ? Sampling::pending : Sampling::dropped;
  }
  std::string threshold_entry() const;  // "th:e666..." for the current rate
  // `state` with our `ot` entry at the front carrying the current threshold:
  // other members keep their order, other `ot` sub-keys (e.g. `rv`) are kept.
  std::string with_threshold(std::string_view state) const;

  bool conditional() const noexcept { return conditional_; }
  bool sample_errors() const noexcept { return sample_errors_; }
  std::uint64_t slow_threshold_ns() const noexcept { return slow_threshold_ns_; }

 private:
  RootSampler root_ = RootSampler::ratio;
  bool parent_based_ = true;
  bool conditional_ = true;
  bool sample_errors_ = true;
  std::uint64_t slow_threshold_ns_ = 1000000000ULL;
  std::atomic<double> rate_{0.1};
  std::atomic<std::uint64_t> threshold_{0};
};

}  // namespace parley::tracing::detail
