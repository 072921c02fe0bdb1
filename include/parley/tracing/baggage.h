// parley/tracing/baggage.h — W3C baggage: immutable name/value pairs that
// travel with a context.
//
// Baggage values are immutable: set() and remove() return a new Baggage.
// Names and values are case-sensitive; the newest value of a name wins.
// Metadata (the `;property` part of the W3C header) is kept as one opaque
// string per entry. Thread-safe because immutable.
//
// Values are plain text here; percent-encoding is the propagators' business
// (to_header() / from_header() give the W3C `baggage` header form, within
// its limits: at most 64 members and 8192 bytes, whole members only).
//
//   auto scope = parley::tracing::set_baggage("tenant", "acme");  // current context + entry
//   auto tenant = parley::tracing::current_baggage().get("tenant");
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/tracing/context.h"

namespace parley::tracing {

class Baggage {
 public:
  struct Entry {
    std::string key;
    std::string value;
    std::string metadata;
  };

  Baggage() = default;
  // From entries in order; for a repeated key the last one wins (and keeps
  // the position of its last occurrence).
  explicit Baggage(std::vector<Entry> entries);

  std::optional<std::string_view> get(std::string_view key) const noexcept;
  std::optional<std::string_view> metadata(std::string_view key) const noexcept;
  Baggage set(std::string_view key, std::string_view value, std::string_view metadata = {}) const;
  Baggage remove(std::string_view key) const;
  const std::vector<Entry>& entries() const noexcept { return entries_; }
  bool empty() const noexcept { return entries_.empty(); }
  std::size_t size() const noexcept { return entries_.size(); }

  // The W3C `baggage` header value: values percent-encoded, metadata
  // appended; entries with an invalid key or metadata are left out, and so
  // are whole entries beyond 64 members or 8192 bytes.
  std::string to_header() const;
  // Parses one `baggage` header value. Malformed members are skipped, the
  // rest kept; never throws.
  static Baggage from_header(std::string_view header);

  friend bool operator==(const Baggage& a, const Baggage& b) noexcept;

 private:
  std::vector<Entry> entries_;
};

inline bool operator==(const Baggage::Entry& a, const Baggage::Entry& b) noexcept {
  return a.key == b.key && a.value == b.value && a.metadata == b.metadata;
}

// The current context's baggage (a copy; empty when there is none).
Baggage current_baggage();
// Makes the current context plus `key=value` current until the scope ends
// (the current span stays the parent of spans started inside).
[[nodiscard]] ContextScope set_baggage(std::string_view key, std::string_view value, std::string_view metadata = {});

}  // namespace parley::tracing
