// Room fan-out: members of the room only, and departed members skipped.
#include <gtest/gtest.h>

#include "ws/room_hub.h"

namespace parley::chat {
namespace {

class Inbox final : public Subscriber {
 public:
  void deliver(std::shared_ptr<const std::string> payload) override { received.push_back(*payload); }
  std::vector<std::string> received;
};

TEST(RoomHub, BroadcastReachesOnlyTheRoomsMembers) {
  RoomHub hub;
  auto a = std::make_shared<Inbox>();
  auto b = std::make_shared<Inbox>();
  auto elsewhere = std::make_shared<Inbox>();
  hub.join(1, a);
  hub.join(1, b);
  hub.join(2, elsewhere);
  EXPECT_EQ(hub.broadcast(1, std::make_shared<const std::string>("hi")), 2u);
  EXPECT_EQ(a->received, std::vector<std::string>{"hi"});
  EXPECT_EQ(b->received, std::vector<std::string>{"hi"});
  EXPECT_TRUE(elsewhere->received.empty());
}

TEST(RoomHub, LeftAndDestroyedMembersAreNotCounted) {
  RoomHub hub;
  auto a = std::make_shared<Inbox>();
  auto b = std::make_shared<Inbox>();
  hub.join(1, a);
  hub.join(1, b);
  hub.leave(1, a.get());
  b.reset();
  EXPECT_EQ(hub.broadcast(1, std::make_shared<const std::string>("x")), 0u);
  EXPECT_TRUE(a->received.empty());
  EXPECT_EQ(hub.broadcast(3, std::make_shared<const std::string>("x")), 0u);
}

}  // namespace
}  // namespace parley::chat
