// W3C Baggage: the `baggage` header (several headers read as one), keys as
// RFC 7230 tokens, values percent-decoded (invalid UTF-8 becomes U+FFFD),
// properties checked against the grammar and kept as one opaque metadata
// string per entry. Limits both ways: at most 64 members and 8192 bytes;
// beyond that whole members are dropped, never a partial one. A malformed
// member is skipped, the rest kept.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parley/tracing/baggage.h"
#include "parley/tracing/propagation.h"

namespace parley::tracing::detail {

inline constexpr std::size_t kMaxBaggageMembers = 64;
inline constexpr std::size_t kMaxBaggageBytes = 8192;

// Running totals over every baggage header of one carrier.
struct BaggageLimits {
  std::size_t members = 0;
  std::size_t bytes = 0;
};

// Appends the valid members of one header to `entries`.
void parse_baggage_header(std::string_view header, std::vector<Baggage::Entry>& entries, BaggageLimits& limits);
std::string format_baggage(const Baggage& baggage);
bool baggage_key_valid(std::string_view key) noexcept;
// `;`-separated properties: each `key` or `key = value` (value baggage-octets).
bool baggage_properties_valid(std::string_view properties) noexcept;
// Percent-encodes every byte outside the W3C baggage-octet set, and '%'.
std::string baggage_encode(std::string_view value);
// Percent-decodes; nullopt when an unencoded byte is not a baggage-octet or
// an escape is malformed. Invalid UTF-8 in the result becomes U+FFFD.
std::optional<std::string> baggage_decode(std::string_view value);
std::string replace_invalid_utf8(std::string_view text);

class W3CBaggagePropagator final : public Propagator {
 public:
  void inject(const Context& context, TextMapWriter& carrier) const override;
  Context extract(const TextMapReader& carrier, const Context& context) const override;
  std::vector<std::string> fields() const override { return {"baggage"}; }
};

}  // namespace parley::tracing::detail
