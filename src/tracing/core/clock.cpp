#include "core/clock.h"

#include <cpuid.h>

#include <fstream>
#include <string>
#include <thread>

namespace parley::tracing::detail {

bool g_clock_uses_tsc = false;

namespace {

struct Calibration {
  std::atomic<std::uint32_t> version{0};
  std::atomic<std::uint64_t> base_tick{0};
  std::atomic<std::uint64_t> base_ns{0};
  std::atomic<double> ns_per_tick{1.0};
  // Start of the baseline (written once).
  std::uint64_t origin_tick = 0;
  std::uint64_t origin_ns = 0;
};

// Constant-initialised and trivially destructible: no guard, usable at exit.
constinit Calibration g_calibration{};
Calibration& calibration() { return g_calibration; }

bool tsc_is_invariant() {
#ifdef PARLEY_TRACING_HAVE_TSC
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(0x80000007, &eax, &ebx, &ecx, &edx) != 0 && (edx & (1u << 8)) != 0) return true;
  // Hypervisors often hide leaf 0x80000007 while exposing the Linux flags.
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("flags", 0) == 0) {
      return line.find(" constant_tsc") != std::string::npos && line.find(" nonstop_tsc") != std::string::npos;
    }
  }
#endif
  return false;
}

void publish(std::uint64_t tick, std::uint64_t ns, double rate) {
  auto& c = calibration();
  // Seqlock without fences (which ThreadSanitizer cannot model): release
  // stores keep the odd version ahead of the data, acquire loads in the
  // reader keep the second version check after the data.
  const auto v = c.version.load(std::memory_order_relaxed);
  c.version.store(v + 1, std::memory_order_relaxed);
  c.base_tick.store(tick, std::memory_order_release);
  c.base_ns.store(ns, std::memory_order_release);
  c.ns_per_tick.store(rate, std::memory_order_release);
  c.version.store(v + 2, std::memory_order_release);
}

#ifdef PARLEY_TRACING_HAVE_TSC
// A (tick, ns) pair read as close together as the machine allows.
void paired_read(std::uint64_t& tick, std::uint64_t& ns) {
  std::uint64_t best = UINT64_MAX;
  for (int i = 0; i < 5; ++i) {
    const std::uint64_t before = __rdtsc();
    const std::uint64_t wall = realtime_ns();
    const std::uint64_t after = __rdtsc();
    if (after - before < best) {
      best = after - before;
      tick = before + (after - before) / 2;
      ns = wall;
    }
  }
}
#endif

}  // namespace

void clock_initialize() noexcept {
  static std::atomic<bool> done{false};
  if (done.exchange(true)) return;
  auto& c = calibration();
#ifdef PARLEY_TRACING_HAVE_TSC
  if (tsc_is_invariant()) {
    std::uint64_t t0 = 0, n0 = 0, t1 = 0, n1 = 0;
    paired_read(t0, n0);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    paired_read(t1, n1);
    if (t1 > t0 && n1 > n0) {
      c.origin_tick = t0;
      c.origin_ns = n0;
      publish(t1, n1, static_cast<double>(n1 - n0) / static_cast<double>(t1 - t0));
      g_clock_uses_tsc = true;
      return;
    }
  }
#endif
  publish(0, 0, 1.0);
}

void clock_refine() noexcept {
#ifdef PARLEY_TRACING_HAVE_TSC
  if (!g_clock_uses_tsc) return;
  auto& c = calibration();
  std::uint64_t tick = 0, ns = 0;
  paired_read(tick, ns);
  if (tick <= c.origin_tick || ns <= c.origin_ns) return;
  publish(tick, ns, static_cast<double>(ns - c.origin_ns) / static_cast<double>(tick - c.origin_tick));
#endif
}

std::uint64_t ticks_to_unix_ns(std::uint64_t ticks) noexcept {
  if (!g_clock_uses_tsc) return ticks;
  auto& c = calibration();
  for (;;) {
    const auto v1 = c.version.load(std::memory_order_acquire);
    const auto base_tick = c.base_tick.load(std::memory_order_acquire);
    const auto base_ns = c.base_ns.load(std::memory_order_acquire);
    const auto rate = c.ns_per_tick.load(std::memory_order_acquire);
    if ((v1 & 1) == 0 && c.version.load(std::memory_order_relaxed) == v1) {
      const double delta = static_cast<double>(static_cast<std::int64_t>(ticks - base_tick)) * rate;
      return static_cast<std::uint64_t>(static_cast<std::int64_t>(base_ns) + static_cast<std::int64_t>(delta));
    }
  }
}

std::uint64_t ticks_to_ns(std::uint64_t tick_delta) noexcept {
  if (!g_clock_uses_tsc) return tick_delta;
  return static_cast<std::uint64_t>(static_cast<double>(tick_delta) *
                                    calibration().ns_per_tick.load(std::memory_order_relaxed));
}

}  // namespace parley::tracing::detail
