#include "request_mix.h"

#include <charconv>

namespace parley::tools {
namespace {

constexpr std::string_view kNames[kRequestKinds] = {"plain", "ai", "bad_room", "bad_body"};

// A room id no server hands out this early; the API answers 404.
constexpr std::int64_t kMissingRoomId = 999'999'999'999;

std::optional<RequestKind> kind_named(std::string_view name) {
  for (std::size_t i = 0; i < kRequestKinds; ++i) {
    if (kNames[i] == name) return static_cast<RequestKind>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(RequestKind kind) noexcept { return kNames[static_cast<std::size_t>(kind)]; }

std::optional<RequestMix> RequestMix::parse(std::string_view text, std::string& error) {
  RequestMix mix;
  unsigned total = 0;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    const auto equals = item.find('=');
    const auto kind = kind_named(item.substr(0, equals));
    unsigned weight = 0;
    const auto number = equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1);
    const auto [end, failure] = std::from_chars(number.data(), number.data() + number.size(), weight);
    if (!kind || number.empty() || failure != std::errc() || end != number.data() + number.size() || weight > 1000) {
      error = "\"" + std::string(item) + "\" is not kind=weight (kinds: plain, ai, bad_room, bad_body; weight 0-1000)";
      return std::nullopt;
    }
    mix.weights_[static_cast<std::size_t>(*kind)] = weight;
  }
  for (const auto weight : mix.weights_) total += weight;
  if (total == 0) {
    error = "the mix needs at least one positive weight";
    return std::nullopt;
  }
  // Smooth weighted round-robin: each step every kind gains its weight, the
  // richest is chosen and pays the total.
  int credit[kRequestKinds] = {};
  for (unsigned step = 0; step < total; ++step) {
    std::size_t best = 0;
    for (std::size_t i = 0; i < kRequestKinds; ++i) {
      credit[i] += static_cast<int>(mix.weights_[i]);
      if (credit[i] > credit[best]) best = i;
    }
    credit[best] -= static_cast<int>(total);
    mix.schedule_.push_back(static_cast<RequestKind>(best));
  }
  return mix;
}

std::string message_body(RequestKind kind, std::int64_t room_id, std::size_t index) {
  const std::string number = std::to_string(index);
  const std::string room = std::to_string(room_id);
  switch (kind) {
    case RequestKind::plain:
      return "{\"room_id\":" + room + ",\"text\":\"load test message " + number + "\"}";
    case RequestKind::ai:
      return "{\"room_id\":" + room + ",\"text\":\"@ai summarise the conversation so far (" + number + ")\"}";
    case RequestKind::bad_room:
      return "{\"room_id\":" + std::to_string(kMissingRoomId) + ",\"text\":\"to nowhere " + number + "\"}";
    case RequestKind::bad_body:
      return "{\"room_id\":\"not a number\",\"text\":";
  }
  return {};
}

}  // namespace parley::tools
