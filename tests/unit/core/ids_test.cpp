#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/id_generator.h"
#include "parley/tracing/ids.h"

namespace parley::tracing {
namespace {

TEST(TraceId, RoundTripsThroughLowercaseHex) {
  const auto id = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
  ASSERT_TRUE(id.valid());
  EXPECT_EQ(id.high, 0x4bf92f3577b34da6ULL);
  EXPECT_EQ(id.low, 0xa3ce929d0e0e4736ULL);
  EXPECT_EQ(id.to_hex(), "4bf92f3577b34da6a3ce929d0e0e4736");
  const auto bytes = id.to_bytes();
  EXPECT_EQ(bytes[0], 0x4b);
  EXPECT_EQ(bytes[15], 0x36);
}

TEST(TraceId, RejectsUppercaseWrongLengthAndJunk) {
  EXPECT_FALSE(TraceId::from_hex("4BF92F3577B34DA6A3CE929D0E0E4736").valid());
  EXPECT_FALSE(TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e473").valid());
  EXPECT_FALSE(TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e47366").valid());
  EXPECT_FALSE(TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e47.6").valid());
  EXPECT_FALSE(TraceId::from_hex("00000000000000000000000000000000").valid());
}

TEST(SpanId, RoundTripsAndRejectsBadHex) {
  const auto id = SpanId::from_hex("00f067aa0ba902b7");
  ASSERT_TRUE(id.valid());
  EXPECT_EQ(id.value, 0x00f067aa0ba902b7ULL);
  EXPECT_EQ(id.to_hex(), "00f067aa0ba902b7");
  EXPECT_FALSE(SpanId::from_hex("0000000000000000").valid());
  EXPECT_FALSE(SpanId::from_hex("00F067AA0BA902B7").valid());
  EXPECT_FALSE(SpanId::from_hex("00f067aa0ba902b").valid());
}

TEST(IdGenerator, NeverProducesZeroAndDoesNotRepeat) {
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 100000; ++i) {
    const auto span = detail::new_span_id();
    ASSERT_TRUE(span.valid());
    ASSERT_TRUE(seen.insert(span.value).second);
    ASSERT_TRUE(detail::new_trace_id().valid());
  }
}

TEST(IdGenerator, ThreadsGetDistinctSequences) {
  std::vector<std::uint64_t> first(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&first, t] { first[static_cast<std::size_t>(t)] = detail::new_span_id().value; });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(std::set<std::uint64_t>(first.begin(), first.end()).size(), 4u);
}

// The child of a fork must not repeat the ids the parent goes on to make.
TEST(IdGenerator, ForkedChildrenNeverRepeatTheParentsIds) {
  (void)detail::new_span_id();  // seed this thread before forking
  constexpr int kChildren = 3;
  constexpr int kIds = 1000;
  int pipes[kChildren][2];
  for (int c = 0; c < kChildren; ++c) {
    ASSERT_EQ(pipe(pipes[c]), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(pipes[c][0]);
      for (int i = 0; i < kIds; ++i) {
        const std::uint64_t id = detail::new_span_id().value;
        if (write(pipes[c][1], &id, sizeof(id)) != sizeof(id)) _exit(2);
      }
      _exit(0);
    }
    close(pipes[c][1]);
  }
  std::set<std::uint64_t> all;
  for (int i = 0; i < kIds; ++i) all.insert(detail::new_span_id().value);
  for (int c = 0; c < kChildren; ++c) {
    std::uint64_t id = 0;
    int count = 0;
    while (read(pipes[c][0], &id, sizeof(id)) == sizeof(id)) {
      EXPECT_TRUE(all.insert(id).second) << "child " << c << " repeated an id";
      ++count;
    }
    close(pipes[c][0]);
    int status = 0;
    waitpid(-1, &status, 0);
    EXPECT_EQ(count, kIds);
  }
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kIds * (kChildren + 1)));
}

}  // namespace
}  // namespace parley::tracing
