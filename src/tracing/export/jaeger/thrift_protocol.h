// Thrift binary and compact protocol writers with one interface, so the
// Jaeger mapping is written once for both (HTTP collector: binary; agent
// UDP 6831: compact). Only what jaeger.thrift needs.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace parley::tracing::detail {

enum class ThriftType : std::uint8_t { boolean, i32, i64, dbl, string, structure, list };

class ThriftBinaryWriter {
 public:
  explicit ThriftBinaryWriter(std::string& out) : out_(out) {}
  void struct_begin() {}
  void struct_end() { byte(0); }
  void field(ThriftType type, std::int16_t id) {
    byte(code(type));
    big_endian(static_cast<std::uint16_t>(id), 2);
  }
  void field_bool(std::int16_t id, bool value) {
    field(ThriftType::boolean, id);
    byte(value ? 1 : 0);
  }
  void list_begin(ThriftType element, std::size_t size) {
    byte(code(element));
    big_endian(static_cast<std::uint32_t>(size), 4);
  }
  void i32(std::int32_t value) { big_endian(static_cast<std::uint32_t>(value), 4); }
  void i64(std::int64_t value) { big_endian(static_cast<std::uint64_t>(value), 8); }
  void dbl(double value) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof(bits));
    big_endian(bits, 8);
  }
  void string(std::string_view value) {
    i32(static_cast<std::int32_t>(value.size()));
    out_.append(value);
  }

 private:
  static std::uint8_t code(ThriftType type) {
    switch (type) {
      case ThriftType::boolean: return 2;
      case ThriftType::dbl: return 4;
      case ThriftType::i32: return 8;
      case ThriftType::i64: return 10;
      case ThriftType::string: return 11;
      case ThriftType::structure: return 12;
      case ThriftType::list: return 15;
    }
    return 0;
  }
  void byte(std::uint8_t value) { out_.push_back(static_cast<char>(value)); }
  void big_endian(std::uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out_.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  }
  std::string& out_;
};

class ThriftCompactWriter {
 public:
  explicit ThriftCompactWriter(std::string& out) : out_(out) { last_field_.push_back(0); }
  void struct_begin() { last_field_.push_back(0); }
  void struct_end() {
    byte(0);
    last_field_.pop_back();
  }
  void field(ThriftType type, std::int16_t id) { header(code(type), id); }
  void field_bool(std::int16_t id, bool value) { header(value ? 1 : 2, id); }
  void list_begin(ThriftType element, std::size_t size) {
    if (size < 15) {
      byte(static_cast<std::uint8_t>(size << 4) | code(element));
    } else {
      byte(0xF0 | code(element));
      varint(size);
    }
  }
  void i32(std::int32_t value) { varint(zigzag(value)); }
  void i64(std::int64_t value) { varint(zigzag(value)); }
  void dbl(double value) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof(bits));
    for (int i = 0; i < 8; ++i) byte(static_cast<std::uint8_t>(bits >> (8 * i)));  // little-endian
  }
  void string(std::string_view value) {
    varint(value.size());
    out_.append(value);
  }
  // Message header: protocol id, version + type, seqid, name.
  void message_begin(std::string_view name, std::uint8_t type, std::int32_t seqid) {
    byte(0x82);
    byte(static_cast<std::uint8_t>((type << 5) | 1));
    varint(static_cast<std::uint32_t>(seqid));
    string(name);
  }

 private:
  static std::uint8_t code(ThriftType type) {
    switch (type) {
      case ThriftType::boolean: return 1;
      case ThriftType::i32: return 5;
      case ThriftType::i64: return 6;
      case ThriftType::dbl: return 7;
      case ThriftType::string: return 8;
      case ThriftType::list: return 9;
      case ThriftType::structure: return 12;
    }
    return 0;
  }
  static std::uint64_t zigzag(std::int64_t value) {
    return (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
  }
  void header(std::uint8_t type_code, std::int16_t id) {
    const int delta = id - last_field_.back();
    if (delta > 0 && delta <= 15) {
      byte(static_cast<std::uint8_t>((delta << 4) | type_code));
    } else {
      byte(type_code);
      varint(zigzag(id));
    }
    last_field_.back() = id;
  }
  void varint(std::uint64_t value) {
    while (value >= 0x80) {
      byte(static_cast<std::uint8_t>(value | 0x80));
      value >>= 7;
    }
    byte(static_cast<std::uint8_t>(value));
  }
  void byte(std::uint8_t value) { out_.push_back(static_cast<char>(value)); }
  std::string& out_;
  std::vector<std::int16_t> last_field_;
};

}  // namespace parley::tracing::detail
