#include <gtest/gtest.h>

#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#include "sampling/sampler.h"
#include "support/recording_exporter.h"

namespace parley::tracing {
namespace {

using detail::kMaxThreshold;
using detail::threshold_for_rate;
using detail::threshold_hex;

TEST(ProbabilitySampler, ThresholdMatchesTheSpecExample) {
  // p = 1% gives T = 0xfd70a400000000 and th:fd70a4.
  EXPECT_EQ(threshold_for_rate(0.01), 0xfd70a400000000ULL);
  EXPECT_EQ(threshold_hex(threshold_for_rate(0.01)), "fd70a4");
  EXPECT_EQ(threshold_for_rate(1.0), 0u);
  EXPECT_EQ(threshold_hex(0), "0");
  EXPECT_EQ(threshold_for_rate(0.0), kMaxThreshold);
  EXPECT_EQ(threshold_for_rate(0.5), 0x80000000000000ULL);
  EXPECT_EQ(threshold_hex(threshold_for_rate(0.5)), "8");
}

TEST(ProbabilitySampler, KeepsWhenRandomnessIsAtLeastTheThreshold) {
  detail::Sampler sampler;
  FinalConfig config;
  config.sample_rate = 0.5;
  sampler.configure(config);
  // R = the rightmost 56 bits of the trace id.
  EXPECT_TRUE(sampler.ratio_keeps(TraceId{0, 0x0080000000000000ULL}));
  EXPECT_FALSE(sampler.ratio_keeps(TraceId{0, 0x007fffffffffffffULL}));
  EXPECT_FALSE(sampler.ratio_keeps(TraceId{0xffffffffffffffffULL, 0xff00000000000000ULL}));  // high byte ignored
}

TEST(ProbabilitySampler, HigherRatesKeepASupersetOfLowerRates) {
  detail::Sampler low, high;
  FinalConfig config;
  config.sample_rate = 0.1;
  low.configure(config);
  config.sample_rate = 0.3;
  high.configure(config);
  for (std::uint64_t i = 0; i < 10000; ++i) {
    const TraceId id{i, i * 0x9e3779b97f4a7c15ULL};
    if (low.ratio_keeps(id)) {
      EXPECT_TRUE(high.ratio_keeps(id));
    }
  }
}

// A parent extracted from another process's headers.
SpanContext remote_parent() {
  SpanContext parent;
  parent.trace_id = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
  parent.span_id = SpanId::from_hex("00f067aa0ba902b7");
  parent.remote = true;
  return parent;
}

class SamplingTest : public ::testing::Test {
 protected:
  void TearDown() override { shutdown(); }
  std::vector<testing::RecordedSpan> flushed() {
    EXPECT_TRUE(force_flush());
    std::lock_guard lock(recorded_->mutex);
    return recorded_->spans;
  }
  FinalConfig ratio_config(double rate, bool conditional) {
    FinalConfig config;
    config.enabled = true;
    config.root_sampler = RootSampler::ratio;
    config.sample_rate = rate;
    config.sample_errors = conditional;
    config.slow_threshold = std::chrono::milliseconds(conditional ? 1000 : 0);
    config.batch_timeout = std::chrono::milliseconds(50);
    config.max_queue_size = 65536;
    return config;
  }
  Tracer& tracer_ = get_tracer("sampling");
  std::shared_ptr<testing::RecordingExporter::Shared> recorded_;
};

TEST_F(SamplingTest, RatioKeepsAboutTheConfiguredShareAndWritesTh) {
  recorded_ = testing::start_recording(ratio_config(0.25, false));
  constexpr int kRoots = 20000;
  for (int i = 0; i < kRoots; ++i) tracer_.start_span("root");
  const auto spans = flushed();
  // Binomial(20000, 0.25): sd ~61; the bounds are 8 sd wide.
  EXPECT_GT(spans.size(), 4500u);
  EXPECT_LT(spans.size(), 5500u);
  for (const auto& span : spans) {
    EXPECT_EQ(span.trace_state, "ot=th:c");
    EXPECT_EQ(span.flags & trace_flags::kSampled, trace_flags::kSampled);
    EXPECT_EQ(span.flags & trace_flags::kRandom, trace_flags::kRandom);
  }
}

TEST_F(SamplingTest, UnsampledSpansAreNonRecordingButCarryContext) {
  recorded_ = testing::start_recording(ratio_config(0.0, false));
  {
    auto span = tracer_.start_as_current_span("dropped");
    EXPECT_FALSE(span.is_recording());
    EXPECT_TRUE(span.context().valid());
    EXPECT_FALSE(span.context().sampled());
    EXPECT_FALSE(get_current_trace_id().empty());
    auto child = tracer_.start_span("child");
    EXPECT_FALSE(child.is_recording());
    EXPECT_EQ(child.context().trace_id, span.context().trace_id);
  }
  EXPECT_TRUE(flushed().empty());
}

TEST_F(SamplingTest, SetSampleRateAppliesToNewTraces) {
  recorded_ = testing::start_recording(ratio_config(0.0, false));
  tracer_.start_span("before");
  tracer_.set_sample_rate(1.0);
  EXPECT_DOUBLE_EQ(sample_rate(), 1.0);
  EXPECT_TRUE(should_sample_trace());
  tracer_.start_span("after");
  const auto spans = flushed();
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].name, "after");
  EXPECT_EQ(spans[0].trace_state, "ot=th:0");
  set_sample_rate(0.0);
  EXPECT_FALSE(should_sample_trace());
}

TEST_F(SamplingTest, ParentBasedFollowsTheRemoteSampledFlag) {
  recorded_ = testing::start_recording(ratio_config(0.0, false));
  SpanContext parent = remote_parent();
  parent.flags = trace_flags::kSampled;
  {
    ContextScope scope{Context(parent)};
    EXPECT_TRUE(tracer_.start_span("remote-sampled").is_recording());
  }
  parent.flags = 0;
  {
    ContextScope scope{Context(parent)};
    EXPECT_FALSE(tracer_.start_span("remote-unsampled").is_recording());
  }
  const auto spans = flushed();
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].name, "remote-sampled");
}

TEST_F(SamplingTest, DeferredRemoteParentKeepsItsTracestateBehindOurThreshold) {
  recorded_ = testing::start_recording(ratio_config(1.0, false));
  SpanContext parent = remote_parent();
  parent.deferred = true;  // B3 ids without a decision: this process decides
  parent.trace_state = "congo=t61rcWkgMzE,ot=rv:ab;th:8,rojo=00f067aa0ba902b7";
  {
    ContextScope scope{Context(parent)};
    auto span = tracer_.start_span("deferred");
    ASSERT_TRUE(span.is_recording());
    // Ours moves to the front with the new threshold; the old `th` goes,
    // `rv` stays, the vendors' members keep their order, nothing repeats.
    EXPECT_EQ(span.context().trace_state, "ot=th:0;rv:ab,congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
  }
  const auto spans = flushed();
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].trace_state, "ot=th:0;rv:ab,congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
}

TEST_F(SamplingTest, RemoteSampledParentTracestateIsPassedOnUnchanged) {
  recorded_ = testing::start_recording(ratio_config(0.0, false));
  SpanContext parent = remote_parent();
  parent.flags = trace_flags::kSampled;
  parent.trace_state = "congo=t61rcWkgMzE";
  ContextScope scope{Context(parent)};
  auto span = tracer_.start_span("child");
  EXPECT_EQ(span.context().trace_state, "congo=t61rcWkgMzE");
}

TEST_F(SamplingTest, RemoteDecisionWithoutIdsIsHonoured) {
  // Rate 1: a new root would be sampled; `b3: 0` must still drop it.
  recorded_ = testing::start_recording(ratio_config(1.0, false));
  SpanContext deny;
  deny.remote = true;  // no ids, not deferred: a decision only
  {
    ContextScope scope{Context(deny)};
    auto span = tracer_.start_span("denied");
    EXPECT_FALSE(span.is_recording());
    EXPECT_TRUE(span.context().valid());  // a fresh trace id all the same
    EXPECT_FALSE(span.context().sampled());
  }
  set_sample_rate(0.0);
  SpanContext accept;
  accept.remote = true;
  accept.flags = trace_flags::kSampled;
  {
    ContextScope scope{Context(accept)};
    auto span = tracer_.start_span("accepted");
    EXPECT_TRUE(span.is_recording());
    EXPECT_TRUE(span.context().sampled());
  }
  SpanContext debug;
  debug.remote = true;
  debug.debug = true;
  {
    ContextScope scope{Context(debug)};
    auto span = tracer_.start_span("debug");
    EXPECT_TRUE(span.is_recording());
    EXPECT_TRUE(span.context().debug);
  }
  // A plain invalid, local context is no decision: the rate (0) applies.
  {
    ContextScope scope{Context(SpanContext{})};
    EXPECT_FALSE(tracer_.start_span("root").is_recording());
  }
  const auto spans = flushed();
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].name, "accepted");
  EXPECT_EQ(spans[1].name, "debug");
  EXPECT_FALSE(spans[0].parent_span_id.valid());
}

TEST_F(SamplingTest, ConditionalKeepsAWholeTraceWhoseRootFails) {
  recorded_ = testing::start_recording(ratio_config(0.0, true));
  const auto unsampled_before = stats().spans_unsampled;
  {
    auto root = tracer_.start_as_current_span("POST /api/messages");
    EXPECT_TRUE(root.is_recording());
    EXPECT_FALSE(root.context().sampled());
    { auto child = tracer_.start_span("database.query.messages"); }
    root.set_attribute("http.status_code", 503);
  }
  {
    auto fine = tracer_.start_as_current_span("GET /healthz");
    auto child = tracer_.start_span("cheap");
  }
  const auto spans = flushed();
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].name, "database.query.messages");
  EXPECT_EQ(spans[1].name, "POST /api/messages");
  EXPECT_EQ(spans[0].parent_span_id, spans[1].span_id);
  EXPECT_EQ(stats().spans_unsampled - unsampled_before, 2u);
}

TEST_F(SamplingTest, ConditionalKeepsErrorStatusFromAnySpanOfTheTrace) {
  recorded_ = testing::start_recording(ratio_config(0.0, true));
  {
    auto root = tracer_.start_as_current_span("root");
    auto child = tracer_.start_span("failing-child");
    child.set_status(StatusCode::error, "boom");
  }
  EXPECT_EQ(flushed().size(), 2u);
}

TEST_F(SamplingTest, ConditionalKeepsSlowTraces) {
  recorded_ = testing::start_recording(ratio_config(0.0, true));
  {
    StartOptions options;
    options.start_time = std::chrono::system_clock::now() - std::chrono::seconds(2);
    auto slow = tracer_.start_as_current_span("slow", options);
  }
  {
    auto fast = tracer_.start_as_current_span("fast");
  }
  const auto spans = flushed();
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].name, "slow");
}

TEST_F(SamplingTest, ChildrenEndingAfterTheDecisionFollowIt) {
  recorded_ = testing::start_recording(ratio_config(0.0, true));
  Span late_child;
  {
    auto root = tracer_.start_as_current_span("root");
    late_child = tracer_.start_span("late");
    root.set_status(StatusCode::error, "failed");
  }
  late_child.end();
  EXPECT_EQ(flushed().size(), 2u);
}

TEST_F(SamplingTest, PendingSpansAreBoundedAndCounted) {
  auto config = ratio_config(0.0, true);
  config.max_pending_spans = 5;
  recorded_ = testing::start_recording(config);
  const auto dropped_before = stats().dropped_pending_limit;
  {
    auto root = tracer_.start_as_current_span("root");
    for (int i = 0; i < 12; ++i) tracer_.start_span("child");
    root.set_status(StatusCode::error, "keep");
  }
  const auto spans = flushed();
  EXPECT_EQ(spans.size(), 6u);  // 5 held children + the root
  EXPECT_EQ(stats().dropped_pending_limit - dropped_before, 7u);
}

}  // namespace
}  // namespace parley::tracing
