// Random trace and span ids: a per-thread xoshiro256** generator seeded once
// from the OS (getrandom), never zero, no system call per id. fork-safe: the
// at-fork child handler only bumps an epoch; each thread's generator notices
// the new epoch on its next id and reseeds, so a child never repeats the
// parent's sequence.
#pragma once

#include <atomic>
#include <cstdint>

#include "parley/tracing/ids.h"

namespace parley::tracing::detail {

class IdGenerator {
 public:
  std::uint64_t next() noexcept {
    if (epoch_ != fork_epoch.load(std::memory_order_relaxed)) [[unlikely]] reseed();
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }
  std::uint64_t next_nonzero() noexcept {
    std::uint64_t value = next();
    while (value == 0) [[unlikely]] value = next();
    return value;
  }

  static std::atomic<std::uint32_t> fork_epoch;

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  void reseed() noexcept;
  std::uint64_t state_[4] = {0, 0, 0, 0};
  std::uint32_t epoch_ = UINT32_MAX;
};

IdGenerator& thread_id_generator() noexcept;

inline TraceId new_trace_id() noexcept {
  auto& generator = thread_id_generator();
  TraceId id{generator.next(), generator.next()};
  while (!id.valid()) [[unlikely]] id.low = generator.next();
  return id;
}
inline SpanId new_span_id() noexcept { return SpanId{thread_id_generator().next_nonzero()}; }

}  // namespace parley::tracing::detail
