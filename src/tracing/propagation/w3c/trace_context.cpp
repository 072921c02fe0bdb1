#include "propagation/w3c/trace_context.h"

#include "propagation/hex.h"
#include "propagation/ows.h"

namespace parley::tracing::detail {
namespace {

constexpr std::uint8_t kKnownFlags = trace_flags::kSampled | trace_flags::kRandom;

SpanContext remote_span(const TraceParent& parsed) {
  SpanContext span;
  span.trace_id = parsed.trace_id;
  span.span_id = parsed.span_id;
  span.flags = parsed.flags;
  span.remote = true;
  return span;
}

// The context of a valid traceparent, with the baggage `previous` carried.
// One named result (returned without a copy), the ids built in place, the
// tracestate parsed only when there is one.
Context found(const TraceParent& parsed, std::optional<std::string_view> state, const Context& previous) {
  Context result(remote_span(parsed));
  if (state) {
    // A tracestate failure never affects traceparent: the state is dropped.
    if (auto valid = parse_tracestate(*state)) {
      SpanContext span = remote_span(parsed);
      span.trace_state = std::move(*valid);
      result = Context(std::move(span));
    }
  }
  if (previous.baggage_ptr()) result = result.with_baggage(previous.baggage_ptr());
  return result;
}

// Carriers whose names may repeat: two traceparent headers make the context
// invalid (official test suite); several tracestate headers join in order.
Context extract_repeated(const TextMapReader& carrier, const Context& context) {
  std::optional<std::string_view> header;
  std::optional<std::string_view> state;
  std::string joined;
  int count = 0;
  int states = 0;
  carrier.for_each([&](std::string_view name, std::string_view value) {
    if (header_name_equals(name, "traceparent")) {
      ++count;
      header = value;
    } else if (header_name_equals(name, "tracestate")) {
      if (states++ == 0) {
        state = value;
        return;
      }
      if (states == 2) joined.assign(*state);
      joined.append(",").append(value);
    }
  });
  if (count != 1) return context;
  const auto parsed = parse_traceparent(*header);
  if (!parsed) return context;  // and tracestate is not looked at
  if (states > 1) state = joined;
  return found(*parsed, state, context);
}

}  // namespace

std::optional<TraceParent> parse_traceparent(std::string_view header) noexcept {
  std::string_view value = header;
  if (value.size() != kTraceParentLength) value = strip_ows(value);  // the common case has no whitespace
  if (value.size() < kTraceParentLength) return std::nullopt;
  const char* text = value.data();
  std::uint8_t version = 0;
  if (!parse_hex2(text, version) || version == 0xff) return std::nullopt;
  if (value.size() > kTraceParentLength) {
    // Version 00 is exactly 55 characters; a future version may add "-..." fields.
    if (version == 0 || text[kTraceParentLength] != '-') return std::nullopt;
  }
  TraceParent parsed;
  std::uint8_t flags = 0;
  if (text[2] != '-' || text[35] != '-' || text[52] != '-' || !parse_hex16(text + 3, parsed.trace_id.high) ||
      !parse_hex16(text + 19, parsed.trace_id.low) || !parse_hex16(text + 36, parsed.span_id.value) ||
      !parse_hex2(text + 53, flags)) {
    return std::nullopt;
  }
  if (!parsed.trace_id.valid() || !parsed.span_id.valid()) return std::nullopt;
  parsed.flags = flags & kKnownFlags;
  return parsed;
}

void format_traceparent(const TraceId& trace_id, const SpanId& span_id, std::uint8_t flags, char* out) noexcept {
  static constexpr char kHex[] = "0123456789abcdef";
  out[0] = '0';
  out[1] = '0';
  out[2] = '-';
  write_hex16(trace_id.high, out + 3);
  write_hex16(trace_id.low, out + 19);
  out[35] = '-';
  write_hex16(span_id.value, out + 36);
  out[52] = '-';
  flags &= kKnownFlags;
  out[53] = kHex[flags >> 4];
  out[54] = kHex[flags & 0xF];
}

void W3CTraceContextPropagator::inject(const Context& context, TextMapWriter& carrier) const {
  const SpanContext& span = context.span_context();
  if (!span.valid()) return;
  char traceparent[kTraceParentLength];
  format_traceparent(span.trace_id, span.span_id, span.flags, traceparent);
  carrier.set("traceparent", std::string_view(traceparent, kTraceParentLength));
  if (!span.trace_state.empty()) carrier.set("tracestate", span.trace_state);
}

Context W3CTraceContextPropagator::extract(const TextMapReader& carrier, const Context& context) const {
  if (context.valid()) return context;  // an earlier propagator found one
  if (carrier.may_repeat()) return extract_repeated(carrier, context);
  const auto header = carrier.get("traceparent");
  if (!header) return context;
  const auto parsed = parse_traceparent(*header);
  if (!parsed) return context;  // and tracestate is not looked at
  return found(*parsed, carrier.get("tracestate"), context);
}

}  // namespace parley::tracing::detail
