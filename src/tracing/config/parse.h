// Parsers for configuration values, following the OTel rules (common.md):
// empty means unset; booleans are case-insensitive true/false; enums are
// case-insensitive; numbers must parse completely and lie in range. Every
// parser returns nullopt on a bad value and never throws; the caller turns
// that into one Diagnostic and falls back to the next source.
//
// parse_url is also used by the exporters to split an endpoint they were
// given; everything here is pure (no environment, no I/O) and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::tracing::detail {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

std::string trim(std::string_view text);
std::string lowercase(std::string_view text);

std::optional<bool> parse_bool(std::string_view text);
std::optional<double> parse_double(std::string_view text);
std::optional<std::int64_t> parse_int(std::string_view text);  // decimal, whole string
// Seconds with an optional fraction ("5", "0.5") to milliseconds; at least 1 ms.
std::optional<std::int64_t> parse_seconds_as_ms(std::string_view text);
// A number from 0.0 to 1.0.
std::optional<double> parse_rate(std::string_view text);

// Comma list, trimmed, lowercased, empty items dropped.
std::vector<std::string> parse_list(std::string_view text);

// "k1=v1,k2=v2" with percent-decoding (OTEL_RESOURCE_ATTRIBUTES and the
// W3C-baggage form of the headers variables). nullopt on any malformed
// member or bad escape: the whole value is discarded.
std::optional<KeyValues> parse_key_values(std::string_view text);
// parse_key_values, then each name must be an HTTP token and each value
// free of control characters (no header injection through %0D%0A).
std::optional<KeyValues> parse_headers(std::string_view text);
// A headers value with every value replaced by "***", for messages.
std::string redact_headers(std::string_view text);

// Control characters written as \n or \xNN, so that a value shown in a
// message can neither break the log line nor forge another one.
std::string escape_control(std::string_view value);

// Text without control characters (service name, version, file path).
bool is_plain_text(std::string_view text) noexcept;

struct Url {
  std::string scheme;  // lowercase
  std::string host;    // without brackets for IPv6
  int port = 0;        // explicit port, or 0
  std::string path;    // "" or starting with '/'
  int effective_port() const noexcept;
};
// scheme://[userinfo@]host[:port][/path][?query]; host non-empty and made of
// URL host characters; port 1..65535; no spaces or control characters.
std::optional<Url> parse_url(std::string_view text);

// Shortest text of a double that reads back the same, with ".0" on whole
// numbers ("0.1", "1.0").
std::string format_number(double value);

}  // namespace parley::tracing::detail
