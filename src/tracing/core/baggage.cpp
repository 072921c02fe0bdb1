#include "parley/tracing/baggage.h"

#include <algorithm>

#include "parley/tracing/context.h"

namespace parley::tracing {

std::optional<std::string_view> Baggage::get(std::string_view key) const noexcept {
  for (const auto& entry : entries_) {
    if (entry.key == key) return std::string_view(entry.value);
  }
  return std::nullopt;
}

Baggage Baggage::set(std::string_view key, std::string_view value, std::string_view metadata) const {
  Baggage copy = remove(key);  // the newest value of a name wins
  copy.entries_.push_back(Entry{std::string(key), std::string(value), std::string(metadata)});
  return copy;
}

Baggage Baggage::remove(std::string_view key) const {
  Baggage copy;
  copy.entries_.reserve(entries_.size());
  for (const auto& entry : entries_) {
    if (entry.key != key) copy.entries_.push_back(entry);
  }
  return copy;
}

const Baggage& Context::baggage() const noexcept {
  static const Baggage* empty = new Baggage();  // never destroyed
  return baggage_ ? *baggage_ : *empty;
}

Context Context::with_baggage(std::shared_ptr<const Baggage> baggage) const {
  Context copy = *this;
  copy.baggage_ = std::move(baggage);
  return copy;
}

}  // namespace parley::tracing
