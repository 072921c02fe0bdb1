// W3C Baggage: the `baggage` header (several headers read as one), keys as
// RFC 7230 tokens, values percent-decoded (invalid UTF-8 kept as bytes),
// properties kept as one opaque metadata string per entry. Limits: at most
// 64 members and 8192 bytes are propagated; beyond that whole members are
// dropped, never a partial one. A malformed member is skipped, the rest kept.
#pragma once

#include <string>
#include <string_view>

#include "parley/tracing/baggage.h"
#include "parley/tracing/propagation.h"

namespace parley::tracing::detail {

inline constexpr std::size_t kMaxBaggageMembers = 64;
inline constexpr std::size_t kMaxBaggageBytes = 8192;

// Adds the members of one header to `baggage` (newest value of a key wins).
void parse_baggage_header(std::string_view header, Baggage& baggage);
std::string format_baggage(const Baggage& baggage);
bool baggage_key_valid(std::string_view key) noexcept;
// Percent-encodes every byte outside the W3C baggage-octet set, and '%'.
std::string baggage_encode(std::string_view value);
std::optional<std::string> baggage_decode(std::string_view value);

class W3CBaggagePropagator final : public Propagator {
 public:
  void inject(const Context& context, TextMapWriter& carrier) const override;
  Context extract(const TextMapReader& carrier, const Context& context) const override;
  std::vector<std::string> fields() const override { return {"baggage"}; }
};

}  // namespace parley::tracing::detail
