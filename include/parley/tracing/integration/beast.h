// parley/tracing/integration/beast.h — carriers over Boost.Beast headers.
//
// Integration header (includes Boost.Beast; the core headers never do).
// BeastHeaderCarrier reads and writes any boost::beast::http::fields, which
// covers requests and responses (request<Body> derives from its fields).
// Beast compares field names case-insensitively, as HTTP requires.
//
//   boost::beast::http::request<boost::beast::http::string_body> request;
//   parley::tracing::BeastHeaderCarrier carrier(request);
//   parley::tracing::inject_trace_context(carrier);
//   auto scope = parley::tracing::extract_trace_context(carrier);
#pragma once

#include <boost/beast/http/fields.hpp>

#include "parley/tracing/propagation.h"

namespace parley::tracing {

template <typename Fields = boost::beast::http::fields>
class BasicBeastHeaderCarrier final : public TextMapReader, public TextMapWriter {
 public:
  explicit BasicBeastHeaderCarrier(Fields& fields) : fields_(&fields), const_fields_(&fields) {}
  explicit BasicBeastHeaderCarrier(const Fields& fields) : const_fields_(&fields) {}

  std::optional<std::string_view> get(std::string_view key) const override {
    const auto found = const_fields_->find(boost::beast::string_view(key.data(), key.size()));
    if (found == const_fields_->end()) return std::nullopt;
    const auto value = found->value();
    return std::string_view(value.data(), value.size());
  }
  void for_each(const std::function<void(std::string_view, std::string_view)>& visit) const override {
    for (const auto& field : *const_fields_) {
      const auto name = field.name_string();
      const auto value = field.value();
      visit(std::string_view(name.data(), name.size()), std::string_view(value.data(), value.size()));
    }
  }
  void set(std::string_view key, std::string_view value) override {
    if (fields_ != nullptr) {
      fields_->set(boost::beast::string_view(key.data(), key.size()),
                   boost::beast::string_view(value.data(), value.size()));
    }
  }

 private:
  Fields* fields_ = nullptr;
  const Fields* const_fields_;
};

using BeastHeaderCarrier = BasicBeastHeaderCarrier<>;

}  // namespace parley::tracing
