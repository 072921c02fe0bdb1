#include "propagation/w3c/trace_context.h"

#include <vector>

namespace parley::tracing::detail {
namespace {

constexpr std::size_t kTraceParentLength = 55;
constexpr std::size_t kMaxMembers = 32;
constexpr std::size_t kMaxPropagatedLength = 512;
constexpr std::size_t kLargeEntry = 128;

bool is_ows(char c) { return c == ' ' || c == '\t'; }

std::string_view strip_ows(std::string_view text) {
  while (!text.empty() && is_ows(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ows(text.back())) text.remove_suffix(1);
  return text;
}

bool hex_field(std::string_view text, std::size_t offset, std::size_t digits, std::uint64_t& out) {
  return parse_hex_u64(text.data() + offset, digits, out);
}

bool lcalpha(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<TraceParent> parse_traceparent(std::string_view header) noexcept {
  const std::string_view value = strip_ows(header);
  if (value.size() < kTraceParentLength) return std::nullopt;
  std::uint64_t version = 0;
  if (!hex_field(value, 0, 2, version) || version == 0xff || value[2] != '-') return std::nullopt;
  // Version 00 is exactly 55 characters; a future version may add "-..." fields.
  if (version == 0 && value.size() != kTraceParentLength) return std::nullopt;
  if (version != 0 && value.size() > kTraceParentLength && value[kTraceParentLength] != '-') return std::nullopt;
  TraceParent parsed;
  std::uint64_t flags = 0;
  if (value[35] != '-' || value[52] != '-' || !hex_field(value, 3, 16, parsed.trace_id.high) ||
      !hex_field(value, 19, 16, parsed.trace_id.low) || !hex_field(value, 36, 16, parsed.span_id.value) ||
      !hex_field(value, 53, 2, flags)) {
    return std::nullopt;
  }
  if (!parsed.trace_id.valid() || !parsed.span_id.valid()) return std::nullopt;
  // Keep only the flags this version defines (sampled, random).
  parsed.flags = static_cast<std::uint8_t>(flags & (trace_flags::kSampled | trace_flags::kRandom));
  return parsed;
}

void format_traceparent(const TraceId& trace_id, const SpanId& span_id, std::uint8_t flags, char* out) noexcept {
  static constexpr char kHex[] = "0123456789abcdef";
  out[0] = '0';
  out[1] = '0';
  out[2] = '-';
  trace_id.write_hex(out + 3);
  out[35] = '-';
  span_id.write_hex(out + 36);
  out[52] = '-';
  flags &= trace_flags::kSampled | trace_flags::kRandom;
  out[53] = kHex[flags >> 4];
  out[54] = kHex[flags & 0xF];
}

bool tracestate_key_valid(std::string_view key) noexcept {
  // Level 2: (lcalpha / DIGIT) 0*255(lcalpha / DIGIT / "_" / "-" / "*" / "/" / "@")
  if (key.empty() || key.size() > 256 || !(lcalpha(key[0]) || digit(key[0]))) return false;
  for (const char c : key) {
    if (!(lcalpha(c) || digit(c) || c == '_' || c == '-' || c == '*' || c == '/' || c == '@')) return false;
  }
  return true;
}

bool tracestate_value_valid(std::string_view value) noexcept {
  // 0*255(chr) nblk-chr; chr = %x20 / nblk-chr; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E
  if (value.empty() || value.size() > 256) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    const bool nblk = (c >= 0x21 && c <= 0x7E) && c != ',' && c != '=';
    if (!nblk && !(c == 0x20 && i + 1 < value.size())) return false;
  }
  return true;
}

std::optional<std::string> parse_tracestate(std::string_view header) {
  std::string normalized;
  std::size_t members = 0;
  std::size_t start = 0;
  while (start <= header.size()) {
    const std::size_t comma = header.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? header.size() : comma;
    const std::string_view member = strip_ows(header.substr(start, end - start));
    if (!member.empty()) {
      const std::size_t equals = member.find('=');
      if (equals == std::string_view::npos) return std::nullopt;
      const std::string_view key = member.substr(0, equals);
      const std::string_view value = member.substr(equals + 1);
      if (!tracestate_key_valid(key) || !tracestate_value_valid(value)) return std::nullopt;
      if (++members > kMaxMembers) return std::nullopt;
      if (!normalized.empty()) normalized += ',';
      normalized.append(member);
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return normalized;
}

std::string tracestate_set(std::string_view tracestate, std::string_view key, std::string_view value) {
  std::vector<std::string_view> members;
  std::size_t start = 0;
  while (start < tracestate.size()) {
    const std::size_t comma = tracestate.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? tracestate.size() : comma;
    const std::string_view member = strip_ows(tracestate.substr(start, end - start));
    const std::size_t equals = member.find('=');
    if (!member.empty() && member.substr(0, equals) != key) members.push_back(member);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  std::string front = std::string(key) + "=" + std::string(value);
  // At most 32 members: the rightmost go first.
  while (members.size() + 1 > kMaxMembers) members.pop_back();
  const auto total = [&] {
    std::size_t length = front.size();
    for (const auto member : members) length += 1 + member.size();
    return length;
  };
  // Over 512 characters: drop entries longer than 128 first, then from the right.
  for (std::size_t i = members.size(); i-- > 0 && total() > kMaxPropagatedLength;) {
    if (members[i].size() > kLargeEntry) members.erase(members.begin() + static_cast<std::ptrdiff_t>(i));
  }
  while (!members.empty() && total() > kMaxPropagatedLength) members.pop_back();
  for (const auto member : members) {
    front += ',';
    front.append(member);
  }
  return front;
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
  std::optional<std::string_view> header;
  std::string tracestate;
  bool has_tracestate = false;
  if (!carrier.may_repeat()) {
    header = carrier.get("traceparent");
    if (!header) return context;
    if (const auto state = carrier.get("tracestate")) {
      tracestate.assign(*state);
      has_tracestate = true;
    }
  } else {
    // Two traceparent headers make the context invalid (official test
    // suite); several tracestate headers are joined in order.
    int count = 0;
    carrier.for_each([&](std::string_view name, std::string_view value) {
      if (header_name_equals(name, "traceparent")) {
        ++count;
        header = value;
      } else if (header_name_equals(name, "tracestate")) {
        if (has_tracestate) tracestate += ',';
        tracestate.append(value);
        has_tracestate = true;
      }
    });
    if (count != 1) return context;
  }
  const auto parsed = parse_traceparent(*header);
  if (!parsed) return context;
  SpanContext span;
  span.trace_id = parsed->trace_id;
  span.span_id = parsed->span_id;
  span.flags = parsed->flags;
  span.remote = true;
  if (has_tracestate) {
    // A tracestate failure never affects traceparent: the state is dropped.
    if (auto valid = parse_tracestate(tracestate)) span.trace_state = std::move(*valid);
  }
  Context result(std::move(span));
  return context.baggage_ptr() ? result.with_baggage(context.baggage_ptr()) : result;
}

}  // namespace parley::tracing::detail
