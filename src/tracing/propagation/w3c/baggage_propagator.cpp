#include "propagation/w3c/baggage_propagator.h"

#include <memory>

#include "core/percent_encoding.h"
#include "propagation/ows.h"

namespace parley::tracing::detail {
namespace {



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

// Length of the valid UTF-8 sequence at `at`, or 0.
std::size_t utf8_sequence(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlongs
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // <= U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size() || byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  }
  return length;
}

template <typename Visit>
void for_each_list_item(std::string_view list, char separator, Visit&& visit) {
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t end = std::min(list.find(separator, start), list.size());
    if (!visit(strip_ows(list.substr(start, end - start)))) return;
    start = end + 1;
  }
}

}  // namespace

bool baggage_key_valid(std::string_view key) noexcept {
  if (key.empty()) return false;
  for (const char c : key) {
    if (!is_tchar(c)) return false;
  }
  return true;
}

bool baggage_properties_valid(std::string_view properties) noexcept {
  bool valid = true;
  for_each_list_item(properties, ';', [&](std::string_view property) {
    if (property.empty()) return true;  // "k=v;" or no properties at all
    const std::size_t equals = property.find('=');
    valid = baggage_key_valid(strip_ows(property.substr(0, equals)));
    if (valid && equals != std::string_view::npos) {
      for (const char c : strip_ows(property.substr(equals + 1))) {
        if (!is_baggage_octet(static_cast<unsigned char>(c))) valid = false;
      }
    }
    return valid;
  });
  return valid;
}

std::string replace_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence(text, i);
    if (length == 0) {
      out.append("\xEF\xBF\xBD");  // U+FFFD
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::optional<std::string> baggage_decode(std::string_view value) {
  // Unencoded bytes must be baggage-octets (no whitespace, quotes, commas,
  // semicolons, backslashes or controls).
  auto decoded = percent_decode(value, PercentDecodeOptions{false, &is_baggage_octet});
  if (!decoded) return std::nullopt;
  for (std::size_t i = 0; i < decoded->size();) {
    const std::size_t length = utf8_sequence(*decoded, i);
    if (length == 0) return replace_invalid_utf8(*decoded);
    i += length;
  }
  return decoded;
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

void parse_baggage_header(std::string_view header, std::vector<Baggage::Entry>& entries, BaggageLimits& limits) {
  for_each_list_item(header, ',', [&](std::string_view member) {
    if (member.empty()) return true;
    std::string_view properties;
    std::string_view pair = member;
    const std::size_t semicolon = member.find(';');
    if (semicolon != std::string_view::npos) {
      properties = strip_ows(member.substr(semicolon + 1));
      pair = member.substr(0, semicolon);
    }
    const std::size_t equals = pair.find('=');  // values may contain '=' after the first
    if (equals == std::string_view::npos) return true;
    const std::string_view key = strip_ows(pair.substr(0, equals));
    if (!baggage_key_valid(key) || !baggage_properties_valid(properties)) return true;
    auto value = baggage_decode(strip_ows(pair.substr(equals + 1)));
    if (!value) return true;  // skip the bad member, keep the rest
    // Whole members within 64 and 8192 bytes (counting the joining commas).
    const std::size_t bytes = limits.bytes + (limits.members == 0 ? 0 : 1) + member.size();
    if (limits.members + 1 > kMaxBaggageMembers || bytes > kMaxBaggageBytes) return true;
    limits.members += 1;
    limits.bytes = bytes;
    entries.push_back(Baggage::Entry{std::string(key), std::move(*value), std::string(properties)});
    return true;
  });
}

std::string format_baggage(const Baggage& baggage) {
  std::string out;
  std::size_t members = 0;
  for (const auto& entry : baggage.entries()) {
    if (!baggage_key_valid(entry.key) || !baggage_properties_valid(entry.metadata)) continue;
    std::string member = entry.key + "=" + baggage_encode(entry.value);
    if (!entry.metadata.empty()) member.append(";").append(entry.metadata);
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
  std::vector<Baggage::Entry> entries;
  BaggageLimits limits;
  if (!carrier.may_repeat()) {
    const auto header = carrier.get("baggage");
    if (!header) return context;
    parse_baggage_header(*header, entries, limits);
  } else {
    carrier.for_each([&](std::string_view name, std::string_view value) {
      if (header_name_equals(name, "baggage")) parse_baggage_header(value, entries, limits);
    });
  }
  if (entries.empty()) return context;
  // Earlier propagators' baggage first; on a conflict the newest value wins.
  std::vector<Baggage::Entry> all = context.baggage().entries();
  all.insert(all.end(), std::make_move_iterator(entries.begin()), std::make_move_iterator(entries.end()));
  return context.with_baggage(std::make_shared<const Baggage>(Baggage(std::move(all))));
}

}  // namespace parley::tracing::detail

namespace parley::tracing {

std::string Baggage::to_header() const { return detail::format_baggage(*this); }

Baggage Baggage::from_header(std::string_view header) {
  std::vector<Entry> entries;
  detail::BaggageLimits limits;
  detail::parse_baggage_header(header, entries, limits);
  return Baggage(std::move(entries));
}

}  // namespace parley::tracing
