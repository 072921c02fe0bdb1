#include "propagation/w3c/trace_state.h"

#include <vector>
#include "propagation/ows.h"

namespace parley::tracing::detail {
namespace {



bool lcalpha(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

std::string_view key_of(std::string_view member) { return member.substr(0, member.find('=')); }

// Calls visit(member) for every non-empty member, whitespace stripped.
template <typename Visit>
void for_each_member(std::string_view state, Visit&& visit) {
  std::size_t start = 0;
  while (start <= state.size()) {
    const std::size_t comma = state.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? state.size() : comma;
    const std::string_view member = strip_ows(state.substr(start, end - start));
    if (!member.empty() && !visit(member)) return;
    if (comma == std::string_view::npos) return;
    start = comma + 1;
  }
}

}  // namespace

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
  bool valid = true;
  for_each_member(header, [&](std::string_view member) {
    const std::size_t equals = member.find('=');
    valid = equals != std::string_view::npos && tracestate_key_valid(member.substr(0, equals)) &&
            tracestate_value_valid(member.substr(equals + 1)) && ++members <= kTraceStateMaxMembers;
    if (!valid) return false;
    if (!normalized.empty()) normalized += ',';
    normalized.append(member);
    return true;
  });
  if (!valid) return std::nullopt;
  return normalized;
}

std::optional<std::string_view> tracestate_get(std::string_view state, std::string_view key) noexcept {
  std::optional<std::string_view> found;
  for_each_member(state, [&](std::string_view member) {
    if (key_of(member) != key || member.size() == key.size()) return true;
    found = member.substr(key.size() + 1);
    return false;
  });
  return found;
}

std::string tracestate_set(std::string_view state, std::string_view key, std::string_view value) {
  if (!tracestate_key_valid(key) || !tracestate_value_valid(value)) return std::string(state);
  std::vector<std::string_view> members;
  for_each_member(state, [&](std::string_view member) {
    if (key_of(member) != key) members.push_back(member);
    return true;
  });
  std::string result;
  result.reserve(key.size() + 1 + value.size());
  result.append(key).append("=").append(value);
  // At most 32 members: the rightmost go first.
  if (members.size() + 1 > kTraceStateMaxMembers) members.resize(kTraceStateMaxMembers - 1);
  std::size_t length = result.size();
  for (const auto member : members) length += 1 + member.size();
  // Over 512 characters: drop entries longer than 128 first (right to left),
  // then entries from the right.
  for (std::size_t i = members.size(); i-- > 0 && length > kTraceStateMaxLength;) {
    if (members[i].size() > kTraceStateLargeEntry) {
      length -= 1 + members[i].size();
      members.erase(members.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  while (!members.empty() && length > kTraceStateMaxLength) {
    length -= 1 + members.back().size();
    members.pop_back();
  }
  for (const auto member : members) result.append(",").append(member);
  return result;
}

std::string tracestate_remove(std::string_view state, std::string_view key) {
  std::string result;
  for_each_member(state, [&](std::string_view member) {
    if (key_of(member) == key) return true;
    if (!result.empty()) result += ',';
    result.append(member);
    return true;
  });
  return result;
}

}  // namespace parley::tracing::detail
