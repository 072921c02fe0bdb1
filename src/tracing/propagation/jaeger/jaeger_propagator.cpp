#include "propagation/jaeger/jaeger_propagator.h"

#include "core/percent_encoding.h"
#include "parley/tracing/baggage.h"
#include "propagation/w3c/baggage_propagator.h"

namespace parley::tracing::detail {
namespace {

constexpr std::string_view kBaggagePrefix = "uberctx-";

// Up to `max_digits` lowercase-or-uppercase hex, left-padded.
bool parse_short_hex(std::string_view text, std::size_t max_digits, std::uint64_t& high, std::uint64_t& low) {
  if (text.empty() || text.size() > max_digits) return false;
  high = low = 0;
  for (const char raw : text) {
    char c = raw;
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    const int nibble = hex_value(c);
    if (nibble < 0) return false;
    high = (high << 4) | (low >> 60);
    low = (low << 4) | static_cast<std::uint64_t>(nibble);
  }
  return true;
}

}  // namespace

std::optional<std::string> url_decode(std::string_view text) {
  return percent_decode(text, PercentDecodeOptions{true, nullptr});
}

std::optional<SpanContext> parse_uber_trace_id(std::string_view header) {
  std::string decoded;
  if (header.find('%') != std::string_view::npos) {
    auto value = url_decode(header);
    if (!value) return std::nullopt;
    decoded = std::move(*value);
    header = decoded;
  }
  while (!header.empty() && (header.front() == ' ' || header.front() == '\t')) header.remove_prefix(1);
  while (!header.empty() && (header.back() == ' ' || header.back() == '\t')) header.remove_suffix(1);
  std::string_view fields[4];
  std::size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    const std::size_t colon = header.find(':', start);
    if ((i < 3) != (colon != std::string_view::npos)) return std::nullopt;  // exactly four fields
    fields[i] = header.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
    start = colon + 1;
  }
  SpanContext context;
  std::uint64_t ignored = 0, parent_high = 0, parent_low = 0, flags_high = 0, flags = 0;
  if (!parse_short_hex(fields[0], 32, context.trace_id.high, context.trace_id.low) ||
      !parse_short_hex(fields[1], 16, ignored, context.span_id.value) ||
      !parse_short_hex(fields[2], 16, parent_high, parent_low) || !parse_short_hex(fields[3], 2, flags_high, flags)) {
    return std::nullopt;
  }
  if (!context.trace_id.valid() || !context.span_id.valid()) return std::nullopt;
  context.remote = true;
  context.debug = (flags & 0x02) != 0;
  if ((flags & 0x01) != 0 || context.debug) context.flags = trace_flags::kSampled;
  return context;
}

void JaegerPropagator::inject(const Context& context, TextMapWriter& carrier) const {
  const SpanContext& span = context.span_context();
  if (span.valid()) {
    char value[32 + 1 + 16 + 5];
    span.trace_id.write_hex(value);
    value[32] = ':';
    span.span_id.write_hex(value + 33);
    value[49] = ':';
    value[50] = '0';
    value[51] = ':';
    value[52] = '0';
    value[53] = span.debug ? '3' : (span.sampled() ? '1' : '0');
    carrier.set("uber-trace-id", std::string_view(value, sizeof(value)));
  }
  for (const auto& entry : context.baggage().entries()) {
    carrier.set(std::string(kBaggagePrefix) + entry.key, baggage_encode(entry.value));
  }
}

Context JaegerPropagator::extract(const TextMapReader& carrier, const Context& context) const {
  Context result = context;
  if (!context.valid()) {
    if (const auto header = carrier.get("uber-trace-id")) {
      if (auto span = parse_uber_trace_id(*header)) {
        result = Context(std::move(*span));
        if (context.baggage_ptr()) result = result.with_baggage(context.baggage_ptr());
      }
    }
  }
  Baggage baggage = result.baggage();
  bool found = false;
  carrier.for_each([&](std::string_view name, std::string_view value) {
    if (name.size() <= kBaggagePrefix.size() || !header_name_equals(name.substr(0, kBaggagePrefix.size()), kBaggagePrefix)) {
      return;
    }
    auto decoded = url_decode(value);
    if (!decoded) return;
    std::string key(name.substr(kBaggagePrefix.size()));
    for (char& c : key) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    baggage = baggage.set(key, *decoded);
    found = true;
  });
  if (found) result = result.with_baggage(std::make_shared<const Baggage>(std::move(baggage)));
  return result;
}

}  // namespace parley::tracing::detail
