// Random trace and span ids: a per-thread wyrand generator (one 64x64->128
// multiply per id; passes BigCrush and PractRand) seeded once from the OS
// (getrandom), never zero, no system call per id. The thread-local state is
// constant-initialised, so reaching it costs no guard. fork-safe: the at-fork
// child handler only bumps an epoch; each thread's generator notices the new
// epoch on its next id and reseeds, so a child never repeats the parent's
// sequence.
#pragma once

#include <atomic>
#include <cstdint>

#include "parley/tracing/ids.h"

namespace parley::tracing::detail {

extern std::atomic<std::uint32_t> g_fork_epoch;

__extension__ typedef unsigned __int128 Uint128;  // GCC/Clang; __extension__ keeps -Wpedantic quiet

struct IdGenerator {
  std::uint64_t state = 0;
  std::uint32_t epoch = UINT32_MAX;  // never equal to a real epoch before seeding

  void reseed() noexcept;

  void check_fork() noexcept {
    if (epoch != g_fork_epoch.load(std::memory_order_relaxed)) [[unlikely]] reseed();
  }
  std::uint64_t next() noexcept {
    check_fork();
    return draw();
  }
  // Without the fork check: call check_fork() first.
  std::uint64_t draw() noexcept {
    state += 0xa0761d6478bd642fULL;
    const Uint128 product = static_cast<Uint128>(state) * static_cast<Uint128>(state ^ 0xe7037ed1a0b428dbULL);
    return static_cast<std::uint64_t>(product >> 64) ^ static_cast<std::uint64_t>(product);
  }
  std::uint64_t next_nonzero() noexcept {
    std::uint64_t value = next();
    while (value == 0) [[unlikely]] value = next();
    return value;
  }
};

inline thread_local constinit IdGenerator tl_id_generator{};

// A new trace id and span id together (one fork check, three draws).
inline void new_root_ids(TraceId& trace_id, SpanId& span_id) noexcept {
  IdGenerator& generator = tl_id_generator;
  generator.check_fork();
  trace_id.high = generator.draw();
  trace_id.low = generator.draw();
  span_id.value = generator.draw();
  if (!trace_id.valid() || !span_id.valid()) [[unlikely]] {
    trace_id = TraceId{generator.next_nonzero(), generator.next_nonzero()};
    span_id = SpanId{generator.next_nonzero()};
  }
}

inline TraceId new_trace_id() noexcept {
  TraceId id{tl_id_generator.next(), tl_id_generator.next()};
  while (!id.valid()) [[unlikely]] id.low = tl_id_generator.next();
  return id;
}
inline SpanId new_span_id() noexcept { return SpanId{tl_id_generator.next_nonzero()}; }

}  // namespace parley::tracing::detail
