#include "parley/tracing/attribute.h"

#include "core/json_text.h"
#include "parley/tracing/span_data.h"

namespace parley::tracing {
namespace {

template <typename T, typename Append>
std::string json_list(std::span<const T> values, Append append) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    append(out, values[i]);
  }
  out += ']';
  return out;
}

}  // namespace

std::string to_string(const AttributeValue& value) {
  switch (value.type()) {
    case ValueType::string: return std::string(value.as_string());
    case ValueType::boolean: return value.as_bool() ? "true" : "false";
    case ValueType::int64: return std::to_string(value.as_int64());
    case ValueType::float64: {
      std::string out;
      detail::append_json_double(out, value.as_double());
      return out;
    }
    case ValueType::string_array:
      return json_list(value.as_string_array(), [](std::string& out, std::string_view v) { detail::append_json_string(out, v); });
    case ValueType::bool_array:
      return json_list(value.as_bool_array(), [](std::string& out, bool v) { out += v ? "true" : "false"; });
    case ValueType::int64_array:
      return json_list(value.as_int64_array(), [](std::string& out, std::int64_t v) { detail::append_decimal(out, v); });
    case ValueType::double_array:
      return json_list(value.as_double_array(), [](std::string& out, double v) { detail::append_json_double(out, v); });
  }
  return {};
}

const AttributeValue* SpanData::find_attribute(std::string_view key) const noexcept {
  for (const auto& attribute : attributes_) {
    if (attribute.key == key) return &attribute.value;
  }
  return nullptr;
}

}  // namespace parley::tracing
