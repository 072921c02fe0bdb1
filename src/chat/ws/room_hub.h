// room_hub.h — who listens to which room, and fan-out to them.
//
// The hub is the shared state between WebSocket sessions: a map from room id
// to its subscribers (held weakly: a session's lifetime is its own). It knows
// nothing of sockets: a Subscriber only has to accept a shared, immutable
// payload and queue it. broadcast() snapshots the room's members under the
// lock and delivers outside it, so a slow member never holds the lock and the
// payload is built once for everyone.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace parley::chat {

class Subscriber {
 public:
  virtual ~Subscriber() = default;
  // Queues the payload for sending; must not block.
  virtual void deliver(std::shared_ptr<const std::string> payload) = 0;
};

class RoomHub {
 public:
  void join(std::int64_t room_id, const std::shared_ptr<Subscriber>& subscriber);
  void leave(std::int64_t room_id, const Subscriber* subscriber);
  // Delivers to every live member; returns how many received it.
  std::size_t broadcast(std::int64_t room_id, const std::shared_ptr<const std::string>& payload);
  std::size_t member_count(std::int64_t room_id) const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::int64_t, std::unordered_map<const Subscriber*, std::weak_ptr<Subscriber>>> rooms_;
};

}  // namespace parley::chat
