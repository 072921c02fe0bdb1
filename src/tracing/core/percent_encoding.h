// Percent-decoding shared by every parser of encoded text (OTEL_* key/value
// lists, W3C baggage, Jaeger uberctx- values and uber-trace-id).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley::tracing::detail {

// Hex digit of either case, or -1.
constexpr int hex_digit_any_case(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct PercentDecodeOptions {
  bool plus_is_space = false;                  // URL form encoding
  bool (*allowed)(unsigned char) = nullptr;    // bytes allowed unencoded (null: all)
};

// nullopt on a truncated or non-hex escape, or a byte `allowed` rejects.
std::optional<std::string> percent_decode(std::string_view text, PercentDecodeOptions options = {});

}  // namespace parley::tracing::detail
