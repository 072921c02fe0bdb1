// W3C Trace Context (Level 2): traceparent and tracestate, parsed exactly as
// the specification's test suite expects; plus the tracestate mutation rules
// (an added or updated key moves to the front, at most 32 members, drop
// entries over 128 characters first, then from the right, to fit 512).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parley/tracing/ids.h"
#include "parley/tracing/propagation.h"

namespace parley::tracing::detail {

struct TraceParent {
  TraceId trace_id;
  SpanId span_id;
  std::uint8_t flags = 0;
};

// Invalid: nullopt. Leading/trailing spaces and tabs are ignored.
std::optional<TraceParent> parse_traceparent(std::string_view header) noexcept;
// 55 characters, version 00, lowercase.
void format_traceparent(const TraceId& trace_id, const SpanId& span_id, std::uint8_t flags, char* out55) noexcept;

// Validates a (possibly multi-header, comma-joined) tracestate. Returns the
// normalised list (members joined by ',' without optional whitespace), or
// nullopt when any member breaks the grammar or there are more than 32.
std::optional<std::string> parse_tracestate(std::string_view header);
bool tracestate_key_valid(std::string_view key) noexcept;
bool tracestate_value_valid(std::string_view value) noexcept;

// `key=value` added or moved to the front of a valid tracestate.
std::string tracestate_set(std::string_view tracestate, std::string_view key, std::string_view value);

class W3CTraceContextPropagator final : public Propagator {
 public:
  void inject(const Context& context, TextMapWriter& carrier) const override;
  Context extract(const TextMapReader& carrier, const Context& context) const override;
  std::vector<std::string> fields() const override { return {"traceparent", "tracestate"}; }
};

}  // namespace parley::tracing::detail
