// Hex text of ids for the propagation formats, sixteen characters per step
// with SSE2 (every x86-64 CPU has it), eight per step on 64-bit words
// elsewhere, instead of one: the header parsers and writers are on every
// request's path. PARLEY_HEX_PORTABLE forces the word version (tests).
//
// parse_hex16 accepts exactly the lowercase digits 0-9a-f (uppercase,
// non-ASCII and every other byte make it fail, leaving `out` untouched);
// write_hex16 writes 16 lowercase digits. Both read or write exactly 16
// bytes and never allocate.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__) && !defined(PARLEY_HEX_PORTABLE)
#include <emmintrin.h>
#define PARLEY_HEX_SSE2 1
#endif

namespace parley::tracing::detail {

namespace hex_swar {
inline constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
inline constexpr std::uint64_t kHigh = 0x8080808080808080ULL;

// Eight characters, first in the lowest byte whatever the machine's order.
inline std::uint64_t load8(const char* text) noexcept {
  std::uint64_t word;
  std::memcpy(&word, text, 8);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;
}

inline void store8(std::uint64_t word, char* out) noexcept {
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  std::memcpy(out, &word, 8);
}

// Eight lowercase hex characters -> 32-bit value; false on any other byte.
inline bool parse8(std::uint64_t chars, std::uint32_t& out) noexcept {
  if ((chars & kHigh) != 0) return false;  // non-ASCII
  // For ASCII bytes, adding (0x80 - bound) sets bit 7 exactly when byte >= bound,
  // and never carries into the next byte.
  const std::uint64_t ge_0 = chars + kOnes * (0x80 - '0');
  const std::uint64_t ge_colon = chars + kOnes * (0x80 - ('9' + 1));
  const std::uint64_t ge_a = chars + kOnes * (0x80 - 'a');
  const std::uint64_t ge_g = chars + kOnes * (0x80 - ('f' + 1));
  const std::uint64_t digit = ge_0 & ~ge_colon & kHigh;
  const std::uint64_t letter = ge_a & ~ge_g & kHigh;
  if ((digit | letter) != kHigh) return false;
  // '0'-'9' -> low nibble; 'a'-'f' -> low nibble (1-6) + 9.
  std::uint64_t nibbles = (chars & (kOnes * 0x0F)) + (letter >> 7) * 9;
  // Byte i holds digit i (most significant first): pair, then pack, then swap.
  nibbles = ((nibbles << 4) | (nibbles >> 8)) & 0x00FF00FF00FF00FFULL;
  nibbles = (nibbles | (nibbles >> 8)) & 0x0000FFFF0000FFFFULL;
  nibbles = (nibbles | (nibbles >> 16)) & 0x00000000FFFFFFFFULL;
  out = __builtin_bswap32(static_cast<std::uint32_t>(nibbles));
  return true;
}

// 32-bit value -> eight lowercase hex characters (first in the lowest byte).
inline std::uint64_t format8(std::uint32_t value) noexcept {
  std::uint64_t v = value;
  v = (v | (v << 16)) & 0x0000FFFF0000FFFFULL;
  v = (v | (v << 8)) & 0x00FF00FF00FF00FFULL;
  v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FULL;  // byte i = nibble i (least significant first)
  v = __builtin_bswap64(v);                     // most significant first
  const std::uint64_t letters = ((v + kOnes * 6) >> 4) & kOnes;  // nibble >= 10
  return v + kOnes * '0' + letters * ('a' - '0' - 10);
}
}  // namespace hex_swar

#if defined(PARLEY_HEX_SSE2)
namespace hex_sse2 {
// Exactly 16 lowercase hex characters -> value (first character most significant).
inline bool parse16(const char* text, std::uint64_t& out) noexcept {
  const __m128i chars = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text));
  // Signed compares: bytes >= 0x80 are negative and fall outside both ranges.
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(chars, _mm_set1_epi8('0' - 1)),
                                      _mm_cmplt_epi8(chars, _mm_set1_epi8('9' + 1)));
  const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(chars, _mm_set1_epi8('a' - 1)),
                                       _mm_cmplt_epi8(chars, _mm_set1_epi8('f' + 1)));
  if (_mm_movemask_epi8(_mm_or_si128(digit, letter)) != 0xFFFF) return false;
  const __m128i nibbles = _mm_add_epi8(_mm_and_si128(chars, _mm_set1_epi8(0x0F)),
                                       _mm_and_si128(letter, _mm_set1_epi8(9)));
  // 16-bit lane k holds digits 2k (low byte) and 2k+1: make byte (2k << 4 | 2k+1).
  const __m128i pairs = _mm_and_si128(_mm_or_si128(_mm_slli_epi16(nibbles, 4), _mm_srli_epi16(nibbles, 8)),
                                      _mm_set1_epi16(0x00FF));
  const auto bytes = static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_packus_epi16(pairs, pairs)));
  out = __builtin_bswap64(bytes);
  return true;
}

inline void format16(std::uint64_t value, char* out16) noexcept {
  const __m128i bytes = _mm_cvtsi64_si128(static_cast<long long>(__builtin_bswap64(value)));
  const __m128i low_mask = _mm_set1_epi8(0x0F);
  const __m128i high = _mm_and_si128(_mm_srli_epi16(bytes, 4), low_mask);
  const __m128i low = _mm_and_si128(bytes, low_mask);
  const __m128i nibbles = _mm_unpacklo_epi8(high, low);  // most significant first
  const __m128i letters = _mm_and_si128(_mm_cmpgt_epi8(nibbles, _mm_set1_epi8(9)), _mm_set1_epi8('a' - '0' - 10));
  const __m128i chars = _mm_add_epi8(_mm_add_epi8(nibbles, _mm_set1_epi8('0')), letters);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out16), chars);
}
}  // namespace hex_sse2
#endif

// Exactly 16 lowercase hex characters at `text` -> `out`.
inline bool parse_hex16(const char* text, std::uint64_t& out) noexcept {
#if defined(PARLEY_HEX_SSE2)
  return hex_sse2::parse16(text, out);
#else
  std::uint32_t high = 0, low = 0;
  if (!hex_swar::parse8(hex_swar::load8(text), high) || !hex_swar::parse8(hex_swar::load8(text + 8), low)) {
    return false;
  }
  out = (static_cast<std::uint64_t>(high) << 32) | low;
  return true;
#endif
}

inline void write_hex16(std::uint64_t value, char* out16) noexcept {
#if defined(PARLEY_HEX_SSE2)
  hex_sse2::format16(value, out16);
#else
  hex_swar::store8(hex_swar::format8(static_cast<std::uint32_t>(value >> 32)), out16);
  hex_swar::store8(hex_swar::format8(static_cast<std::uint32_t>(value)), out16 + 8);
#endif
}

// Two lowercase hex characters (trace flags, version).
inline bool parse_hex2(const char* text, std::uint8_t& out) noexcept {
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  const int high = nibble(text[0]), low = nibble(text[1]);
  if ((high | low) < 0) return false;
  out = static_cast<std::uint8_t>(high << 4 | low);
  return true;
}

}  // namespace parley::tracing::detail
