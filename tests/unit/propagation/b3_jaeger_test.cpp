#include <gtest/gtest.h>

#include "parley/tracing/baggage.h"
#include "parley/tracing/propagation.h"
#include "parley/tracing/tracer.h"
#include "propagation/b3/b3_propagator.h"
#include "propagation/jaeger/jaeger_propagator.h"
#include "support/recording_exporter.h"

namespace parley::tracing {
namespace {

Context extract_with(const Propagator& propagator, const HeaderList& headers) {
  return propagator.extract(HeaderListCarrier(headers), Context());
}

const detail::B3Propagator kB3Single(detail::B3Format::single);
const detail::B3Propagator kB3Multi(detail::B3Format::multi);
const detail::JaegerPropagator kJaeger;

TEST(B3Propagator, SingleHeaderWithParentEqualsMulti) {
  const auto single = extract_with(kB3Single, {{"b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90"}});
  const auto multi = extract_with(kB3Multi, {{"X-B3-TraceId", "80f198ee56343ba864fe8b2a57d3eff7"},
                                             {"X-B3-ParentSpanId", "05e3ac9a4f6e3b90"},
                                             {"X-B3-SpanId", "e457b5a2e4d86bd1"},
                                             {"X-B3-Sampled", "1"}});
  for (const auto* context : {&single, &multi}) {
    ASSERT_TRUE(context->valid());
    EXPECT_EQ(context->span_context().trace_id.to_hex(), "80f198ee56343ba864fe8b2a57d3eff7");
    EXPECT_EQ(context->span_context().span_id.to_hex(), "e457b5a2e4d86bd1");
    EXPECT_TRUE(context->span_context().sampled());
    EXPECT_TRUE(context->span_context().remote);
  }
}

TEST(B3Propagator, SamplingStatesDebugAndDeferred) {
  EXPECT_TRUE(extract_with(kB3Single, {{"b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1"}}).span_context().sampled());
  const auto deferred = extract_with(kB3Single, {{"b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1"}});
  ASSERT_TRUE(deferred.valid());
  EXPECT_TRUE(deferred.span_context().deferred);
  const auto debug = extract_with(kB3Single, {{"b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-d-05e3ac9a4f6e3b90"}});
  EXPECT_TRUE(debug.span_context().debug);
  EXPECT_TRUE(debug.span_context().sampled());
  const auto deny = extract_with(kB3Single, {{"b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-0"}});
  EXPECT_TRUE(deny.valid());
  EXPECT_FALSE(deny.span_context().sampled());
  for (const char* decision_only : {"0", "1", "d"}) {
    EXPECT_FALSE(extract_with(kB3Single, {{"b3", decision_only}}).valid()) << decision_only;
  }
  const auto multi_debug = extract_with(kB3Multi, {{"x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124"},
                                                   {"x-b3-spanid", "a2fb4a1d1a96d312"},
                                                   {"x-b3-flags", "1"}});
  EXPECT_TRUE(multi_debug.span_context().debug);
  EXPECT_TRUE(multi_debug.span_context().sampled());
  EXPECT_TRUE(extract_with(kB3Multi, {{"x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124"},
                                      {"x-b3-spanid", "a2fb4a1d1a96d312"},
                                      {"x-b3-sampled", "true"}})
                  .span_context()
                  .sampled());
}

TEST(B3Propagator, DecisionOnlyHeadersCarryTheDecisionWithoutIds) {
  const auto deny = extract_with(kB3Single, {{"b3", "0"}}).span_context();
  EXPECT_FALSE(deny.valid());
  EXPECT_TRUE(deny.remote);
  EXPECT_FALSE(deny.deferred);
  EXPECT_FALSE(deny.sampled());
  const auto debug = extract_with(kB3Single, {{"b3", "d"}}).span_context();
  EXPECT_TRUE(debug.debug && debug.sampled() && !debug.deferred);
  const auto health_check = extract_with(kB3Multi, {{"X-B3-Sampled", "0"}}).span_context();
  EXPECT_TRUE(health_check.remote && !health_check.deferred && !health_check.sampled());
  EXPECT_FALSE(extract_with(kB3Multi, {{"X-B3-Sampled", ""}}).span_context().remote);  // malformed: nothing
  // Passed on as such.
  HeaderMap single, multi;
  MapCarrier<HeaderMap> single_carrier(single), multi_carrier(multi);
  kB3Single.inject(Context(deny), single_carrier);
  kB3Multi.inject(Context(deny), multi_carrier);
  EXPECT_EQ(single, (HeaderMap{{"b3", "0"}}));
  EXPECT_EQ(multi, (HeaderMap{{"x-b3-sampled", "0"}}));
  // An empty context writes nothing.
  HeaderMap none;
  MapCarrier<HeaderMap> none_carrier(none);
  kB3Single.inject(Context(), none_carrier);
  EXPECT_TRUE(none.empty());
}

TEST(B3Propagator, ADecisionOnlyHeaderDecidesTheNewTrace) {
  FinalConfig config;
  config.root_sampler = RootSampler::ratio;
  config.sample_rate = 1.0;  // every new root would be kept
  config.sample_errors = false;
  config.slow_threshold = std::chrono::milliseconds(0);
  auto recorded = testing::start_recording(config);
  Tracer& tracer = get_tracer("b3-decision");
  {
    ContextScope scope{extract_with(kB3Single, {{"b3", "0"}})};
    auto span = tracer.start_span("health-check");
    EXPECT_FALSE(span.is_recording());
    // The decision travels on with the new trace's ids.
    HeaderMap out;
    MapCarrier<HeaderMap> carrier(out);
    kB3Single.inject(span.as_context(), carrier);
    ASSERT_EQ(out.count("b3"), 1u);
    EXPECT_TRUE(out.at("b3").ends_with("-0")) << out.at("b3");
  }
  set_sample_rate(0.0);
  {
    ContextScope scope{extract_with(kB3Multi, {{"X-B3-Sampled", "1"}})};
    EXPECT_TRUE(tracer.start_span("accepted").is_recording());
  }
  EXPECT_TRUE(force_flush());
  {
    std::lock_guard lock(recorded->mutex);
    ASSERT_EQ(recorded->spans.size(), 1u);
    EXPECT_EQ(recorded->spans[0].name, "accepted");
  }
  shutdown();
}

TEST(B3Propagator, DeferredDecisionIsPassedOnAsDeferred) {
  const auto deferred = extract_with(kB3Single, {{"b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1"}});
  HeaderMap single, multi;
  MapCarrier<HeaderMap> single_carrier(single), multi_carrier(multi);
  kB3Single.inject(deferred, single_carrier);
  kB3Multi.inject(deferred, multi_carrier);
  EXPECT_EQ(single.at("b3"), "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1");
  EXPECT_EQ(multi.count("x-b3-sampled"), 0u);
  EXPECT_EQ(multi.count("x-b3-flags"), 0u);
}

TEST(B3Propagator, SingleHeaderWinsAndAMalformedOneFallsBackToMulti) {
  const HeaderList both{{"b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1"},
                        {"x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124"},
                        {"x-b3-spanid", "a2fb4a1d1a96d312"}};
  EXPECT_EQ(extract_with(kB3Multi, both).span_context().trace_id.to_hex(), "80f198ee56343ba864fe8b2a57d3eff7");
  const HeaderList bad_single{{"b3", "80F198EE56343BA864FE8B2A57D3EFF7-e457b5a2e4d86bd1-1"},
                              {"x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124"},
                              {"x-b3-spanid", "a2fb4a1d1a96d312"}};
  EXPECT_EQ(extract_with(kB3Single, bad_single).span_context().trace_id.to_hex(), "463ac35c9f6413ad48485a3953bb6124");
  for (const char* bad : {"80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90-x",
                          "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-2", "80f198ee56343ba864fe8b2a57d3eff7",
                          "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-", "-", ""}) {
    EXPECT_FALSE(extract_with(kB3Single, {{"b3", bad}}).valid()) << bad;
  }
}

TEST(B3Propagator, SixtyFourBitTraceIdsAreLeftPadded) {
  const auto context = extract_with(kB3Multi, {{"X-B3-TraceId", "a3ce929d0e0e4736"}, {"X-B3-SpanId", "a2fb4a1d1a96d312"}});
  ASSERT_TRUE(context.valid());
  EXPECT_EQ(context.span_context().trace_id.to_hex(), "0000000000000000a3ce929d0e0e4736");
}

TEST(B3Propagator, MalformedHeadersGiveNoContext) {
  EXPECT_FALSE(extract_with(kB3Multi, {{"x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124"},
                                       {"x-b3-spanid", "a2fb4a1d1a96d312"},
                                       {"x-b3-sampled", ""}})
                   .valid());
  EXPECT_FALSE(extract_with(kB3Multi, {{"x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124"},
                                       {"x-b3-spanid", "a2fb4a1d1a96d312"},
                                       {"x-b3-parentspanid", "-"}})
                   .valid());
  for (const char* bad : {"80f198ee56343ba864fe8b2a57d3eff7", "80F198EE56343BA864FE8B2A57D3EFF7-e457b5a2e4d86bd1",
                          "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-x",
                          "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90-extra",
                          "00000000000000000000000000000000-e457b5a2e4d86bd1-1", "-", ""}) {
    EXPECT_FALSE(extract_with(kB3Single, {{"b3", bad}}).valid()) << bad;
  }
}

TEST(B3Propagator, InjectsSingleOrMultiWithoutParent) {
  SpanContext span;
  span.trace_id = TraceId::from_hex("80f198ee56343ba864fe8b2a57d3eff7");
  span.span_id = SpanId::from_hex("e457b5a2e4d86bd1");
  span.flags = trace_flags::kSampled;
  HeaderMap single;
  MapCarrier<HeaderMap> single_carrier(single);
  kB3Single.inject(Context(span), single_carrier);
  EXPECT_EQ(single, (HeaderMap{{"b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1"}}));
  span.debug = true;
  HeaderMap multi;
  MapCarrier<HeaderMap> multi_carrier(multi);
  kB3Multi.inject(Context(span), multi_carrier);
  EXPECT_EQ(multi, (HeaderMap{{"x-b3-traceid", "80f198ee56343ba864fe8b2a57d3eff7"},
                              {"x-b3-spanid", "e457b5a2e4d86bd1"},
                              {"x-b3-flags", "1"}}));  // no x-b3-sampled with debug
}

TEST(JaegerPropagator, ParsesFullShortAndEncodedIds) {
  const auto full = extract_with(kJaeger, {{"uber-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1"}});
  ASSERT_TRUE(full.valid());
  EXPECT_TRUE(full.span_context().sampled());
  const auto short_ids = extract_with(kJaeger, {{"Uber-Trace-Id", "a3ce929d0e0e4736:f067aa0ba902b7:0:01"}});
  ASSERT_TRUE(short_ids.valid());
  EXPECT_EQ(short_ids.span_context().trace_id.to_hex(), "0000000000000000a3ce929d0e0e4736");
  EXPECT_EQ(short_ids.span_context().span_id.to_hex(), "00f067aa0ba902b7");
  const auto debug = extract_with(kJaeger, {{"uber-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:3"}});
  EXPECT_TRUE(debug.span_context().debug);
  EXPECT_FALSE(
      extract_with(kJaeger, {{"uber-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:0"}}).span_context().sampled());
  EXPECT_TRUE(extract_with(kJaeger, {{"uber-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736%3A00f067aa0ba902b7%3A0%3A1"}}).valid());
}

TEST(JaegerPropagator, RejectsZeroIdsAndWrongFieldCounts) {
  for (const char* bad : {"0:00f067aa0ba902b7:0:1", "4bf92f3577b34da6a3ce929d0e0e4736:0:0:1",
                          "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:1",
                          "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1:9", "zz:00f067aa0ba902b7:0:1",
                          "14bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "%zz", ""}) {
    EXPECT_FALSE(extract_with(kJaeger, {{"uber-trace-id", bad}}).valid()) << bad;
  }
}

TEST(JaegerPropagator, ReadsJaegerBaggageHeaderAndSkipsInvalidKeysOnInject) {
  const auto context = extract_with(kJaeger, {{"jaeger-baggage", "k1=v1, k2 = v2,junk"}});
  EXPECT_EQ(context.baggage().get("k1").value(), "v1");
  EXPECT_EQ(context.baggage().get("k2").value(), "v2");
  EXPECT_EQ(context.baggage().size(), 2u);
  HeaderMap headers;
  MapCarrier<HeaderMap> carrier(headers);
  kJaeger.inject(Context().with_baggage(std::make_shared<const Baggage>(Baggage().set("bad key", "x").set("ok", "y"))),
                 carrier);
  EXPECT_EQ(headers, (HeaderMap{{"uberctx-ok", "y"}}));
}

TEST(JaegerPropagator, BaggageTravelsInUberctxHeaders) {
  const auto context = extract_with(kJaeger, {{"uberctx-key1", "value%201%20%2F%20blah"}, {"UBERCTX-Tenant", "acme"}});
  EXPECT_EQ(context.baggage().get("key1").value(), "value 1 / blah");
  EXPECT_EQ(context.baggage().get("tenant").value(), "acme");
  SpanContext span;
  span.trace_id = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
  span.span_id = SpanId::from_hex("00f067aa0ba902b7");
  span.flags = trace_flags::kSampled;
  HeaderMap headers;
  MapCarrier<HeaderMap> carrier(headers);
  kJaeger.inject(Context(span).with_baggage(std::make_shared<const Baggage>(Baggage().set("key1", "value 1"))), carrier);
  EXPECT_EQ(headers["uber-trace-id"], "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:01");
  EXPECT_EQ(headers["uberctx-key1"], "value%201");
}

}  // namespace
}  // namespace parley::tracing
