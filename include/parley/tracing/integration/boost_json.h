// parley/tracing/integration/boost_json.h — a carrier over a JSON object.
//
// Integration header (includes Boost.JSON; the core headers never do). For
// trace context carried inside a message, as in the seed's
// handle_message(message, context): the envelope's "trace" object, e.g.
//   {"type":"message","text":"hi","trace":{"traceparent":"00-...","baggage":"k=v"}}
// String members are read (names matched case-insensitively); set() writes
// string members. Non-string members are ignored, never an error.
#pragma once

#include <boost/json/object.hpp>

#include "parley/tracing/propagation.h"

namespace parley::tracing {

class JsonObjectCarrier final : public TextMapReader, public TextMapWriter {
 public:
  explicit JsonObjectCarrier(boost::json::object& object) : object_(&object), const_object_(&object) {}
  explicit JsonObjectCarrier(const boost::json::object& object) : const_object_(&object) {}

  std::optional<std::string_view> get(std::string_view key) const override {
    for (const auto& member : *const_object_) {
      if (member.value().is_string() && header_name_equals(std::string_view(member.key()), key)) {
        const auto& text = member.value().get_string();
        return std::string_view(text.data(), text.size());
      }
    }
    return std::nullopt;
  }
  void for_each(const std::function<void(std::string_view, std::string_view)>& visit) const override {
    for (const auto& member : *const_object_) {
      if (!member.value().is_string()) continue;
      const auto& text = member.value().get_string();
      visit(std::string_view(member.key()), std::string_view(text.data(), text.size()));
    }
  }
  void set(std::string_view key, std::string_view value) override {
    if (object_ != nullptr) (*object_)[boost::json::string_view(key.data(), key.size())] = boost::json::string_view(value.data(), value.size());
  }

 private:
  boost::json::object* object_ = nullptr;
  const boost::json::object* const_object_;
};

}  // namespace parley::tracing
