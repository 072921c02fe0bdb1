// Shared checks for the propagation fuzz targets: whatever the bytes,
// extraction never throws, never crashes, and never yields a bogus id — a
// context is either invalid or has non-zero ids that re-inject and
// re-extract to the same ids. Baggage values come out as valid UTF-8 and
// re-inject as a header whose every member parses again.
//
// Each input is read twice: as the value of the target's header, and as
// header lines ("name: value" per line), so multi-header formats (X-B3-*,
// repeated tracestate/baggage, uberctx-*) are reached too.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

#include "parley/tracing/baggage.h"
#include "parley/tracing/propagation.h"
#include "propagation/w3c/baggage_propagator.h"

namespace parley::tracing::fuzz {

inline void check_baggage(const Baggage& baggage) {
  for (const auto& entry : baggage.entries()) {
    if (detail::replace_invalid_utf8(entry.value) != entry.value) std::abort();
  }
  const std::string header = baggage.to_header();
  if (header.size() > detail::kMaxBaggageBytes) std::abort();
  const Baggage again = Baggage::from_header(header);
  std::size_t members = header.empty() ? 0 : 1;
  for (const char c : header) members += c == ',' ? 1 : 0;
  if (again.size() != members) std::abort();  // a member we wrote that does not parse
  for (const auto& entry : again.entries()) {
    if (baggage.get(entry.key) != std::optional<std::string_view>(entry.value)) std::abort();
  }
}

inline void check_round_trip(const Propagator& propagator, const Context& context) {
  check_baggage(context.baggage());
  if (!context.valid()) return;
  const SpanContext& span = context.span_context();
  if (!span.trace_id.valid() || !span.span_id.valid() || !span.remote) std::abort();
  HeaderMap headers;
  MapCarrier<HeaderMap> carrier(headers);
  propagator.inject(context, carrier);
  const Context again = propagator.extract(carrier, Context());
  if (!again.valid() || again.span_context().trace_id != span.trace_id || again.span_context().span_id != span.span_id ||
      again.span_context().sampled() != span.sampled() || again.span_context().trace_state != span.trace_state) {
    std::abort();
  }
}

inline HeaderList header_lines(std::string_view text) {
  HeaderList headers;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  return headers;
}

inline void fuzz_headers(const HeaderList& headers) {
  const HeaderListCarrier carrier(headers);
  for (const char* format : {"tracecontext", "baggage", "b3", "b3multi", "jaeger"}) {
    const auto propagator = make_propagator(format);
    check_round_trip(*propagator, propagator->extract(carrier, Context()));
  }
  check_baggage(extract_context(carrier).baggage());
}

inline void fuzz_header(const char* name, const std::uint8_t* data, std::size_t size) {
  const std::string_view value(reinterpret_cast<const char*>(data), size);
  fuzz_headers(HeaderList{{name, std::string(value)}});
  fuzz_headers(header_lines(value));
}

}  // namespace parley::tracing::fuzz
