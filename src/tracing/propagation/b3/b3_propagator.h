// B3 (openzipkin/b3-propagation): the single `b3` header and the X-B3-*
// multi headers. Extract tries the single header first; trace ids of 16 hex
// are left-padded to 128 bits; debug (`d`, X-B3-Flags: 1) means sampled and
// is kept for the next inject; no sampling state defers the decision to this
// process (and is passed on as deferred). A decision without ids (`b3: 0`,
// `X-B3-Sampled: 0` alone) gives a remote span context with no ids that
// carries the decision. Inject writes the single header, or the multi
// headers, never X-B3-ParentSpanId, and never X-B3-Sampled with debug.
#pragma once

#include "parley/tracing/propagation.h"

namespace parley::tracing::detail {

enum class B3Format : std::uint8_t { single, multi };

struct B3Parsed {
  SpanContext context;  // valid ids, or a decision-only value
  bool has_ids = false;
};
std::optional<B3Parsed> parse_b3_single(std::string_view header) noexcept;
// Trace id of 16 or 32 lowercase hex (16 is left-padded).
std::optional<TraceId> parse_b3_trace_id(std::string_view text) noexcept;

class B3Propagator final : public Propagator {
 public:
  explicit B3Propagator(B3Format inject_format) : format_(inject_format) {}
  void inject(const Context& context, TextMapWriter& carrier) const override;
  Context extract(const TextMapReader& carrier, const Context& context) const override;
  std::vector<std::string> fields() const override;

 private:
  B3Format format_;
};

}  // namespace parley::tracing::detail
