#include "propagation/w3c/baggage_propagator.h"

#include "core/percent_encoding.h"

namespace parley::tracing::detail {
namespace {

bool is_ows(char c) { return c == ' ' || c == '\t'; }

std::string_view strip_ows(std::string_view text) {
  while (!text.empty() && is_ows(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ows(text.back())) text.remove_suffix(1);
  return text;
}

bool is_tchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~': return true;
    default: return false;
  }
}

bool is_baggage_octet(unsigned char c) {
  return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B) ||
         (c >= 0x5D && c <= 0x7E);
}

}  // namespace

bool baggage_key_valid(std::string_view key) noexcept {
  if (key.empty()) return false;
  for (const char c : key) {
    if (!is_tchar(c)) return false;
  }
  return true;
}

std::optional<std::string> baggage_decode(std::string_view value) {
  // Unencoded bytes must be baggage-octets (no whitespace, quotes, commas,
  // semicolons, backslashes or controls).
  return percent_decode(value, PercentDecodeOptions{false, &is_baggage_octet});
}

std::string baggage_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_baggage_octet(c) && c != '%') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

void parse_baggage_header(std::string_view header, Baggage& baggage) {
  std::size_t start = 0;
  while (start <= header.size()) {
    const std::size_t comma = header.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? header.size() : comma;
    std::string_view member = strip_ows(header.substr(start, end - start));
    if (comma == std::string_view::npos) start = header.size() + 1;
    else start = comma + 1;
    if (member.empty()) continue;
    std::string_view properties;
    const std::size_t semicolon = member.find(';');
    if (semicolon != std::string_view::npos) {
      properties = strip_ows(member.substr(semicolon + 1));
      member = member.substr(0, semicolon);
    }
    const std::size_t equals = member.find('=');  // values may contain '=' after the first
    if (equals == std::string_view::npos) continue;
    const std::string_view key = strip_ows(member.substr(0, equals));
    const auto value = baggage_decode(strip_ows(member.substr(equals + 1)));
    if (!baggage_key_valid(key) || !value) continue;  // skip the bad member, keep the rest
    if (baggage.size() >= kMaxBaggageMembers && !baggage.get(key)) continue;
    baggage = baggage.set(key, *value, properties);
  }
}

std::string format_baggage(const Baggage& baggage) {
  std::string out;
  std::size_t members = 0;
  for (const auto& entry : baggage.entries()) {
    if (!baggage_key_valid(entry.key)) continue;
    std::string member = entry.key + "=" + baggage_encode(entry.value);
    if (!entry.metadata.empty()) member += ";" + entry.metadata;
    // Whole members only, within 64 members and 8192 bytes.
    if (members + 1 > kMaxBaggageMembers || out.size() + member.size() + (out.empty() ? 0 : 1) > kMaxBaggageBytes) {
      continue;
    }
    if (!out.empty()) out += ',';
    out += member;
    ++members;
  }
  return out;
}

void W3CBaggagePropagator::inject(const Context& context, TextMapWriter& carrier) const {
  const Baggage& baggage = context.baggage();
  if (baggage.empty()) return;
  const std::string header = format_baggage(baggage);
  if (!header.empty()) carrier.set("baggage", header);
}

Context W3CBaggagePropagator::extract(const TextMapReader& carrier, const Context& context) const {
  Baggage baggage = context.baggage();
  bool found = false;
  carrier.for_each([&](std::string_view name, std::string_view value) {
    if (!header_name_equals(name, "baggage")) return;
    found = true;
    parse_baggage_header(value, baggage);
  });
  if (!found || baggage.empty()) return context;
  return context.with_baggage(std::make_shared<const Baggage>(std::move(baggage)));
}

}  // namespace parley::tracing::detail
