// parley/tracing/propagation.h — trace context across process boundaries.
//
// The seed's inject_trace_context(headers) / extract_trace_context(context),
// for HTTP requests and for message metadata. Propagators read and write
// through a two-method carrier interface, so any header map works; adapters
// for std::map, std::unordered_map and header lists are here, and
// parley/tracing/integration/beast.h adapts Boost.Beast headers.
//
// Formats: W3C traceparent/tracestate and baggage, B3 (single `b3` header and
// X-B3-* multi headers), Jaeger uber-trace-id and uberctx-* baggage. The
// global propagator is a composite chosen by TRACING_PROPAGATORS /
// OTEL_PROPAGATORS (default tracecontext,baggage, plus the backend's native
// format): inject writes every format; extract takes the first valid span
// context and merges baggage from all.
//
// Readers of HTTP headers match keys case-insensitively; writers write
// lowercase names. Malformed input never throws and never yields a bogus id:
// extraction then gives an invalid context (a new trace starts).
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "parley/tracing/context.h"

namespace parley::tracing {

class TextMapReader {
 public:
  virtual ~TextMapReader() = default;
  // The value of `key` (case-insensitive for HTTP carriers); the first one
  // when the carrier holds several.
  virtual std::optional<std::string_view> get(std::string_view key) const = 0;
  // Every (key, value) pair; used for prefixed keys (uberctx-*) and for
  // headers that may repeat (tracestate, baggage).
  virtual void for_each(const std::function<void(std::string_view, std::string_view)>& visit) const = 0;
  // False when each name appears at most once (a map), so propagators can
  // skip looking for repeated headers.
  virtual bool may_repeat() const noexcept { return true; }
};

class TextMapWriter {
 public:
  virtual ~TextMapWriter() = default;
  virtual void set(std::string_view key, std::string_view value) = 0;
};

namespace detail {
constexpr bool header_name_equals_bytewise(std::string_view a, std::string_view b) noexcept {
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<unsigned char>(a[i]);
    const auto y = static_cast<unsigned char>(b[i]);
    if (x == y) continue;
    const unsigned folded = x | 0x20u;
    if (folded != (y | 0x20u) || folded < 'a' || folded > 'z') return false;
  }
  return true;
}
inline constexpr std::uint64_t kAsciiOnes = 0x0101010101010101ULL;
inline constexpr std::uint64_t kAsciiHigh = 0x8080808080808080ULL;
// Eight ASCII bytes with A-Z folded to a-z (bit 7 of a byte set by adding
// 0x80 - bound exactly when byte >= bound; no carries for ASCII bytes).
inline std::uint64_t fold_ascii8(std::uint64_t word) noexcept {
  const std::uint64_t upper = (word + kAsciiOnes * (0x80 - 'A')) & ~(word + kAsciiOnes * (0x80 - 'Z' - 1)) & kAsciiHigh;
  return word | (upper >> 2);
}
}  // namespace detail

// Case-insensitive ASCII equality (HTTP header names). Inline and eight
// bytes per step: carriers call it once per stored header on each lookup.
inline bool header_name_equals(std::string_view a, std::string_view b) noexcept {
  const std::size_t size = a.size();
  if (size != b.size()) return false;
  if (size < 8) return detail::header_name_equals_bytewise(a, b);
  for (std::size_t offset = 0;; offset += 8) {
    const std::size_t at = offset + 8 <= size ? offset : size - 8;  // the last step overlaps
    std::uint64_t x, y;
    std::memcpy(&x, a.data() + at, 8);
    std::memcpy(&y, b.data() + at, 8);
    if (x != y) {
      if (((x | y) & detail::kAsciiHigh) != 0) return detail::header_name_equals_bytewise(a, b);
      if (detail::fold_ascii8(x) != detail::fold_ascii8(y)) return false;
    }
    if (at + 8 >= size) return true;
  }
}

// std::map / std::unordered_map of header name -> value (names matched
// case-insensitively). Small maps are scanned once; larger ones try the exact
// key first (no allocation while it fits the small-string buffer).
template <typename Map>
class MapCarrier final : public TextMapReader, public TextMapWriter {
 public:
  explicit MapCarrier(Map& map) : map_(&map), const_map_(&map) {}
  explicit MapCarrier(const Map& map) : const_map_(&map) {}

  std::optional<std::string_view> get(std::string_view key) const override {
    if (const_map_->size() > kScanLimit && key.size() <= 15) {
      const auto exact = const_map_->find(typename Map::key_type(key));
      if (exact != const_map_->end()) return std::string_view(exact->second);
    }
    for (const auto& [name, value] : *const_map_) {
      if (header_name_equals(name, key)) return std::string_view(value);
    }
    return std::nullopt;
  }
  void for_each(const std::function<void(std::string_view, std::string_view)>& visit) const override {
    for (const auto& [name, value] : *const_map_) visit(name, value);
  }
  bool may_repeat() const noexcept override { return false; }
  void set(std::string_view key, std::string_view value) override {
    if (map_ == nullptr) return;
    // One node with both strings built in place for a new name; a value
    // assigned in place for an existing one.
    auto [slot, inserted] = map_->try_emplace(typename Map::key_type(key), value);
    if (!inserted) slot->second.assign(value.data(), value.size());
  }

 private:
  static constexpr std::size_t kScanLimit = 8;
  Map* map_ = nullptr;
  const Map* const_map_;
};

using HeaderMap = std::map<std::string, std::string>;
using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A list of (name, value) pairs that may repeat (HTTP/1.1 headers as read
// off the wire, message metadata). set() replaces every pair of that name.
class HeaderListCarrier final : public TextMapReader, public TextMapWriter {
 public:
  explicit HeaderListCarrier(HeaderList& list) : list_(&list), const_list_(&list) {}
  explicit HeaderListCarrier(const HeaderList& list) : const_list_(&list) {}
  std::optional<std::string_view> get(std::string_view key) const override;
  void for_each(const std::function<void(std::string_view, std::string_view)>& visit) const override;
  void set(std::string_view key, std::string_view value) override;

 private:
  HeaderList* list_ = nullptr;
  const HeaderList* const_list_;
};

class Propagator {
 public:
  virtual ~Propagator() = default;
  virtual void inject(const Context& context, TextMapWriter& carrier) const = 0;
  // Returns `context` with what was found added: a span context (only if
  // `context` has no valid one yet) and/or baggage.
  virtual Context extract(const TextMapReader& carrier, const Context& context) const = 0;
  // Header names this propagator writes.
  virtual std::vector<std::string> fields() const = 0;
};

// A propagator by its OTEL_PROPAGATORS name: tracecontext, baggage, b3
// (single header), b3multi, jaeger. Null for unknown names.
std::unique_ptr<Propagator> make_propagator(std::string_view name);

class CompositePropagator final : public Propagator {
 public:
  explicit CompositePropagator(std::vector<std::unique_ptr<Propagator>> members) : members_(std::move(members)) {}
  void inject(const Context& context, TextMapWriter& carrier) const override;
  Context extract(const TextMapReader& carrier, const Context& context) const override;
  std::vector<std::string> fields() const override;

 private:
  std::vector<std::unique_ptr<Propagator>> members_;
};

// Replaces the global propagator (thread-safe; readers never block). Unknown
// names, "none" and repeats are skipped. Called by init() with the configured
// list; before that the global propagator is tracecontext,baggage.
void configure_propagators(const std::vector<std::string>& names);
const Propagator& global_propagator() noexcept;

// The seed's inject_trace_context(headers): the current context (or the
// given one) into the carrier, in every configured format.
void inject_trace_context(TextMapWriter& carrier);
void inject_trace_context(TextMapWriter& carrier, const Context& context);
void inject_trace_context(HeaderMap& headers);
void inject_trace_context(HeaderMap& headers, const Context& context);

// The context a carrier holds (invalid when none; baggage kept either way).
Context extract_context(const TextMapReader& carrier);
Context extract_context(const HeaderMap& headers);

// The seed's `with extract_trace_context(context):` — the extracted context
// is current until the scope ends. With nothing valid to extract, the scope
// holds the previous context (spans started inside begin a new trace when
// there is none).
[[nodiscard]] ContextScope extract_trace_context(const TextMapReader& carrier);
[[nodiscard]] ContextScope extract_trace_context(const HeaderMap& headers);

}  // namespace parley::tracing
