// Appending JSON text: strings escaped per RFC 8259 (invalid UTF-8 becomes
// U+FFFD so the output is always valid), doubles in shortest round-trip form.
// Shared by attribute text and the JSON encoders (OTLP/JSON, Zipkin); writes into a caller's
// buffer, never allocates beyond it.
#pragma once

#include <cassert>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace parley::tracing::detail {

void append_json_string(std::string& out, std::string_view text);

// The same text written at a raw position, for encoders that size a whole
// record first (JsonCursor below). A string needs at most
// json_string_bound() bytes: each input byte becomes at most 6 ("\u00XX").
constexpr std::size_t json_string_bound(std::string_view text) noexcept { return 2 + 6 * text.size(); }
char* write_json_string(char* out, std::string_view text) noexcept;
inline constexpr std::size_t kJsonDoubleBound = 32;
char* write_json_double(char* out, double value) noexcept;
// Finite doubles as numbers; NaN and infinities as the proto3 JSON strings
// "NaN", "Infinity", "-Infinity".
void append_json_double(std::string& out, double value);
void append_decimal(std::string& out, std::uint64_t value);
void append_decimal(std::string& out, std::int64_t value);
void append_hex(std::string& out, std::uint64_t value);  // 16 lowercase digits

// Writes JSON into a std::string through a raw pointer: open() makes room
// for an upper bound of what follows (one resize), the writes are plain
// stores with no capacity checks, close() trims to what was written.
class JsonCursor {
 public:
  explicit JsonCursor(std::string& out) noexcept : out_(out) {}
  void open(std::size_t bound) {
    start_ = out_.size();
    out_.resize(start_ + bound);
    p_ = out_.data() + start_;
  }
  // The bound given to open() must hold; debug builds check it.
  void close() noexcept {
    assert(p_ <= out_.data() + out_.size() && "JsonCursor: more written than the bound allowed");
    out_.resize(static_cast<std::size_t>(p_ - out_.data()));
  }
  std::size_t written() const noexcept { return static_cast<std::size_t>(p_ - out_.data()) - start_; }

  template <std::size_t N>
  void lit(const char (&text)[N]) noexcept {
    std::memcpy(p_, text, N - 1);
    p_ += N - 1;
  }
  void ch(char c) noexcept { *p_++ = c; }
  void str(std::string_view text) noexcept { p_ = write_json_string(p_, text); }
  void dec(std::uint64_t value) noexcept { p_ = std::to_chars(p_, p_ + 20, value).ptr; }
  void dec(std::int64_t value) noexcept { p_ = std::to_chars(p_, p_ + 20, value).ptr; }
  void dbl(double value) noexcept { p_ = write_json_double(p_, value); }
  void hex(std::uint64_t value) noexcept;  // 16 lowercase digits

 private:
  std::string& out_;
  std::size_t start_ = 0;
  char* p_ = nullptr;
};

}  // namespace parley::tracing::detail
