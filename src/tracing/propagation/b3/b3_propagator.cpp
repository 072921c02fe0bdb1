#include "propagation/b3/b3_propagator.h"

#include "propagation/hex.h"
#include "propagation/ows.h"

namespace parley::tracing::detail {
namespace {


std::optional<SpanId> parse_span_id(std::string_view text) noexcept {
  SpanId id;
  if (text.size() != 16 || !parse_hex16(text.data(), id.value) || !id.valid()) return std::nullopt;
  return id;
}

// Sampling state: "1"/"0"/"d" (and lenient "true"/"false" for X-B3-Sampled).
enum class Decision { deny, accept, debug, invalid };
Decision parse_decision(std::string_view text, bool lenient) {
  if (text == "1") return Decision::accept;
  if (text == "0") return Decision::deny;
  if (text == "d") return Decision::debug;
  if (lenient && text == "true") return Decision::accept;
  if (lenient && text == "false") return Decision::deny;
  return Decision::invalid;
}

void apply(Decision decision, SpanContext& context) {
  context.deferred = false;
  context.flags = static_cast<std::uint8_t>(context.flags & ~trace_flags::kSampled);
  if (decision == Decision::accept || decision == Decision::debug) context.flags |= trace_flags::kSampled;
  context.debug = decision == Decision::debug;
}

}  // namespace

std::optional<TraceId> parse_b3_trace_id(std::string_view text) noexcept {
  TraceId id;
  if (text.size() == 32) {
    if (!parse_hex16(text.data(), id.high) || !parse_hex16(text.data() + 16, id.low)) return std::nullopt;
  } else if (text.size() == 16) {
    if (!parse_hex16(text.data(), id.low)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (!id.valid()) return std::nullopt;
  return id;
}

std::optional<B3Parsed> parse_b3_single(std::string_view header) noexcept {
  const std::string_view value = strip_ows(header);
  B3Parsed parsed;
  parsed.context.remote = true;
  if (value.size() == 1) {  // decision only
    const Decision decision = parse_decision(value, false);
    if (decision == Decision::invalid) return std::nullopt;
    apply(decision, parsed.context);
    return parsed;
  }
  // {TraceId}-{SpanId}[-{SamplingState}[-{ParentSpanId}]]
  std::string_view fields[4];
  std::size_t count = 0, start = 0;
  while (count < 4) {
    const std::size_t dash = value.find('-', start);
    fields[count++] = value.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start);
    if (dash == std::string_view::npos) break;
    start = dash + 1;
    if (count == 4) return std::nullopt;  // too many fields
  }
  if (count < 2) return std::nullopt;
  const auto trace_id = parse_b3_trace_id(fields[0]);
  const auto span_id = parse_span_id(fields[1]);
  if (!trace_id || !span_id) return std::nullopt;
  parsed.context.trace_id = *trace_id;
  parsed.context.span_id = *span_id;
  parsed.has_ids = true;
  parsed.context.deferred = true;
  if (count >= 3) {
    const Decision decision = parse_decision(fields[2], false);
    if (decision == Decision::invalid) return std::nullopt;
    apply(decision, parsed.context);
  }
  if (count == 4 && !parse_span_id(fields[3])) return std::nullopt;  // malformed parent
  return parsed;
}

namespace {

char state_char(const SpanContext& span) { return span.debug ? 'd' : (span.sampled() ? '1' : '0'); }

// A remote context that carries only a sampling decision (`b3: 0`,
// `X-B3-Sampled: 0` alone): no ids, so not valid, but the decision travels.
bool decision_only(const SpanContext& span) { return !span.valid() && span.remote && !span.deferred; }

// What was found, keeping the baggage an earlier propagator extracted.
Context found(SpanContext span, const Context& previous) {
  Context result(std::move(span));
  if (previous.baggage_ptr()) result = result.with_baggage(previous.baggage_ptr());
  return result;
}

// X-B3-Flags / X-B3-Sampled; nullopt when absent, invalid when malformed.
std::optional<Decision> multi_decision(const TextMapReader& carrier) {
  if (const auto flags = carrier.get("x-b3-flags"); flags && strip_ows(*flags) == "1") return Decision::debug;
  if (const auto sampled = carrier.get("x-b3-sampled")) return parse_decision(strip_ows(*sampled), true);
  return std::nullopt;
}

}  // namespace

void B3Propagator::inject(const Context& context, TextMapWriter& carrier) const {
  const SpanContext& span = context.span_context();
  if (!span.valid()) {
    if (!decision_only(span)) return;
    if (format_ == B3Format::single) {
      const char state = state_char(span);
      carrier.set("b3", std::string_view(&state, 1));
    } else {
      carrier.set(span.debug ? "x-b3-flags" : "x-b3-sampled", span.debug || span.sampled() ? "1" : "0");
    }
    return;
  }
  if (format_ == B3Format::single) {
    // {32 hex}-{16 hex}[-{1|0|d}]; no state when the decision was deferred.
    char value[32 + 1 + 16 + 2];
    write_hex16(span.trace_id.high, value);
    write_hex16(span.trace_id.low, value + 16);
    value[32] = '-';
    write_hex16(span.span_id.value, value + 33);
    value[49] = '-';
    value[50] = state_char(span);
    carrier.set("b3", std::string_view(value, span.deferred ? 49 : sizeof(value)));
    return;
  }
  char trace_hex[32];
  char span_hex[16];
  write_hex16(span.trace_id.high, trace_hex);
  write_hex16(span.trace_id.low, trace_hex + 16);
  write_hex16(span.span_id.value, span_hex);
  carrier.set("x-b3-traceid", std::string_view(trace_hex, 32));
  carrier.set("x-b3-spanid", std::string_view(span_hex, 16));
  if (span.deferred) return;
  if (span.debug) {
    carrier.set("x-b3-flags", "1");  // never together with X-B3-Sampled
  } else {
    carrier.set("x-b3-sampled", span.sampled() ? "1" : "0");
  }
}

Context B3Propagator::extract(const TextMapReader& carrier, const Context& context) const {
  if (context.valid()) return context;
  // The single header wins when both forms are present.
  if (const auto single = carrier.get("b3")) {
    if (const auto parsed = parse_b3_single(*single)) return found(parsed->context, context);
  }
  const auto trace_text = carrier.get("x-b3-traceid");
  const auto span_text = carrier.get("x-b3-spanid");
  const auto decision = multi_decision(carrier);
  if (decision == Decision::invalid) return context;  // empty or junk: malformed
  SpanContext span;
  span.remote = true;
  span.deferred = true;
  if (!trace_text && !span_text) {
    if (!decision) return context;
    apply(*decision, span);  // decision only
    return found(std::move(span), context);
  }
  if (!trace_text || !span_text) return context;
  const auto trace_id = parse_b3_trace_id(strip_ows(*trace_text));
  const auto span_id = parse_span_id(strip_ows(*span_text));
  if (!trace_id || !span_id) return context;
  if (const auto parent = carrier.get("x-b3-parentspanid"); parent && !parse_span_id(strip_ows(*parent))) {
    return context;  // "-" or junk: malformed
  }
  span.trace_id = *trace_id;
  span.span_id = *span_id;
  if (decision) apply(*decision, span);
  return found(std::move(span), context);
}

std::vector<std::string> B3Propagator::fields() const {
  if (format_ == B3Format::single) return {"b3"};
  return {"x-b3-traceid", "x-b3-spanid", "x-b3-sampled", "x-b3-flags"};
}

}  // namespace parley::tracing::detail
