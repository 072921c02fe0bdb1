// The Baggage API and the W3C baggage rules not covered by the spec
// vectors: properties grammar, UTF-8 replacement, limits on extract, the
// current-context helpers.
#include <gtest/gtest.h>

#include "parley/tracing/baggage.h"
#include "parley/tracing/propagation.h"
#include "propagation/w3c/baggage_propagator.h"

namespace parley::tracing {
namespace {

TEST(Baggage, IsImmutableAndTheNewestValueWins) {
  const Baggage empty;
  const Baggage one = empty.set("user", "alice", "p=1");
  const Baggage two = one.set("user", "bob");
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(one.get("user").value(), "alice");
  EXPECT_EQ(one.metadata("user").value(), "p=1");
  EXPECT_EQ(two.get("user").value(), "bob");
  EXPECT_EQ(two.size(), 1u);
  EXPECT_FALSE(two.remove("user").get("user"));
  EXPECT_EQ(two.get("User"), std::nullopt);  // case-sensitive
  const Baggage from_list({{"a", "1", ""}, {"b", "2", ""}, {"a", "3", ""}});
  ASSERT_EQ(from_list.size(), 2u);
  EXPECT_EQ(from_list.entries()[0].key, "b");
  EXPECT_EQ(from_list.get("a").value(), "3");
}

TEST(Baggage, HeaderRoundTripKeepsValuesAndMetadata) {
  const Baggage baggage = Baggage().set("user", "Amélie, \"the\" tester").set("k", "v=w", "prop;other=x");
  const std::string header = baggage.to_header();
  EXPECT_EQ(header, "user=Am%C3%A9lie%2C%20%22the%22%20tester,k=v=w;prop;other=x");
  EXPECT_EQ(Baggage::from_header(header), baggage);
}

TEST(Baggage, InvalidKeysAndMetadataAreNotWritten) {
  const Baggage baggage = Baggage().set("bad key", "1").set("ok", "2", "bad prop=\"x\"").set("fine", "3");
  EXPECT_EQ(baggage.to_header(), "fine=3");
}

TEST(Baggage, MalformedPropertiesDropTheirMember) {
  const Baggage parsed = Baggage::from_header("a=1;ok;k=v, b=2;bad key, c=3;=x, d=4;p=\"q\", e=5");
  EXPECT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed.metadata("a").value(), "ok;k=v");
  EXPECT_EQ(parsed.get("e").value(), "5");
  const Baggage props = Baggage::from_header("SomeKey=SomeValue;SomeProp;SomeProp=PropValue;SomeProp=AnotherPropValue");
  EXPECT_EQ(props.metadata("SomeKey").value(), "SomeProp;SomeProp=PropValue;SomeProp=AnotherPropValue");
}

TEST(Baggage, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(Baggage::from_header("k=a%FFb").get("k").value(), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(Baggage::from_header("k=%C3").get("k").value(), "\xEF\xBF\xBD");
  EXPECT_EQ(Baggage::from_header("k=%ED%A0%80").get("k").value(), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(Baggage::from_header("k=%F0%9F%98%80").get("k").value(), "\xF0\x9F\x98\x80");  // valid 4-byte
}

TEST(Baggage, ExtractKeepsAtMost64MembersAnd8192BytesAcrossHeaders) {
  HeaderList headers;
  std::string many;
  for (int i = 0; i < 70; ++i) many += (i ? "," : "") + std::string("k") + std::to_string(i) + "=v";
  headers.emplace_back("baggage", many);
  EXPECT_EQ(extract_context(HeaderListCarrier(headers)).baggage().size(), 64u);
  const std::string big(3000, 'x');
  const HeaderList large{{"baggage", "a=" + big + ",b=" + big}, {"baggage", "c=" + big + ",d=1"}};
  const Baggage kept = extract_context(HeaderListCarrier(large)).baggage();
  EXPECT_TRUE(kept.get("a") && kept.get("b") && kept.get("d"));
  EXPECT_FALSE(kept.get("c"));  // would pass 8192 bytes: the whole member is dropped
}

TEST(Baggage, SetBaggageMakesItCurrentForTheScope) {
  EXPECT_TRUE(current_baggage().empty());
  {
    auto outer = set_baggage("tenant", "acme");
    auto inner = set_baggage("user", "alice");
    EXPECT_EQ(current_baggage().get("tenant").value(), "acme");
    EXPECT_EQ(current_baggage().get("user").value(), "alice");
    HeaderMap headers;
    inject_trace_context(headers);
    EXPECT_EQ(headers.at("baggage"), "tenant=acme,user=alice");
  }
  EXPECT_TRUE(current_baggage().empty());
}

}  // namespace
}  // namespace parley::tracing
