// The span clock: raw ticks on the hot path, wall-clock nanoseconds on the
// way out. Where the TSC is invariant (constant_tsc + nonstop_tsc) a tick is
// one rdtsc (~10 ns cheaper than clock_gettime, and spans read the clock
// twice); the tick rate is calibrated against CLOCK_REALTIME at start-up and
// refined over an ever longer baseline by the export thread. Elsewhere a tick
// is a CLOCK_REALTIME nanosecond. Conversions read a seqlock; never blocks.
#pragma once

#include <atomic>
#include <cstdint>
#include <ctime>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define PARLEY_TRACING_HAVE_TSC 1
#endif

namespace parley::tracing::detail {

extern bool g_clock_uses_tsc;  // fixed before the first span

inline std::uint64_t realtime_ns() noexcept {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<std::uint64_t>(now.tv_sec) * 1000000000ULL + static_cast<std::uint64_t>(now.tv_nsec);
}

inline std::uint64_t clock_ticks() noexcept {
#ifdef PARLEY_TRACING_HAVE_TSC
  if (g_clock_uses_tsc) return __rdtsc();
#endif
  return realtime_ns();
}

// Idempotent; called by init() before any span exists.
void clock_initialize() noexcept;
// Re-measures the tick rate over the baseline since start-up.
void clock_refine() noexcept;
std::uint64_t ticks_to_unix_ns(std::uint64_t ticks) noexcept;
std::uint64_t ticks_to_ns(std::uint64_t tick_delta) noexcept;

}  // namespace parley::tracing::detail
