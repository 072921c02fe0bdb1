// What parley-loadgen sends: a weighted mix of request kinds, spread evenly
// over the run (smooth weighted round-robin, so 7:1:1:1 does not send seven
// plain messages and then three of the rest), and the body of each kind.
//
//   plain     a text message to the load generator's room (201)
//   ai        a message mentioning @ai: the server asks the assistant (slow)
//   bad_room  a message to a room that does not exist (404)
//   bad_body  a malformed JSON body (400)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::tools {

enum class RequestKind : std::uint8_t { plain, ai, bad_room, bad_body };
inline constexpr std::size_t kRequestKinds = 4;

std::string_view to_string(RequestKind kind) noexcept;

class RequestMix {
 public:
  // "plain=7,ai=1,bad_room=1,bad_body=1" (kinds left out get 0; at least
  // one weight must be positive). nullopt with `error` set otherwise.
  static std::optional<RequestMix> parse(std::string_view text, std::string& error);

  // The kind of the index-th request.
  RequestKind kind_of(std::size_t index) const noexcept { return schedule_[index % schedule_.size()]; }
  unsigned weight(RequestKind kind) const noexcept { return weights_[static_cast<std::size_t>(kind)]; }

 private:
  unsigned weights_[kRequestKinds] = {};
  std::vector<RequestKind> schedule_;
};

inline constexpr std::string_view kDefaultMix = "plain=7,ai=1,bad_room=1,bad_body=1";

// The JSON body of a message request of `kind` (index makes texts unique).
std::string message_body(RequestKind kind, std::int64_t room_id, std::size_t index);

}  // namespace parley::tools
