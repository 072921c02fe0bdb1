#include "config/parse.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>

#include "core/percent_encoding.h"

namespace parley::tracing::detail {
namespace {

bool is_space(char c) noexcept { return std::isspace(static_cast<unsigned char>(c)) != 0; }

bool is_control(unsigned char c) noexcept { return c < 0x20 || c == 0x7f; }

// RFC 9110 token characters (header names).
bool is_token_char(unsigned char c) noexcept {
  return std::isalnum(c) != 0 || (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

// Calls visit(member) for each comma-separated, trimmed, non-empty member.
template <typename Visit>
bool for_each_member(std::string_view text, Visit visit) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? text.size() : comma;
    const std::string member = trim(text.substr(start, end - start));
    if (!member.empty() && !visit(member)) return false;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return true;
}

bool valid_host(std::string_view host, bool bracketed) noexcept {
  if (host.empty()) return false;
  for (const char c : host) {
    const auto byte = static_cast<unsigned char>(c);
    const bool ok = bracketed ? (std::isxdigit(byte) != 0 || c == ':' || c == '.')
                              : (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~');
    if (!ok) return false;
  }
  return true;
}

// Splits host[:port] into url; false when malformed.
bool parse_authority(std::string_view authority, Url& url) {
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority;
  std::optional<std::string_view> port_text;
  bool bracketed = false;
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host = authority.substr(1, close - 1);
    bracketed = true;
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return false;
      port_text = after.substr(1);
    }
  } else if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port_text = authority.substr(colon + 1);
  }
  if (!valid_host(host, bracketed)) return false;
  url.host = std::string(host);
  if (port_text) {
    const auto port = parse_int(*port_text);
    if (!port || *port < 1 || *port > 65535) return false;
    url.port = static_cast<int>(*port);
  }
  return true;
}

}  // namespace

std::string trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<bool> parse_bool(std::string_view text) {
  const std::string value = lowercase(trim(text));
  if (value == "true") return true;
  if (value == "false") return false;
  return std::nullopt;
}

std::optional<double> parse_double(std::string_view text) {
  const std::string value = trim(text);
  if (value.empty()) return std::nullopt;
  double result = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
  if (error != std::errc() || end != value.data() + value.size() || !std::isfinite(result)) return std::nullopt;
  return result;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  const std::string value = trim(text);
  if (value.empty()) return std::nullopt;
  std::int64_t result = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
  if (error != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return result;
}

std::optional<std::int64_t> parse_seconds_as_ms(std::string_view text) {
  const auto seconds = parse_double(text);
  if (!seconds || *seconds < 0.001 || *seconds > 2147483.0) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(*seconds * 1000.0));
}

std::optional<double> parse_rate(std::string_view text) {
  const auto value = parse_double(text);
  if (!value || *value < 0.0 || *value > 1.0) return std::nullopt;
  return *value == 0.0 ? 0.0 : *value;  // no -0.0
}

std::vector<std::string> parse_list(std::string_view text) {
  std::vector<std::string> items;
  for_each_member(text, [&](const std::string& member) {
    items.push_back(lowercase(member));
    return true;
  });
  return items;
}

std::optional<KeyValues> parse_key_values(std::string_view text) {
  KeyValues pairs;
  const bool ok = for_each_member(text, [&](const std::string& member) {
    const std::size_t equals = member.find('=');
    if (equals == std::string::npos) return false;
    auto key = percent_decode(trim(std::string_view(member).substr(0, equals)));
    auto value = percent_decode(trim(std::string_view(member).substr(equals + 1)));
    if (!key || !value || key->empty()) return false;
    pairs.emplace_back(std::move(*key), std::move(*value));
    return true;
  });
  if (!ok) return std::nullopt;
  return pairs;
}

std::optional<KeyValues> parse_headers(std::string_view text) {
  auto pairs = parse_key_values(text);
  if (!pairs) return std::nullopt;
  for (const auto& [name, value] : *pairs) {
    for (const char c : name) {
      if (!is_token_char(static_cast<unsigned char>(c))) return std::nullopt;
    }
    for (const char c : value) {
      if (c != '\t' && is_control(static_cast<unsigned char>(c))) return std::nullopt;
    }
  }
  return pairs;
}

std::string redact_headers(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string_view member = text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
    const std::size_t equals = member.find('=');
    out += equals == std::string_view::npos ? member : std::string(member.substr(0, equals + 1)) + "***";
    if (comma == std::string_view::npos) break;
    out += ',';
    start = comma + 1;
  }
  return out;
}

bool is_plain_text(std::string_view text) noexcept {
  for (const char c : text) {
    if (is_control(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string escape_control(std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == '\n') out += "\\n";
    else if (byte < 0x20 || byte == 0x7f) out += std::string("\\x") + kHex[byte >> 4] + kHex[byte & 15];
    else out += c;
  }
  return out;
}

int Url::effective_port() const noexcept {
  if (port != 0) return port;
  if (scheme == "https") return 443;
  if (scheme == "http") return 80;
  return 0;
}

std::optional<Url> parse_url(std::string_view text) {
  const std::string value = trim(text);
  for (const char c : value) {
    if (c == ' ' || is_control(static_cast<unsigned char>(c))) return std::nullopt;
  }
  const std::size_t scheme_end = value.find("://");
  if (scheme_end == std::string::npos || scheme_end == 0) return std::nullopt;
  Url url;
  url.scheme = lowercase(std::string_view(value).substr(0, scheme_end));
  if (std::isalpha(static_cast<unsigned char>(url.scheme.front())) == 0) return std::nullopt;
  for (const char c : url.scheme) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '+' && c != '-' && c != '.') return std::nullopt;
  }
  const std::string_view rest = std::string_view(value).substr(scheme_end + 3);
  const std::size_t path_start = rest.find_first_of("/?#");
  if (path_start != std::string_view::npos) {
    const std::string_view path = rest.substr(path_start);
    url.path = std::string(path.substr(0, path.find_first_of("?#")));
  }
  if (!parse_authority(rest.substr(0, path_start), url)) return std::nullopt;
  return url;
}

std::string format_number(double value) {
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) return "0.0";
  std::string text(buffer, end);
  if (text.find_first_of(".e") == std::string::npos && std::isfinite(value)) text += ".0";
  return text;
}

}  // namespace parley::tracing::detail
