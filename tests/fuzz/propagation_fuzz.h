// Shared checks for the propagation fuzz targets: whatever the bytes,
// extraction never throws, never crashes, and never yields a bogus id — a
// context is either invalid or has non-zero ids that re-inject and
// re-extract to the same ids.
#pragma once

#include <cstdlib>
#include <string>

#include "parley/tracing/propagation.h"

namespace parley::tracing::fuzz {

inline void check_round_trip(const Propagator& propagator, const Context& context) {
  if (!context.valid()) return;
  const SpanContext& span = context.span_context();
  if (!span.trace_id.valid() || !span.span_id.valid() || !span.remote) std::abort();
  HeaderMap headers;
  MapCarrier<HeaderMap> carrier(headers);
  propagator.inject(context, carrier);
  const Context again = propagator.extract(carrier, Context());
  if (!again.valid() || again.span_context().trace_id != span.trace_id || again.span_context().span_id != span.span_id) {
    std::abort();
  }
}

inline void fuzz_header(const char* name, const std::uint8_t* data, std::size_t size) {
  const std::string value(reinterpret_cast<const char*>(data), size);
  const HeaderList headers{{name, value}};
  HeaderListCarrier carrier(headers);
  for (const char* format : {"tracecontext", "baggage", "b3", "b3multi", "jaeger"}) {
    const auto propagator = make_propagator(format);
    check_round_trip(*propagator, propagator->extract(carrier, Context()));
  }
}

}  // namespace parley::tracing::fuzz
