// traced() keeps the current span right across co_await: many coroutines
// interleaved on one thread, and on a pool, each with nested spans across
// suspensions; every exported parent/child link is checked.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>

#include <future>

#include "parley/tracing/integration/asio.h"
#include "parley/tracing/provider.h"
#include "support/recording_exporter.h"

namespace parley::tracing {
namespace {

namespace asio = boost::asio;

// What each coroutine saw, checked against the export afterwards.
struct Observation {
  std::string outer_span;   // traced() span id seen as current inside
  std::string inner_span;   // the nested span
  std::string leaf_parent;  // current span id when the leaf started
  std::string after_wait;   // current span id after the second co_await
};

asio::awaitable<void> pause(std::chrono::microseconds delay) {
  asio::steady_timer timer(co_await asio::this_coro::executor, delay);
  co_await timer.async_wait(asio::use_awaitable);
}

asio::awaitable<void> body(int id, std::chrono::microseconds d1, std::chrono::microseconds d2, Observation& seen) {
  auto& tracer = get_tracer("coroutines");
  seen.outer_span = get_current_span_id();
  co_await pause(d1);
  EXPECT_EQ(get_current_span_id(), seen.outer_span) << "coroutine " << id << " lost its span after co_await";
  auto inner = tracer.start_as_current_span("inner");
  inner.set_attribute("coroutine.id", id);
  seen.inner_span = inner.context().span_id.to_hex();
  co_await pause(d2);
  seen.after_wait = get_current_span_id();
  {
    auto leaf = tracer.start_span("leaf");
    leaf.set_attribute("coroutine.id", id);
    seen.leaf_parent = get_current_span_id();
  }
  co_await pause(d1);
}

void check(const std::vector<Observation>& seen, const std::vector<testing::RecordedSpan>& spans, int count) {
  std::map<std::string, const testing::RecordedSpan*> by_id;
  for (const auto& span : spans) by_id[span.span_id.to_hex()] = &span;
  ASSERT_EQ(spans.size(), static_cast<std::size_t>(count) * 3);
  for (int i = 0; i < count; ++i) {
    const auto& s = seen[static_cast<std::size_t>(i)];
    ASSERT_TRUE(by_id.count(s.outer_span)) << i;
    ASSERT_TRUE(by_id.count(s.inner_span)) << i;
    const auto* outer = by_id[s.outer_span];
    const auto* inner = by_id[s.inner_span];
    EXPECT_EQ(outer->name, "request");
    EXPECT_EQ(inner->parent_span_id, outer->span_id) << i;
    EXPECT_EQ(inner->trace_id, outer->trace_id) << i;
    EXPECT_EQ(s.after_wait, s.inner_span) << i;
    EXPECT_EQ(s.leaf_parent, s.inner_span) << i;
  }
  for (const auto& span : spans) {
    if (span.name != "leaf") continue;
    const auto* parent = by_id.at(span.parent_span_id.to_hex());
    EXPECT_EQ(parent->name, "inner");
    EXPECT_EQ(parent->attributes.at("coroutine.id"), span.attributes.at("coroutine.id"));
  }
}

template <typename Executor>
void spawn_all(Executor executor, std::vector<Observation>& seen, int count) {
  std::mt19937 random(42);
  std::uniform_int_distribution<int> delay(0, 2000);
  for (int i = 0; i < count; ++i) {
    const std::chrono::microseconds d1(delay(random)), d2(delay(random));
    StartOptions root;
    root.new_root = true;
    asio::co_spawn(executor, traced("request", body(i, d1, d2, seen[static_cast<std::size_t>(i)]), root),
                   asio::detached);
  }
}

class CoroutineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = testing::always_on_config();
    config.max_queue_size = 1 << 16;
    recorded_ = testing::start_recording(config);
  }
  void TearDown() override { shutdown(); }
  std::vector<testing::RecordedSpan> flushed() {
    EXPECT_TRUE(force_flush());
    std::lock_guard lock(recorded_->mutex);
    return recorded_->spans;
  }
  std::shared_ptr<testing::RecordingExporter::Shared> recorded_;
};

TEST_F(CoroutineTest, ThousandInterleavedCoroutinesOnOneThreadKeepTheirSpans) {
  constexpr int kCount = 1000;
  std::vector<Observation> seen(kCount);
  asio::io_context io;
  spawn_all(io.get_executor(), seen, kCount);
  io.run();
  EXPECT_EQ(get_current_span_id(), "");  // nothing leaks onto the thread
  check(seen, flushed(), kCount);
}

TEST_F(CoroutineTest, ThousandCoroutinesOnAFourThreadPoolKeepTheirSpans) {
  constexpr int kCount = 1000;
  std::vector<Observation> seen(kCount);
  asio::thread_pool pool(4);
  spawn_all(pool.get_executor(), seen, kCount);
  pool.join();
  check(seen, flushed(), kCount);
}

TEST_F(CoroutineTest, NestedTracedCallsFormAChain) {
  asio::io_context io;
  auto inner = []() -> asio::awaitable<int> {
    co_await pause(std::chrono::microseconds(100));
    co_return 7;
  };
  int result = 0;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        result = co_await traced("outer", traced("middle", inner()));
      },
      asio::detached);
  io.run();
  EXPECT_EQ(result, 7);
  const auto spans = flushed();
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].name, "middle");
  EXPECT_EQ(spans[1].name, "outer");
  EXPECT_EQ(spans[0].parent_span_id, spans[1].span_id);
}

TEST_F(CoroutineTest, ExceptionIsRecordedAndRethrown) {
  asio::io_context io;
  auto failing = []() -> asio::awaitable<void> {
    co_await pause(std::chrono::microseconds(10));
    throw std::runtime_error("ollama unavailable");
  };
  std::string caught;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        try {
          co_await traced("ai.generate", failing());
        } catch (const std::exception& e) {
          caught = e.what();
        }
      },
      asio::detached);
  io.run();
  EXPECT_EQ(caught, "ollama unavailable");
  const auto spans = flushed();
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].status, StatusCode::error);
  ASSERT_EQ(spans[0].events.size(), 1u);
  EXPECT_EQ(spans[0].events[0].attributes.at("exception.message"), "ollama unavailable");
}

TEST_F(CoroutineTest, InContextRunsUnderASpanTheCallerOwnsAndEnds) {
  asio::thread_pool pool(2);
  auto& tracer = get_tracer("coroutines");
  std::string seen_before, seen_after;
  std::promise<void> done;
  asio::co_spawn(
      pool,
      [&]() -> asio::awaitable<void> {
        StartOptions root;
        root.new_root = true;
        Span server = tracer.start_span("GET /api/rooms", root);
        const auto handler = [&]() -> asio::awaitable<int> {
          seen_before = get_current_span_id();
          co_await pause(std::chrono::microseconds(200));
          tracer.start_span("database.query.rooms");
          seen_after = get_current_span_id();
          co_return 200;
        };
        const int status = co_await in_context(server.as_context(), handler());
        server.set_attribute("http.status_code", status);
        EXPECT_EQ(seen_before, server.context().span_id.to_hex());
        server.end();
        done.set_value();
      },
      asio::detached);
  done.get_future().wait();
  pool.join();
  EXPECT_EQ(seen_after, seen_before);
  const auto spans = flushed();
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].name, "database.query.rooms");
  EXPECT_EQ(spans[0].parent_span_id, spans[1].span_id);
  EXPECT_EQ(spans[1].attributes.at("http.status_code"), "200");
}

}  // namespace
}  // namespace parley::tracing
