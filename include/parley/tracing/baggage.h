// parley/tracing/baggage.h — W3C baggage: immutable name/value pairs that
// travel with a context.
//
// Baggage values are immutable: set() and remove() return a new Baggage.
// Names and values are case-sensitive; the newest value of a name wins.
// Metadata (the `;property` part of the W3C header) is kept as one opaque
// string per entry. Thread-safe because immutable.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::tracing {

class Baggage {
 public:
  struct Entry {
    std::string key;
    std::string value;
    std::string metadata;
  };

  Baggage() = default;

  std::optional<std::string_view> get(std::string_view key) const noexcept;
  Baggage set(std::string_view key, std::string_view value, std::string_view metadata = {}) const;
  Baggage remove(std::string_view key) const;
  const std::vector<Entry>& entries() const noexcept { return entries_; }
  bool empty() const noexcept { return entries_.empty(); }
  std::size_t size() const noexcept { return entries_.size(); }

 private:
  std::vector<Entry> entries_;
};

}  // namespace parley::tracing
