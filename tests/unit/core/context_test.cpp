#include <gtest/gtest.h>

#include <thread>

#include "parley/tracing/baggage.h"

#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#include "support/recording_exporter.h"

namespace parley::tracing {
namespace {

TEST(Context, CurrentIsEmptyWithoutSpans) {
  EXPECT_FALSE(Context::current().valid());
  EXPECT_EQ(get_current_trace_id(), "");
  EXPECT_EQ(get_current_span_id(), "");
}

TEST(Context, ScopeMakesARemoteContextCurrentAndRestores) {
  SpanContext remote;
  remote.trace_id = TraceId::from_hex("0af7651916cd43dd8448eb211c80319c");
  remote.span_id = SpanId::from_hex("b7ad6b7169203331");
  remote.remote = true;
  {
    ContextScope scope(Context{remote});
    EXPECT_EQ(get_current_trace_id(), "0af7651916cd43dd8448eb211c80319c");
    EXPECT_EQ(get_current_span_id(), "b7ad6b7169203331");
    {
      ContextScope moved = std::move(scope);
      EXPECT_EQ(get_current_span_id(), "b7ad6b7169203331");
    }
    EXPECT_EQ(get_current_span_id(), "");
  }
  EXPECT_EQ(get_current_span_id(), "");
}

TEST(Context, ExplicitContextCarriesTheParentAcrossThreads) {
  auto recorded = testing::start_recording(testing::always_on_config());
  auto& tracer = get_tracer("threads");
  SpanId parent_id;
  {
    auto parent = tracer.start_as_current_span("parent");
    parent_id = parent.context().span_id;
    const Context context = Context::current();
    std::thread worker([&tracer, context] {
      EXPECT_FALSE(Context::current().valid());  // the thread-local does not travel
      StartOptions options;
      options.parent = &context;
      auto child = tracer.start_span("child", options);
    });
    worker.join();
  }
  ASSERT_TRUE(force_flush());
  shutdown();
  std::lock_guard lock(recorded->mutex);
  ASSERT_EQ(recorded->spans.size(), 2u);
  const auto& child = recorded->spans[0].name == "child" ? recorded->spans[0] : recorded->spans[1];
  EXPECT_EQ(child.parent_span_id, parent_id);
}

TEST(Context, OutOfOrderEndKeepsTheStackConsistent) {
  auto recorded = testing::start_recording(testing::always_on_config());
  auto& tracer = get_tracer("order");
  {
    auto a = tracer.start_as_current_span("a");
    auto b = tracer.start_as_current_span("b");
    auto c = tracer.start_as_current_span("c");
    b.end();  // not the innermost
    EXPECT_EQ(get_current_span_id(), c.context().span_id.to_hex());
    c.end();
    EXPECT_EQ(get_current_span_id(), a.context().span_id.to_hex());
  }
  EXPECT_EQ(get_current_span_id(), "");
  shutdown();
}

}  // namespace
}  // namespace parley::tracing

namespace parley::tracing {
namespace {

TEST(Baggage, IsImmutableAndTheNewestValueWins) {
  const Baggage empty;
  const Baggage one = empty.set("user.id", "alice");
  const Baggage two = one.set("user.id", "bob", "ttl=60");
  EXPECT_FALSE(empty.get("user.id").has_value());
  EXPECT_EQ(one.get("user.id").value(), "alice");
  EXPECT_EQ(two.get("user.id").value(), "bob");
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two.entries()[0].metadata, "ttl=60");
  EXPECT_TRUE(two.remove("user.id").empty());
}

TEST(Baggage, TravelsWithTheContextToChildSpans) {
  auto recorded = testing::start_recording(testing::always_on_config());
  SpanContext remote;
  remote.trace_id = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
  remote.span_id = SpanId::from_hex("00f067aa0ba902b7");
  remote.remote = true;
  remote.flags = trace_flags::kSampled;
  const auto baggage = std::make_shared<const Baggage>(Baggage().set("tenant", "acme"));
  {
    ContextScope scope(Context(remote).with_baggage(baggage));
    auto span = get_tracer("baggage").start_as_current_span("server");
    EXPECT_EQ(Context::current().baggage().get("tenant").value(), "acme");
    auto child = get_tracer("baggage").start_span("child");
    EXPECT_EQ(child.as_context().baggage().get("tenant").value(), "acme");
  }
  EXPECT_TRUE(Context::current().baggage().empty());
  shutdown();
}

}  // namespace
}  // namespace parley::tracing
