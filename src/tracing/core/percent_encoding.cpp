#include "core/percent_encoding.h"

namespace parley::tracing::detail {

std::optional<std::string> percent_decode(std::string_view text, PercentDecodeOptions options) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;  // needs two hex digits
      const int high = hex_digit_any_case(text[i + 1]);
      const int low = hex_digit_any_case(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (options.plus_is_space && c == '+') {
      out.push_back(' ');
    } else if (options.allowed != nullptr && !options.allowed(c)) {
      return std::nullopt;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace parley::tracing::detail
