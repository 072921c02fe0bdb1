// Room membership and fan-out (see room_hub.h).
#include "ws/room_hub.h"

#include <vector>

namespace parley::chat {

void RoomHub::join(std::int64_t room_id, const std::shared_ptr<Subscriber>& subscriber) {
  std::lock_guard lock(mutex_);
  rooms_[room_id][subscriber.get()] = subscriber;
}

void RoomHub::leave(std::int64_t room_id, const Subscriber* subscriber) {
  std::lock_guard lock(mutex_);
  auto room = rooms_.find(room_id);
  if (room == rooms_.end()) return;
  room->second.erase(subscriber);
  if (room->second.empty()) rooms_.erase(room);
}

std::size_t RoomHub::broadcast(std::int64_t room_id, const std::shared_ptr<const std::string>& payload) {
  std::vector<std::shared_ptr<Subscriber>> members;
  {
    std::lock_guard lock(mutex_);
    auto room = rooms_.find(room_id);
    if (room == rooms_.end()) return 0;
    members.reserve(room->second.size());
    for (const auto& [key, weak] : room->second) {
      if (auto member = weak.lock()) members.push_back(std::move(member));
    }
  }
  for (const auto& member : members) member->deliver(payload);
  return members.size();
}

std::size_t RoomHub::member_count(std::int64_t room_id) const {
  std::lock_guard lock(mutex_);
  auto room = rooms_.find(room_id);
  return room == rooms_.end() ? 0 : room->second.size();
}

}  // namespace parley::chat
