#include "core/json_text.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "parley/tracing/ids.h"

namespace parley::tracing::detail {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when invalid.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  std::uint32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  std::uint32_t code = lead & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

namespace {
// Bytes a JSON string can carry as they are.
struct PlainTable {
  bool value[256];
  constexpr PlainTable() : value() {
    for (int c = 0x20; c < 0x80; ++c) value[c] = c != '"' && c != '\\';
  }
};
constexpr PlainTable kPlain{};

// Eight bytes at a time: a word is plain when no byte is below 0x20, at or
// above 0x80, '"' or '\\' (the classic "has a zero byte" bit trick).
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
inline bool word_is_plain(std::uint64_t word) noexcept {
  const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighs;
  const std::uint64_t quote = word ^ (kOnes * '"');
  const std::uint64_t backslash = word ^ (kOnes * '\\');
  const std::uint64_t has_quote = (quote - kOnes) & ~quote & kHighs;
  const std::uint64_t has_backslash = (backslash - kOnes) & ~backslash & kHighs;
  return ((below_space | has_quote | has_backslash | (word & kHighs))) == 0;
}

// End of the run of plain bytes starting at `i`.
std::size_t plain_prefix(std::string_view text, std::size_t i) noexcept {
  while (i + 8 <= text.size()) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (!word_is_plain(word)) break;
    i += 8;
  }
  while (i < text.size() && kPlain.value[static_cast<unsigned char>(text[i])]) ++i;
  return i;
}
}  // namespace

char* write_json_string(char* out, std::string_view text) noexcept {
  static constexpr char kHex[] = "0123456789abcdef";
  *out++ = '"';
  std::size_t i = 0;
  while (i < text.size()) {
    // Runs of printable ASCII other than '"' and '\\' are copied as they are.
    std::size_t run = plain_prefix(text, i);
    if (run != i) {
      std::memcpy(out, text.data() + i, run - i);
      out += run - i;
      i = run;
      if (i == text.size()) break;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      *out++ = '\\';
      switch (c) {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '\n': *out++ = 'n'; break;
        case '\r': *out++ = 'r'; break;
        case '\t': *out++ = 't'; break;
        case '\b': *out++ = 'b'; break;
        case '\f': *out++ = 'f'; break;
        default:  // other control characters
          std::memcpy(out, "u00", 3);
          out[3] = kHex[c >> 4];
          out[4] = kHex[c & 0xF];
          out += 5;
      }
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence(text, i);
    if (length == 0) {
      std::memcpy(out, "\xEF\xBF\xBD", 3);  // U+FFFD
      out += 3;
      ++i;
    } else {
      std::memcpy(out, text.data() + i, length);
      out += length;
      i += length;
    }
  }
  *out++ = '"';
  return out;
}

void append_json_string(std::string& out, std::string_view text) {
  if (plain_prefix(text, 0) == text.size()) {  // the common case: nothing to escape
    out.reserve(out.size() + text.size() + 2);
    out.push_back('"');
    out.append(text);
    out.push_back('"');
    return;
  }
  JsonCursor cursor(out);
  cursor.open(json_string_bound(text));
  cursor.str(text);
  cursor.close();
}

char* write_json_double(char* out, double value) noexcept {
  const auto put = [&out](std::string_view text) {
    std::memcpy(out, text.data(), text.size());
    return out + text.size();
  };
  if (std::isnan(value)) return put("\"NaN\"");
  if (std::isinf(value)) return put(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  return std::to_chars(out, out + kJsonDoubleBound, value).ptr;
}

void append_json_double(std::string& out, double value) {
  JsonCursor cursor(out);
  cursor.open(kJsonDoubleBound);
  cursor.dbl(value);
  cursor.close();
}

void JsonCursor::hex(std::uint64_t value) noexcept {
  write_hex_u64(value, p_);
  p_ += 16;
}

void append_decimal(std::string& out, std::uint64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, result.ptr);
}

void append_decimal(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, result.ptr);
}

void append_hex(std::string& out, std::uint64_t value) {
  char buffer[16];
  write_hex_u64(value, buffer);
  out.append(buffer, sizeof(buffer));
}

}  // namespace parley::tracing::detail
