#include <pthread.h>
#include <sys/random.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

#include "core/id_generator.h"
#include "propagation/hex.h"
#include "parley/tracing/ids.h"

namespace parley::tracing {
namespace detail {


// 16 digits at once (SSE2 on x86-64; see propagation/hex.h).
void write_hex_u64(std::uint64_t value, char* out16) noexcept { write_hex16(value, out16); }

std::atomic<std::uint32_t> g_fork_epoch{0};

namespace {
void on_fork_child() { g_fork_epoch.fetch_add(1, std::memory_order_relaxed); }

struct ForkHandlerInstaller {
  ForkHandlerInstaller() { pthread_atfork(nullptr, nullptr, &on_fork_child); }
};
const ForkHandlerInstaller fork_handler_installer;
}  // namespace

void IdGenerator::reseed() noexcept {
  epoch = g_fork_epoch.load(std::memory_order_relaxed);
  std::uint64_t seed = 0;
  if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) != static_cast<ssize_t>(sizeof(seed))) {
    // Without entropy (very early boot), mix time, pid and the state's
    // address: ids must differ across processes and threads, not be secret.
    seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
           (static_cast<std::uint64_t>(getpid()) << 32) ^ reinterpret_cast<std::uintptr_t>(this);
  }
  state = seed;
}

}  // namespace detail

void TraceId::write_hex(char* out32) const noexcept {
  detail::write_hex_u64(high, out32);
  detail::write_hex_u64(low, out32 + 16);
}

std::string TraceId::to_hex() const {
  std::string text(32, '0');
  write_hex(text.data());
  return text;
}

std::array<std::uint8_t, 16> TraceId::to_bytes() const noexcept {
  std::array<std::uint8_t, 16> bytes{};
  const std::uint64_t big_endian[2] = {__builtin_bswap64(high), __builtin_bswap64(low)};
  std::memcpy(bytes.data(), big_endian, sizeof(big_endian));
  return bytes;
}

TraceId TraceId::from_hex(std::string_view hex32) noexcept {
  TraceId id;
  if (hex32.size() != 32 || !detail::parse_hex_u64(hex32.data(), 16, id.high) ||
      !detail::parse_hex_u64(hex32.data() + 16, 16, id.low)) {
    return TraceId{};
  }
  return id;
}

void SpanId::write_hex(char* out16) const noexcept { detail::write_hex_u64(value, out16); }

std::string SpanId::to_hex() const {
  std::string text(16, '0');
  write_hex(text.data());
  return text;
}

std::array<std::uint8_t, 8> SpanId::to_bytes() const noexcept {
  std::array<std::uint8_t, 8> bytes{};
  const std::uint64_t big_endian = __builtin_bswap64(value);
  std::memcpy(bytes.data(), &big_endian, sizeof(big_endian));
  return bytes;
}

SpanId SpanId::from_hex(std::string_view hex16) noexcept {
  SpanId id;
  if (hex16.size() != 16 || !detail::parse_hex_u64(hex16.data(), 16, id.value)) return SpanId{};
  return id;
}

}  // namespace parley::tracing
