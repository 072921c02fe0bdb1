// parley/tracing/ids.h — trace and span identifiers, trace flags, span context.
//
// TraceId is 128 bits, SpanId 64 bits; the all-zero value of either is invalid.
// SpanContext is the part of a span that crosses process boundaries: ids, W3C
// trace flags, the tracestate text and whether it came from another process.
// All types here are plain values: cheap to copy (SpanContext copies its
// tracestate string, which is empty for most spans), thread-compatible, and
// never allocate except for a non-empty tracestate.
//
// Hex helpers write lowercase and parse exactly the lowercase forms the
// propagation formats use; parsing never throws and reports failure by
// returning an invalid id.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace parley::tracing {

// 128-bit trace id, stored big-endian as two 64-bit halves (high first),
// which is how Jaeger, B3 and the W3C text order the bytes.
struct TraceId {
  std::uint64_t high = 0;
  std::uint64_t low = 0;

  constexpr bool valid() const noexcept { return (high | low) != 0; }
  friend constexpr bool operator==(const TraceId&, const TraceId&) = default;

  // 32 lowercase hex characters.
  std::string to_hex() const;
  void write_hex(char* out32) const noexcept;
  // The 16 bytes, big-endian (the OTLP and Zipkin-proto wire form).
  std::array<std::uint8_t, 16> to_bytes() const noexcept;

  // Parses 32 lowercase hex characters; anything else gives an invalid id.
  static TraceId from_hex(std::string_view hex32) noexcept;
};

// 64-bit span id.
struct SpanId {
  std::uint64_t value = 0;

  constexpr bool valid() const noexcept { return value != 0; }
  friend constexpr bool operator==(const SpanId&, const SpanId&) = default;

  std::string to_hex() const;
  void write_hex(char* out16) const noexcept;
  std::array<std::uint8_t, 8> to_bytes() const noexcept;

  // Parses 16 lowercase hex characters; anything else gives an invalid id.
  static SpanId from_hex(std::string_view hex16) noexcept;
};

// W3C trace-flags bits.
namespace trace_flags {
inline constexpr std::uint8_t kSampled = 0x01;
inline constexpr std::uint8_t kRandom = 0x02;  // W3C Level 2: trace id is random
}  // namespace trace_flags

// The propagated part of a span.
struct SpanContext {
  TraceId trace_id;
  SpanId span_id;
  std::uint8_t flags = 0;       // W3C trace flags (sampled, random)
  bool remote = false;          // extracted from another process
  bool debug = false;           // B3 / Jaeger debug: keep whatever the rate says
  bool deferred = false;        // B3 without a sampling state: let this process decide
  std::string trace_state;      // W3C tracestate text, already validated

  bool valid() const noexcept { return trace_id.valid() && span_id.valid(); }
  bool sampled() const noexcept { return (flags & trace_flags::kSampled) != 0; }
};

namespace detail {
// Lowercase hex digit value, or 0xFF: one table load per character.
struct HexTable {
  unsigned char value[256];
  constexpr HexTable() : value() {
    for (int i = 0; i < 256; ++i) value[i] = 0xFF;
    for (int i = 0; i < 10; ++i) value['0' + i] = static_cast<unsigned char>(i);
    for (int i = 0; i < 6; ++i) value['a' + i] = static_cast<unsigned char>(10 + i);
  }
};
inline constexpr HexTable kHexTable{};

constexpr int hex_value(char c) noexcept {
  const unsigned char v = kHexTable.value[static_cast<unsigned char>(c)];
  return v == 0xFF ? -1 : v;
}
// Parses exactly `digits` (<= 16) lowercase hex characters into `out`;
// branch-free per character (an invalid one sets the high bit of `bad`).
constexpr bool parse_hex_u64(const char* text, std::size_t digits, std::uint64_t& out) noexcept {
  std::uint64_t value = 0;
  unsigned bad = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const unsigned char nibble = kHexTable.value[static_cast<unsigned char>(text[i])];
    bad |= nibble;
    value = (value << 4) | (nibble & 0xFu);
  }
  if ((bad & 0x80u) != 0) return false;
  out = value;
  return true;
}
// Writes `value` as 16 lowercase hex characters.
void write_hex_u64(std::uint64_t value, char* out16) noexcept;
}  // namespace detail

}  // namespace parley::tracing
