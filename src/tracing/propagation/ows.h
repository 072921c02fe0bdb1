// Optional whitespace (RFC 7230 OWS: spaces and tabs) around header members,
// shared by every header parser in propagation/.
#pragma once

#include <string_view>

namespace parley::tracing::detail {

constexpr bool is_ows(char c) noexcept { return c == ' ' || c == '\t'; }

constexpr std::string_view strip_ows(std::string_view text) noexcept {
  while (!text.empty() && is_ows(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ows(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace parley::tracing::detail
