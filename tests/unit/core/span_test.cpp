#include <gtest/gtest.h>

#include <stdexcept>

#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#include "support/recording_exporter.h"

namespace parley::tracing {
namespace {

using testing::RecordedSpan;

class SpanTest : public ::testing::Test {
 protected:
  void SetUp() override { recorded_ = testing::start_recording(testing::always_on_config()); }
  void TearDown() override { shutdown(); }

  std::vector<RecordedSpan> flush() {
    EXPECT_TRUE(force_flush());
    std::lock_guard lock(recorded_->mutex);
    return recorded_->spans;
  }
  const RecordedSpan* find(const std::vector<RecordedSpan>& spans, std::string_view name) {
    for (const auto& span : spans) {
      if (span.name == name) return &span;
    }
    return nullptr;
  }

  Tracer& tracer_ = get_tracer("test.spans", "1.2.3");
  std::shared_ptr<testing::RecordingExporter::Shared> recorded_;
};

TEST_F(SpanTest, RecordsAttributesOfEveryType) {
  {
    auto span = tracer_.start_span("attributes");
    EXPECT_TRUE(span.is_recording());
    span.set_attribute("text", "hello");
    span.set_attribute("string", std::string("owned"));
    span.set_attribute("flag", true);
    span.set_attribute("count", 42);
    span.set_attribute("ratio", 0.5);
    span.set_attribute("names", {std::string_view("a"), std::string_view("b")});
    span.set_attribute("numbers", {std::int64_t{1}, std::int64_t{2}});
    span.set_attribute("doubles", {1.5, 2.5});
    span.set_attribute("flags", {true, false});
    span.set_attribute("count", 43);  // replaces
  }
  const auto spans = flush();
  ASSERT_EQ(spans.size(), 1u);
  const auto& a = spans[0].attributes;
  EXPECT_EQ(a.at("text"), "hello");
  EXPECT_EQ(a.at("string"), "owned");
  EXPECT_EQ(a.at("flag"), "true");
  EXPECT_EQ(a.at("count"), "43");
  EXPECT_EQ(a.at("ratio"), "0.5");
  EXPECT_EQ(a.at("names"), "[\"a\",\"b\"]");
  EXPECT_EQ(a.at("numbers"), "[1,2]");
  EXPECT_EQ(a.at("doubles"), "[1.5,2.5]");
  EXPECT_EQ(a.at("flags"), "[true,false]");
  EXPECT_EQ(spans[0].attribute_types.at("count"), ValueType::int64);
  EXPECT_EQ(spans[0].attribute_types.at("doubles"), ValueType::double_array);
  EXPECT_EQ(spans[0].scope, "test.spans");
}

TEST_F(SpanTest, CopiesStringsSoTemporariesAreSafe) {
  {
    auto span = tracer_.start_span("copies");
    std::string key = "temporary.key";
    std::string value(100, 'x');
    span.set_attribute(key, value);
    key.assign("overwritten!!");
    value.assign(100, 'y');
  }
  const auto spans = flush();
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].attributes.at("temporary.key"), std::string(100, 'x'));
}

TEST_F(SpanTest, EventsCarryAttributesAndTimes) {
  {
    auto span = tracer_.start_span("database_query");
    span.add_event("query_completed", {{"rows_returned", 3}, {"table", "messages"}});
    span.add_event("plain");
  }
  const auto spans = flush();
  ASSERT_EQ(spans.size(), 1u);
  ASSERT_EQ(spans[0].events.size(), 2u);
  EXPECT_EQ(spans[0].events[0].name, "query_completed");
  EXPECT_EQ(spans[0].events[0].attributes.at("rows_returned"), "3");
  EXPECT_EQ(spans[0].events[0].attributes.at("table"), "messages");
  EXPECT_EQ(spans[0].events[1].name, "plain");
  EXPECT_LE(spans[0].start_ns, spans[0].end_ns);
}

TEST_F(SpanTest, StatusFollowsOkErrorUnsetPrecedence) {
  {
    auto error_then_ok = tracer_.start_span("a");
    error_then_ok.set_status(StatusCode::error, "boom");
    error_then_ok.set_status(StatusCode::ok, "ignored description");
    auto ok_then_error = tracer_.start_span("b");
    ok_then_error.set_status(StatusCode::ok);
    ok_then_error.set_status(StatusCode::error, "too late");
    auto unset_keeps_error = tracer_.start_span("c");
    unset_keeps_error.set_status(StatusCode::error, "kept");
    unset_keeps_error.set_status(StatusCode::unset);
  }
  const auto spans = flush();
  EXPECT_EQ(find(spans, "a")->status, StatusCode::ok);
  EXPECT_EQ(find(spans, "a")->status_message, "");
  EXPECT_EQ(find(spans, "b")->status, StatusCode::ok);
  EXPECT_EQ(find(spans, "c")->status, StatusCode::error);
  EXPECT_EQ(find(spans, "c")->status_message, "kept");
}

TEST_F(SpanTest, RecordExceptionAddsEventAndErrorStatus) {
  {
    auto span = tracer_.start_span("failing");
    try {
      throw std::runtime_error("disk full");
    } catch (const std::exception& e) {
      span.record_exception(e);
    }
  }
  const auto spans = flush();
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].status, StatusCode::error);
  EXPECT_EQ(spans[0].status_message, "disk full");
  ASSERT_EQ(spans[0].events.size(), 1u);
  EXPECT_EQ(spans[0].events[0].name, "exception");
  EXPECT_EQ(spans[0].events[0].attributes.at("exception.type"), "std::runtime_error");
  EXPECT_EQ(spans[0].events[0].attributes.at("exception.message"), "disk full");
}

TEST_F(SpanTest, CurrentSpanBecomesParentAndIsRestored) {
  std::string outer_trace;
  {
    auto outer = tracer_.start_as_current_span("outer");
    outer_trace = get_current_trace_id();
    EXPECT_EQ(get_current_span_id(), outer.context().span_id.to_hex());
    {
      auto inner = tracer_.start_as_current_span("inner");
      EXPECT_EQ(get_current_span_id(), inner.context().span_id.to_hex());
      auto sibling_of_nothing = tracer_.start_span("leaf");  // child of inner, not current
      EXPECT_EQ(get_current_span_id(), inner.context().span_id.to_hex());
    }
    EXPECT_EQ(get_current_span_id(), outer.context().span_id.to_hex());
  }
  EXPECT_EQ(get_current_trace_id(), "");
  const auto spans = flush();
  ASSERT_EQ(spans.size(), 3u);
  const auto* outer = find(spans, "outer");
  const auto* inner = find(spans, "inner");
  const auto* leaf = find(spans, "leaf");
  EXPECT_EQ(outer->trace_id.to_hex(), outer_trace);
  EXPECT_FALSE(outer->parent_span_id.valid());
  EXPECT_EQ(inner->parent_span_id, outer->span_id);
  EXPECT_EQ(leaf->parent_span_id, inner->span_id);
  EXPECT_EQ(leaf->trace_id, outer->trace_id);
}

TEST_F(SpanTest, ExplicitParentAndNewRootOverrideTheCurrentSpan) {
  {
    auto a = tracer_.start_span("a");
    auto current = tracer_.start_as_current_span("current");
    StartOptions explicit_parent;
    explicit_parent.parent = &a.as_context();
    auto child = tracer_.start_span("child-of-a", explicit_parent);
    StartOptions root;
    root.new_root = true;
    auto fresh = tracer_.start_span("fresh", root);
    EXPECT_NE(fresh.context().trace_id, current.context().trace_id);
  }
  const auto spans = flush();
  EXPECT_EQ(find(spans, "child-of-a")->parent_span_id, find(spans, "a")->span_id);
  EXPECT_FALSE(find(spans, "fresh")->parent_span_id.valid());
}

TEST_F(SpanTest, RemoteParentIsContinuedWithItsTraceState) {
  SpanContext remote;
  remote.trace_id = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
  remote.span_id = SpanId::from_hex("00f067aa0ba902b7");
  remote.flags = trace_flags::kSampled;
  remote.remote = true;
  remote.trace_state = "congo=t61rcWkgMzE";
  {
    auto scope = Context(remote).attach();
    StartOptions options;
    options.kind = SpanKind::server;
    auto server = tracer_.start_span("GET /", options);
    EXPECT_TRUE(server.context().sampled());
  }
  const auto spans = flush();
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].trace_id, remote.trace_id);
  EXPECT_EQ(spans[0].parent_span_id, remote.span_id);
  EXPECT_TRUE(spans[0].parent_remote);
  EXPECT_EQ(spans[0].trace_state, "congo=t61rcWkgMzE");
  EXPECT_EQ(spans[0].kind, SpanKind::server);
  EXPECT_NE(spans[0].span_id, remote.span_id);
}

TEST_F(SpanTest, LinksAreRecorded) {
  SpanContext other;
  other.trace_id = TraceId::from_hex("0af7651916cd43dd8448eb211c80319c");
  other.span_id = SpanId::from_hex("b7ad6b7169203331");
  {
    auto span = tracer_.start_span("linked");
    span.add_link(other, {});
  }
  const auto spans = flush();
  ASSERT_EQ(spans[0].links.size(), 1u);
  EXPECT_EQ(spans[0].links[0].span_id, other.span_id);
}

TEST_F(SpanTest, AttributeAndEventLimitsDropAndCount) {
  shutdown();
  auto config = testing::always_on_config();
  config.limits.attribute_count = 2;
  config.limits.event_count = 1;
  config.limits.attribute_value_length = 4;
  recorded_ = testing::start_recording(config);
  {
    auto span = tracer_.start_span("limited");
    span.set_attribute("a", "123456");
    span.set_attribute("b", 2);
    span.set_attribute("c", 3);
    span.add_event("one");
    span.add_event("two");
  }
  const auto spans = flush();
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].attributes.size(), 2u);
  EXPECT_EQ(spans[0].attributes.at("a"), "1234");
  EXPECT_EQ(spans[0].dropped_attributes, 1u);
  EXPECT_EQ(spans[0].events.size(), 1u);
  EXPECT_EQ(spans[0].dropped_events, 1u);
}

TEST_F(SpanTest, MovedSpanStaysCurrentAndEndsOnce) {
  Span moved;
  {
    auto span = tracer_.start_as_current_span("moved");
    moved = std::move(span);
    EXPECT_EQ(get_current_span_id(), moved.context().span_id.to_hex());
  }
  EXPECT_TRUE(moved.is_recording());
  moved.end();
  moved.end();
  EXPECT_FALSE(moved.is_recording());
  EXPECT_EQ(get_current_trace_id(), "");
  EXPECT_EQ(flush().size(), 1u);
}

TEST_F(SpanTest, TraceFunctionMacroTracesTheEnclosingScope) {
  std::string inside;
  [&] {
    PARLEY_TRACE_FUNCTION("process_message");
    inside = get_current_span_id();
  }();
  const auto spans = flush();
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].name, "process_message");
  EXPECT_EQ(spans[0].span_id.to_hex(), inside);
}

TEST(DisabledTracing, SpansAreNonRecordingNoOps) {
  shutdown();
  auto span = get_tracer("off").start_as_current_span("nothing");
  EXPECT_FALSE(span.is_recording());
  EXPECT_FALSE(span.context().valid());
  span.set_attribute("k", "v");
  span.add_event("e");
  span.record_exception("type", "message");
  EXPECT_EQ(get_current_trace_id(), "");
  EXPECT_TRUE(force_flush());
}

TEST(DisabledTracing, ConfigWithEnabledFalseStaysOff) {
  FinalConfig config;
  config.enabled = false;
  EXPECT_FALSE(init(config));
  EXPECT_FALSE(is_enabled());
  EXPECT_FALSE(get_tracer("off").start_span("x").is_recording());
}

TEST(DisabledTracing, TracerIsUsableAfterShutdown) {
  auto recorded = testing::start_recording(testing::always_on_config());
  auto span = get_tracer("late").start_span("outlives-shutdown");
  EXPECT_TRUE(shutdown());
  span.set_attribute("k", 1);
  span.end();  // no crash; counted as dropped at shutdown
  EXPECT_FALSE(get_tracer("late").start_span("after").is_recording());
  EXPECT_GE(stats().dropped_shutdown, 1u);
}

}  // namespace
}  // namespace parley::tracing
