#include "config/parse.h"

#include "core/percent_encoding.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace parley::tracing::detail {

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
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
  if (!seconds || *seconds < 0 || *seconds > 86400.0 * 365) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(*seconds * 1000.0));
}

std::vector<std::string> parse_list(std::string_view text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? text.size() : comma;
    std::string item = lowercase(trim(text.substr(start, end - start)));
    if (!item.empty()) items.push_back(std::move(item));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return items;
}

std::optional<std::vector<std::pair<std::string, std::string>>> parse_key_values(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? text.size() : comma;
    const std::string member = trim(text.substr(start, end - start));
    if (!member.empty()) {
      const std::size_t equals = member.find('=');
      if (equals == std::string::npos || equals == 0) return std::nullopt;
      auto key = percent_decode(trim(std::string_view(member).substr(0, equals)));
      auto value = percent_decode(trim(std::string_view(member).substr(equals + 1)));
      if (!key || !value || key->empty()) return std::nullopt;
      pairs.emplace_back(std::move(*key), std::move(*value));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return pairs;
}

int Url::effective_port() const noexcept {
  if (port != 0) return port;
  if (scheme == "https") return 443;
  if (scheme == "http") return 80;
  return 0;
}

std::optional<Url> parse_url(std::string_view text) {
  const std::string value = trim(text);
  const std::size_t scheme_end = value.find("://");
  if (scheme_end == std::string::npos || scheme_end == 0) return std::nullopt;
  Url url;
  url.scheme = lowercase(std::string_view(value).substr(0, scheme_end));
  for (const char c : url.scheme) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return std::nullopt;
  }
  std::string_view rest = std::string_view(value).substr(scheme_end + 3);
  const std::size_t path_start = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, path_start);
  if (path_start != std::string_view::npos) {
    std::string_view path = rest.substr(path_start);
    const std::size_t query = path.find_first_of("?#");
    url.path = std::string(path.substr(0, query));
  }
  if (authority.find('@') != std::string_view::npos) authority = authority.substr(authority.rfind('@') + 1);
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port_text = after.substr(1);
    }
  } else {
    const std::size_t colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (url.host.empty()) return std::nullopt;
  for (const char c : url.host) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '/' || c == '%') return std::nullopt;
  }
  if (!port_text.empty() || (authority.size() > 0 && authority.back() == ':')) {
    const auto port = parse_int(port_text);
    if (!port || *port < 1 || *port > 65535) return std::nullopt;
    url.port = static_cast<int>(*port);
  }
  return url;
}

}  // namespace parley::tracing::detail
