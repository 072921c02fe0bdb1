// W3C tracestate: validation (Level 2 key grammar, value grammar, at most 32
// members) and the mutation rules for our own entry. An added or updated key
// moves to the front (left), a key is never duplicated, a 33rd member pushes
// out the rightmost, and the result keeps within 512 characters by dropping
// whole entries: first those over 128 characters, then from the right.
//
// Used by the W3C propagator (extract) and by the sampler, which writes our
// `ot` entry (`ot=th:...`) with tracestate_set. Every function takes and
// returns the comma-joined text SpanContext::trace_state holds; none throws
// on bad input: an invalid key or value leaves the state unchanged.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley::tracing::detail {

inline constexpr std::size_t kTraceStateMaxMembers = 32;
inline constexpr std::size_t kTraceStateMaxLength = 512;
inline constexpr std::size_t kTraceStateLargeEntry = 128;
inline constexpr std::string_view kOurTraceStateKey = "ot";

bool tracestate_key_valid(std::string_view key) noexcept;
bool tracestate_value_valid(std::string_view value) noexcept;

// Validates a (possibly comma-joined multi-header) tracestate. Returns the
// members joined by ',' without optional whitespace, or nullopt when any
// member breaks the grammar or there are more than 32 (the whole header is
// then dropped, as the official test suite expects).
std::optional<std::string> parse_tracestate(std::string_view header);

// The value of `key` in a normalised state, if present.
std::optional<std::string_view> tracestate_get(std::string_view state, std::string_view key) noexcept;

// `key=value` added or moved to the front of `state`, trimmed to 32 members
// and 512 characters. Returns `state` unchanged if the key or value is invalid.
std::string tracestate_set(std::string_view state, std::string_view key, std::string_view value);

// `state` without `key` (delete only your own keys).
std::string tracestate_remove(std::string_view state, std::string_view key);

}  // namespace parley::tracing::detail
