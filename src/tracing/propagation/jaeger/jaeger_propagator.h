// Jaeger propagation: `uber-trace-id: {trace}:{span}:{parent}:{flags}` (ids
// without leading zeros accepted and left-padded, the URL-encoded form
// accepted, flags 0x01 sampled / 0x02 debug) and `uberctx-{key}` baggage with
// URL-encoded values (plus the `jaeger-baggage: k1=v1, k2=v2` header the
// Jaeger clients read). Inject writes `{32 hex}:{16 hex}:0:{01|00|03}` and
// `uberctx-{key}` for keys that are valid header names.
#pragma once

#include "parley/tracing/propagation.h"

namespace parley::tracing::detail {

std::optional<SpanContext> parse_uber_trace_id(std::string_view header);
std::optional<std::string> url_decode(std::string_view text);

class JaegerPropagator final : public Propagator {
 public:
  void inject(const Context& context, TextMapWriter& carrier) const override;
  Context extract(const TextMapReader& carrier, const Context& context) const override;
  std::vector<std::string> fields() const override { return {"uber-trace-id"}; }
};

}  // namespace parley::tracing::detail
