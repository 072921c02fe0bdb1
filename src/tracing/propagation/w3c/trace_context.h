// W3C Trace Context (Level 2): the traceparent header, parsed exactly as the
// specification's test suite expects (version ff invalid; a future version
// may carry extra "-..." fields, of which only the known ones are used;
// lowercase hex only; all-zero ids invalid), and the propagator that reads
// and writes traceparent + tracestate (see trace_state.h for tracestate).
#pragma once

#include <optional>
#include <string_view>

#include "parley/tracing/ids.h"
#include "parley/tracing/propagation.h"
#include "propagation/w3c/trace_state.h"

namespace parley::tracing::detail {

inline constexpr std::size_t kTraceParentLength = 55;

struct TraceParent {
  TraceId trace_id;
  SpanId span_id;
  std::uint8_t flags = 0;
};

// Invalid: nullopt. Leading/trailing spaces and tabs are ignored. Flags keep
// only the bits this version defines (sampled, random).
std::optional<TraceParent> parse_traceparent(std::string_view header) noexcept;
// 55 characters, version 00, lowercase; unknown flag bits written as 0.
void format_traceparent(const TraceId& trace_id, const SpanId& span_id, std::uint8_t flags, char* out55) noexcept;

class W3CTraceContextPropagator final : public Propagator {
 public:
  void inject(const Context& context, TextMapWriter& carrier) const override;
  Context extract(const TextMapReader& carrier, const Context& context) const override;
  std::vector<std::string> fields() const override { return {"traceparent", "tracestate"}; }
};

}  // namespace parley::tracing::detail
