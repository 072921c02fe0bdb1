#include "propagation/jaeger/jaeger_propagator.h"

#include "core/percent_encoding.h"
#include "parley/tracing/baggage.h"
#include "propagation/hex.h"
#include "propagation/w3c/baggage_propagator.h"

namespace parley::tracing::detail {
namespace {

constexpr std::string_view kBaggagePrefix = "uberctx-";

// Up to `max_digits` lowercase-or-uppercase hex, left-padded.
bool parse_short_hex(std::string_view text, std::size_t max_digits, std::uint64_t& high, std::uint64_t& low) {
  if (text.empty() || text.size() > max_digits) return false;
  high = low = 0;
  // What senders normally write: exactly 16 or 32 lowercase digits.
  if (text.size() == 16 && parse_hex16(text.data(), low)) return true;
  if (text.size() == 32 && parse_hex16(text.data(), high) && parse_hex16(text.data() + 16, low)) return true;
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

// `k1=v1, k2=v2` (jaeger-baggage): items without '=' or with an empty key
// are skipped.
void parse_jaeger_baggage(std::string_view header, std::vector<Baggage::Entry>& entries) {
  const auto strip = [](std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
  };
  std::size_t start = 0;
  while (start <= header.size()) {
    const std::size_t end = std::min(header.find(',', start), header.size());
    const std::string_view item = header.substr(start, end - start);
    start = end + 1;
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos) continue;
    const std::string_view key = strip(item.substr(0, equals));
    if (key.empty() || entries.size() >= kMaxBaggageMembers) continue;
    entries.push_back(Baggage::Entry{std::string(key), replace_invalid_utf8(strip(item.substr(equals + 1))), {}});
  }
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
    write_hex16(span.trace_id.high, value);
    write_hex16(span.trace_id.low, value + 16);
    value[32] = ':';
    write_hex16(span.span_id.value, value + 33);
    value[49] = ':';
    value[50] = '0';
    value[51] = ':';
    value[52] = '0';
    value[53] = span.debug ? '3' : (span.sampled() ? '1' : '0');
    carrier.set("uber-trace-id", std::string_view(value, sizeof(value)));
  }
  for (const auto& entry : context.baggage().entries()) {
    // Only names that are valid HTTP header names (RFC 7230 tokens).
    if (!baggage_key_valid(entry.key)) continue;
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
  // uberctx-{key}: {url-encoded value}, one header per item (keys lowercased:
  // HTTP does not keep their case); jaeger-baggage: k1=v1, k2=v2 as the
  // Jaeger clients also read.
  std::vector<Baggage::Entry> entries;
  carrier.for_each([&](std::string_view name, std::string_view value) {
    if (name.size() > kBaggagePrefix.size() && header_name_equals(name.substr(0, kBaggagePrefix.size()), kBaggagePrefix)) {
      auto decoded = url_decode(value);
      if (!decoded || entries.size() >= kMaxBaggageMembers) return;
      std::string key(name.substr(kBaggagePrefix.size()));
      for (char& c : key) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      entries.push_back(Baggage::Entry{std::move(key), replace_invalid_utf8(*decoded), {}});
    } else if (header_name_equals(name, "jaeger-baggage")) {
      parse_jaeger_baggage(value, entries);
    }
  });
  if (entries.empty()) return result;
  std::vector<Baggage::Entry> all = result.baggage().entries();
  all.insert(all.end(), std::make_move_iterator(entries.begin()), std::make_move_iterator(entries.end()));
  return result.with_baggage(std::make_shared<const Baggage>(Baggage(std::move(all))));
}

}  // namespace parley::tracing::detail
