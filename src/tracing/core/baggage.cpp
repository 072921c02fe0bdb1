#include "parley/tracing/baggage.h"

#include <algorithm>
#include <memory>

#include "parley/tracing/context.h"

namespace parley::tracing {

Baggage::Baggage(std::vector<Entry> entries) {
  // Last occurrence of a key wins: keep an entry only if no later one has its key.
  entries_.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const bool superseded = std::any_of(entries.begin() + static_cast<std::ptrdiff_t>(i) + 1, entries.end(),
                                        [&](const Entry& later) { return later.key == entries[i].key; });
    if (!superseded) entries_.push_back(std::move(entries[i]));
  }
}

std::optional<std::string_view> Baggage::get(std::string_view key) const noexcept {
  for (const auto& entry : entries_) {
    if (entry.key == key) return std::string_view(entry.value);
  }
  return std::nullopt;
}

std::optional<std::string_view> Baggage::metadata(std::string_view key) const noexcept {
  for (const auto& entry : entries_) {
    if (entry.key == key) return std::string_view(entry.metadata);
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
  copy.entries_.reserve(entries_.size() + 1);
  for (const auto& entry : entries_) {
    if (entry.key != key) copy.entries_.push_back(entry);
  }
  return copy;
}

bool operator==(const Baggage& a, const Baggage& b) noexcept { return a.entries_ == b.entries_; }

const Baggage& Context::baggage() const noexcept {
  static const Baggage* empty = new Baggage();  // never destroyed
  return baggage_ ? *baggage_ : *empty;
}

Context Context::with_baggage(std::shared_ptr<const Baggage> baggage) const {
  Context copy = *this;
  copy.baggage_ = std::move(baggage);
  return copy;
}

Baggage current_baggage() { return Context::current().baggage(); }

ContextScope set_baggage(std::string_view key, std::string_view value, std::string_view metadata) {
  const Context current = Context::current();
  return ContextScope(current.with_baggage(std::make_shared<const Baggage>(current.baggage().set(key, value, metadata))));
}

}  // namespace parley::tracing
