// parley/tracing/attribute.h — attribute values as non-owning views.
//
// AttributeValue is a small tagged view (24 bytes) of one of the OTel value
// types: string, bool, int64, double, or a homogeneous array of those. It owns
// nothing: when you pass one to Span::set_attribute the span copies what it
// points at into its own storage, so temporaries are fine. When an exporter
// reads a finished span, the views point into the span's storage and stay
// valid for the duration of the export call.
//
// Integral types convert to int64, floating types to double, and string-like
// types (std::string, const char*, std::string_view) to string.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

namespace parley::tracing {

enum class ValueType : std::uint8_t {
  string,
  boolean,
  int64,
  float64,
  string_array,
  bool_array,
  int64_array,
  double_array,
};

class AttributeValue {
 public:
  constexpr AttributeValue() noexcept : type_(ValueType::string), string_() {}
  constexpr AttributeValue(std::string_view v) noexcept : type_(ValueType::string), string_(v) {}
  constexpr AttributeValue(const char* v) noexcept : type_(ValueType::string), string_(v) {}
  AttributeValue(const std::string& v) noexcept : type_(ValueType::string), string_(v) {}
  constexpr AttributeValue(bool v) noexcept : type_(ValueType::boolean), bool_(v) {}
  template <typename T>
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>)
  constexpr AttributeValue(T v) noexcept : type_(ValueType::int64), int_(static_cast<std::int64_t>(v)) {}
  template <typename T>
    requires std::is_floating_point_v<T>
  constexpr AttributeValue(T v) noexcept : type_(ValueType::float64), double_(static_cast<double>(v)) {}
  constexpr AttributeValue(std::span<const std::string_view> v) noexcept
      : type_(ValueType::string_array), strings_(v) {}
  constexpr AttributeValue(std::span<const bool> v) noexcept : type_(ValueType::bool_array), bools_(v) {}
  constexpr AttributeValue(std::span<const std::int64_t> v) noexcept
      : type_(ValueType::int64_array), ints_(v) {}
  constexpr AttributeValue(std::span<const double> v) noexcept : type_(ValueType::double_array), doubles_(v) {}

  constexpr ValueType type() const noexcept { return type_; }
  constexpr bool is_array() const noexcept { return type_ >= ValueType::string_array; }

  // Accessors; calling one that does not match type() is undefined.
  constexpr std::string_view as_string() const noexcept { return string_; }
  constexpr bool as_bool() const noexcept { return bool_; }
  constexpr std::int64_t as_int64() const noexcept { return int_; }
  constexpr double as_double() const noexcept { return double_; }
  constexpr std::span<const std::string_view> as_string_array() const noexcept { return strings_; }
  constexpr std::span<const bool> as_bool_array() const noexcept { return bools_; }
  constexpr std::span<const std::int64_t> as_int64_array() const noexcept { return ints_; }
  constexpr std::span<const double> as_double_array() const noexcept { return doubles_; }

 private:
  ValueType type_;
  union {
    std::string_view string_;
    bool bool_;
    std::int64_t int_;
    double double_;
    std::span<const std::string_view> strings_;
    std::span<const bool> bools_;
    std::span<const std::int64_t> ints_;
    std::span<const double> doubles_;
  };
};

// One key/value pair, both views.
struct Attribute {
  std::string_view key;
  AttributeValue value;
};

// Text of a value as Zipkin tags and log lines want it: strings as-is,
// booleans true/false, numbers in the C locale, arrays as a JSON list.
std::string to_string(const AttributeValue& value);

}  // namespace parley::tracing
