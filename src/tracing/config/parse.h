// Parsers for configuration values, following the OTel rules: empty means
// unset; booleans are case-insensitive true/false; enums case-insensitive;
// numbers must parse completely and lie in range. Every parser returns
// nullopt on a bad value and never throws; the caller turns that into one
// Diagnostic and falls back to the default.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::tracing::detail {

std::string trim(std::string_view text);
std::string lowercase(std::string_view text);

std::optional<bool> parse_bool(std::string_view text);
std::optional<double> parse_double(std::string_view text);
std::optional<std::int64_t> parse_int(std::string_view text);  // decimal, whole string
// Seconds with an optional fraction ("5", "0.5") to milliseconds.
std::optional<std::int64_t> parse_seconds_as_ms(std::string_view text);

// Comma list, trimmed, lowercased, empty items dropped.
std::vector<std::string> parse_list(std::string_view text);

// "k1=v1,k2=v2" with percent-decoding (OTEL_RESOURCE_ATTRIBUTES and the
// W3C-baggage form of the headers variables). nullopt on any malformed
// member or bad escape: the whole value is discarded.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_key_values(std::string_view text);

struct Url {
  std::string scheme;  // lowercase
  std::string host;    // without brackets for IPv6
  int port = 0;        // explicit port, or 0
  std::string path;    // "" or starting with '/'
  int effective_port() const noexcept;
};
// scheme://host[:port][/path][?query]; host non-empty; port 1..65535.
std::optional<Url> parse_url(std::string_view text);

}  // namespace parley::tracing::detail
