#include <gtest/gtest.h>

#include <unordered_map>

#include "parley/tracing/baggage.h"
#include "parley/tracing/propagation.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#include "support/recording_exporter.h"

namespace parley::tracing {
namespace {

class CompositeTest : public ::testing::Test {
 protected:
  void TearDown() override {
    configure_propagators({"tracecontext", "baggage"});
    shutdown();
  }
};

TEST_F(CompositeTest, InjectWritesEveryConfiguredFormat) {
  configure_propagators({"tracecontext", "baggage", "b3multi", "jaeger"});
  auto recorded = testing::start_recording(testing::always_on_config());
  configure_propagators({"tracecontext", "baggage", "b3multi", "jaeger"});
  HeaderMap headers;
  std::string trace_id;
  {
    auto span = get_tracer("inject").start_as_current_span("client");
    trace_id = span.context().trace_id.to_hex();
    inject_trace_context(headers);  // the seed's inject_trace_context(headers)
  }
  EXPECT_EQ(headers.at("traceparent").substr(3, 32), trace_id);
  EXPECT_EQ(headers.at("x-b3-traceid"), trace_id);
  EXPECT_EQ(headers.at("uber-trace-id").substr(0, 32), trace_id);
  EXPECT_EQ(headers.count("baggage"), 0u);  // no baggage, no header
}

TEST_F(CompositeTest, ExtractTakesTheFirstValidContextAndMergesBaggage) {
  configure_propagators({"tracecontext", "b3", "jaeger", "baggage"});
  const HeaderMap headers{{"traceparent", "garbage"},
                          {"X-B3-TraceId", "463ac35c9f6413ad48485a3953bb6124"},
                          {"X-B3-SpanId", "a2fb4a1d1a96d312"},
                          {"X-B3-Sampled", "1"},
                          {"uber-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1"},
                          {"uberctx-region", "eu"},
                          {"baggage", "user=alice"}};
  const Context context = extract_context(headers);
  ASSERT_TRUE(context.valid());
  EXPECT_EQ(context.span_context().trace_id.to_hex(), "463ac35c9f6413ad48485a3953bb6124");  // b3 came first
  EXPECT_EQ(context.baggage().get("region").value(), "eu");
  EXPECT_EQ(context.baggage().get("user").value(), "alice");
}

TEST_F(CompositeTest, SeedHandleMessageContinuesTheTraceFromMessageMetadata) {
  auto recorded = testing::start_recording(testing::always_on_config());
  // A chat message envelope's metadata: a flat JSON object of strings.
  const HeaderList metadata{{"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
                            {"tracestate", "congo=t61rcWkgMzE"}};
  {
    auto scope = extract_trace_context(HeaderListCarrier(metadata));  // with extract_trace_context(context):
    auto span = get_tracer("messages").start_as_current_span("process_message");
    EXPECT_EQ(span.context().trace_id.to_hex(), "4bf92f3577b34da6a3ce929d0e0e4736");
  }
  EXPECT_EQ(get_current_trace_id(), "");
  ASSERT_TRUE(force_flush());
  std::lock_guard lock(recorded->mutex);
  ASSERT_EQ(recorded->spans.size(), 1u);
  EXPECT_EQ(recorded->spans[0].parent_span_id.to_hex(), "00f067aa0ba902b7");
  EXPECT_TRUE(recorded->spans[0].parent_remote);
  EXPECT_EQ(recorded->spans[0].trace_state, "congo=t61rcWkgMzE");
}

TEST_F(CompositeTest, MalformedInputStartsANewTraceWithoutThrowing) {
  auto recorded = testing::start_recording(testing::always_on_config());
  const HeaderMap junk{{"traceparent", "00-zzzz"}, {"b3", "-"}, {"uber-trace-id", ":::"}, {"baggage", ",,=,;"}};
  {
    auto scope = extract_trace_context(junk);
    EXPECT_EQ(get_current_trace_id(), "");
    auto span = get_tracer("junk").start_span("new-root");
    EXPECT_TRUE(span.context().valid());
  }
  ASSERT_TRUE(force_flush());
  std::lock_guard lock(recorded->mutex);
  EXPECT_FALSE(recorded->spans[0].parent_span_id.valid());
}

TEST_F(CompositeTest, DuplicateAndUnknownNamesAddNothing) {
  configure_propagators({"b3", "tracecontext", "b3", "xray", "none"});
  EXPECT_EQ(global_propagator().fields(), (std::vector<std::string>{"b3", "traceparent", "tracestate"}));
  configure_propagators({"none"});
  EXPECT_TRUE(global_propagator().fields().empty());
}

TEST_F(CompositeTest, ADenyWithoutIdsIsMadeCurrentAndAJunkCarrierIsNot) {
  configure_propagators({"tracecontext", "b3"});
  {
    auto scope = extract_trace_context(HeaderMap{{"b3", "0"}});
    EXPECT_TRUE(Context::current().span_context().remote);
    EXPECT_FALSE(Context::current().valid());
  }
  EXPECT_FALSE(Context::current().span_context().remote);
}

TEST_F(CompositeTest, UnorderedMapCarrierIsCaseInsensitive) {
  std::unordered_map<std::string, std::string> headers{
      {"TraceParent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}};
  MapCarrier<std::unordered_map<std::string, std::string>> carrier(headers);
  EXPECT_TRUE(extract_context(carrier).valid());
}

TEST_F(CompositeTest, InitConfiguresTheGlobalPropagatorFromConfig) {
  auto config = testing::always_on_config();
  config.propagators = {"b3"};
  auto recorded = testing::start_recording(config);
  HeaderMap headers;
  {
    auto span = get_tracer("config").start_as_current_span("x");
    inject_trace_context(headers);
  }
  EXPECT_EQ(headers.count("b3"), 1u);
  EXPECT_EQ(headers.count("traceparent"), 0u);
  EXPECT_EQ(global_propagator().fields(), std::vector<std::string>{"b3"});
}

}  // namespace
}  // namespace parley::tracing
