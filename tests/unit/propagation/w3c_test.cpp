// W3C trace context and baggage against the specifications' own vectors.
#include <gtest/gtest.h>

#include "parley/tracing/baggage.h"
#include "parley/tracing/propagation.h"
#include "propagation/w3c/baggage_propagator.h"
#include "propagation/w3c/trace_context.h"

namespace parley::tracing {
namespace {

using detail::parse_traceparent;
using detail::parse_tracestate;

Context extract_with(const Propagator& propagator, const HeaderList& headers) {
  return propagator.extract(HeaderListCarrier(headers), Context());
}

TEST(W3cTraceParent, AcceptsTheSpecExamples) {
  const auto parsed = parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->trace_id.to_hex(), "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(parsed->span_id.to_hex(), "00f067aa0ba902b7");
  EXPECT_EQ(parsed->flags, 1);
  EXPECT_EQ(parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")->flags, 0);
  EXPECT_TRUE(parse_traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
  EXPECT_EQ(parse_traceparent("00-12345678901234567890123456789012-1234567890123456-02")->flags, 2);  // random kept
  EXPECT_TRUE(parse_traceparent(" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  EXPECT_TRUE(parse_traceparent("\t00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 "));
}

TEST(W3cTraceParent, AcceptsFutureVersionsUsingOnlyTheKnownFields) {
  EXPECT_TRUE(parse_traceparent("cc-12345678901234567890123456789012-1234567890123456-01"));
  const auto future = parse_traceparent("cc-12345678901234567890123456789012-1234567890123456-01-what-the-future-will-be-like");
  ASSERT_TRUE(future);
  EXPECT_EQ(future->flags, 1);
  EXPECT_FALSE(parse_traceparent("cc-12345678901234567890123456789012-1234567890123456-01.what-the-future-will-be-like"));
  EXPECT_EQ(parse_traceparent("cc-12345678901234567890123456789012-1234567890123456-ff")->flags, 3);  // unknown bits dropped
}

TEST(W3cTraceParent, RejectsEveryInvalidVector) {
  for (const char* invalid : {
           "ff-12345678901234567890123456789012-1234567890123456-01",
           "00-00000000000000000000000000000000-1234567890123456-01",
           "00-12345678901234567890123456789012-0000000000000000-01",
           "00-12345678901234567890123456789012-1234567890123456-01.",
           "00-12345678901234567890123456789012-1234567890123456-01-what-the-future-will-be-like",
           ".0-12345678901234567890123456789012-1234567890123456-01",
           "0.-12345678901234567890123456789012-1234567890123456-01",
           "0-12345678901234567890123456789012-1234567890123456-01",
           "000-12345678901234567890123456789012-1234567890123456-01",
           "00-1234567890123456789012345678901-1234567890123456-01",
           "00-123456789012345678901234567890123-1234567890123456-01",
           "00-1234567890123456789012345678901.-1234567890123456-01",
           "00-12345678901234567890123456789012-123456789012345-01",
           "00-12345678901234567890123456789012-12345678901234567-01",
           "00-12345678901234567890123456789012-123456789012345.-01",
           "00-12345678901234567890123456789012-1234567890123456-1",
           "00-12345678901234567890123456789012-1234567890123456-001",
           "00-12345678901234567890123456789012-1234567890123456-.0",
           "00-12345678901234567890123456789012-1234567890123456-0.",
           "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
           "",
       }) {
    EXPECT_FALSE(parse_traceparent(invalid)) << invalid;
  }
}

TEST(W3cTraceParent, HeaderNamesAreCaseInsensitiveAndTwoHeadersInvalidate) {
  detail::W3CTraceContextPropagator propagator;
  const std::string value = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  EXPECT_TRUE(extract_with(propagator, {{"TRACEPARENT", value}}).valid());
  EXPECT_TRUE(extract_with(propagator, {{"TraceParent", value}}).valid());
  EXPECT_FALSE(extract_with(propagator, {{"trace-parent", value}}).valid());
  EXPECT_FALSE(extract_with(propagator, {{"traceparent", value},
                                         {"traceparent", "00-12345678901234567890123456789012-1234567890123456-01"}})
                   .valid());
  const auto context = extract_with(propagator, {{"traceparent", value}});
  EXPECT_TRUE(context.span_context().remote);
  EXPECT_TRUE(context.span_context().sampled());
}

TEST(W3cTraceState, ParsesJoinsAndValidates) {
  EXPECT_EQ(parse_tracestate("foo=1,bar=2").value(), "foo=1,bar=2");
  EXPECT_EQ(parse_tracestate("foo=1 \t , \t bar=2, \t baz=3").value(), "foo=1,bar=2,baz=3");
  EXPECT_EQ(parse_tracestate("").value(), "");
  for (const char* invalid : {"foo =1", "FOO=1", "foo.bar=1", "@foo=1,bar=2", "foo=bar=baz", "foo=,bar=3"}) {
    EXPECT_FALSE(parse_tracestate(invalid)) << invalid;
  }
  for (const char* level2 : {"foo@=1,bar=2", "foo@@bar=1,bar=2", "foo@bar@baz=1,bar=2"}) {
    EXPECT_TRUE(parse_tracestate(level2)) << level2;
  }
  EXPECT_TRUE(parse_tracestate(std::string(256, 'z') + "=1"));
  EXPECT_FALSE(parse_tracestate(std::string(257, 'z') + "=1"));
  std::string thirty_two, thirty_three;
  for (int i = 1; i <= 33; ++i) {
    const std::string member = "bar" + std::string(i < 10 ? "0" : "") + std::to_string(i) + "=" + std::to_string(i);
    if (i <= 32) thirty_two += (i > 1 ? "," : "") + member;
    thirty_three += (i > 1 ? "," : "") + member;
  }
  EXPECT_TRUE(parse_tracestate(thirty_two));
  EXPECT_FALSE(parse_tracestate(thirty_three));
}

TEST(W3cTraceState, MultipleHeadersJoinAndTraceStateWithoutParentIsDropped) {
  detail::W3CTraceContextPropagator propagator;
  const std::string parent = "00-12345678901234567890123456789012-1234567890123456-00";
  const auto joined =
      extract_with(propagator, {{"traceparent", parent}, {"tracestate", "foo=1,bar=2"}, {"tracestate", "rojo=1,congo=2"},
                                {"tracestate", "baz=3"}});
  EXPECT_EQ(joined.span_context().trace_state, "foo=1,bar=2,rojo=1,congo=2,baz=3");
  EXPECT_FALSE(extract_with(propagator, {{"tracestate", "foo=1"}}).valid());
  const auto bad_state = extract_with(propagator, {{"traceparent", parent}, {"tracestate", "foo=bar=baz"}});
  EXPECT_TRUE(bad_state.valid());  // a tracestate failure never affects traceparent
  EXPECT_EQ(bad_state.span_context().trace_state, "");
}

TEST(W3cTraceState, UpdatedEntryMovesToTheFront) {
  EXPECT_EQ(detail::tracestate_set("congo=t61rcWkgMzE", "rojo", "00f067aa0ba902b7"),
            "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
  EXPECT_EQ(detail::tracestate_set("a=1,ot=th:8,b=2", "ot", "th:c"), "ot=th:c,a=1,b=2");
  std::string full;
  for (int i = 0; i < 32; ++i) full += (i ? "," : "") + std::string("k") + std::to_string(i) + "=v";
  const std::string updated = detail::tracestate_set(full, "ot", "th:0");
  EXPECT_EQ(parse_tracestate(updated).value().find("ot=th:0,k0=v"), 0u);
  EXPECT_EQ(std::count(updated.begin(), updated.end(), ','), 31);  // the rightmost was dropped
}

TEST(W3cTraceContextPropagator, InjectsLowercaseTraceparentAndState) {
  detail::W3CTraceContextPropagator propagator;
  SpanContext span;
  span.trace_id = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
  span.span_id = SpanId::from_hex("00f067aa0ba902b7");
  span.flags = trace_flags::kSampled | trace_flags::kRandom;
  span.trace_state = "congo=t61rcWkgMzE";
  HeaderMap headers;
  MapCarrier<HeaderMap> carrier(headers);
  propagator.inject(Context(span), carrier);
  EXPECT_EQ(headers["traceparent"], "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03");
  EXPECT_EQ(headers["tracestate"], "congo=t61rcWkgMzE");
  HeaderMap none;
  MapCarrier<HeaderMap> empty(none);
  propagator.inject(Context(), empty);
  EXPECT_TRUE(none.empty());
}

Baggage parse(const HeaderList& headers) {
  return extract_with(detail::W3CBaggagePropagator(), headers).baggage();
}

TEST(W3cBaggage, ParsesTheSpecVectors) {
  const auto first = parse({{"baggage", "key1=value1;property1;property2, key2 = value2, key3=value3; propertyKey=propertyValue"}});
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first.get("key2").value(), "value2");
  EXPECT_EQ(first.entries()[0].metadata, "property1;property2");
  EXPECT_EQ(parse({{"baggage", "userId=alice,serverNode=DF%2028,isProduction=false"}}).get("serverNode").value(), "DF 28");
  EXPECT_EQ(parse({{"baggage", "userId=Am%C3%A9lie,serverNode=DF%2028"}}).get("userId").value(), "Am\xC3\xA9lie");
  EXPECT_EQ(parse({{"baggage", "userId=alice"}, {"baggage", "serverNode=DF%2028,isProduction=false"}}).size(), 3u);
  EXPECT_EQ(parse({{"baggage", "SomeKey=SomeValue=equals"}}).get("SomeKey").value(), "SomeValue=equals");
  const auto spaced = parse({{"baggage", "SomeKey \t = \t SomeValue \t ; \t SomeProp \t , \t SomeKey2 \t = \t SomeValue2"}});
  EXPECT_EQ(spaced.get("SomeKey").value(), "SomeValue");
  EXPECT_EQ(spaced.get("SomeKey2").value(), "SomeValue2");
}

TEST(W3cBaggage, SkipsMalformedMembersAndKeepsTheRest) {
  const auto parsed = parse({{"baggage", "good=1,bad key=2,=3,novalue,quote=\"x\",bad=%zz,fine=ok"}});
  EXPECT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed.get("fine").value(), "ok");
}

TEST(W3cBaggage, EncodesValuesAndRespectsLimits) {
  // The W3C test expects %09%20%22%27%3B%3Dasdf%21...; encoding fewer of the
  // allowed characters is equivalent, and both decode to the same value.
  EXPECT_EQ(detail::baggage_encode("\t \"';=asdf!@#$%^&*()"), "%09%20%22'%3B=asdf!@#$%25^&*()");
  EXPECT_EQ(detail::baggage_decode("%09%20%22%27%3B%3Dasdf%21%40%23%24%25%5E%26%2A%28%29").value(),
            "\t \"';=asdf!@#$%^&*()");
  Baggage many;
  for (int i = 0; i < 70; ++i) many = many.set("k" + std::to_string(i), "v");
  const std::string header = detail::format_baggage(many);
  EXPECT_EQ(std::count(header.begin(), header.end(), ','), 63);  // 64 members
  Baggage big;
  for (int i = 0; i < 3; ++i) big = big.set("k" + std::to_string(i), std::string(4000, 'x'));
  EXPECT_LE(detail::format_baggage(big).size(), 8192u);
  EXPECT_EQ(detail::format_baggage(big).find("k2="), std::string::npos);  // whole members only
  // Round trip through inject and extract.
  HeaderMap headers;
  MapCarrier<HeaderMap> carrier(headers);
  detail::W3CBaggagePropagator propagator;
  const auto baggage = std::make_shared<const Baggage>(Baggage().set("user", "Amélie, \"the\" tester"));
  propagator.inject(Context().with_baggage(baggage), carrier);
  EXPECT_EQ(propagator.extract(carrier, Context()).baggage().get("user").value(), "Amélie, \"the\" tester");
}

}  // namespace
}  // namespace parley::tracing
