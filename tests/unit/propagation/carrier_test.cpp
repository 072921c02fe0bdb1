// Carriers and the hex helpers under them: case-insensitive names, repeated
// headers, Boost.Beast requests and responses, and hex that rejects
// anything but lowercase digits.
#include <gtest/gtest.h>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdio>
#include <random>
#include <unordered_map>

#include "parley/tracing/integration/beast.h"
#include "parley/tracing/propagation.h"
#include "propagation/hex.h"
#include "propagation/w3c/trace_context.h"

namespace parley::tracing {
namespace {

namespace http = boost::beast::http;

constexpr const char* kTraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

TEST(Hex, FormatsAndParsesEveryValueLikePrintf) {
  std::mt19937_64 random(7);
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t value = random() >> (i % 64);
    char text[17] = {};
    detail::write_hex16(value, text);
    char expected[17];
    std::snprintf(expected, sizeof expected, "%016llx", static_cast<unsigned long long>(value));
    ASSERT_STREQ(text, expected);
    std::uint64_t parsed = 0;
    ASSERT_TRUE(detail::parse_hex16(text, parsed));
    ASSERT_EQ(parsed, value);
  }
}

TEST(Hex, RejectsEveryByteThatIsNotALowercaseDigit) {
  for (int byte = 0; byte < 256; ++byte) {
    for (int position = 0; position < 16; ++position) {
      char text[16];
      std::fill(std::begin(text), std::end(text), '7');
      text[position] = static_cast<char>(byte);
      const bool lowercase_hex = (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'f');
      std::uint64_t parsed = 0;
      ASSERT_EQ(detail::parse_hex16(text, parsed), lowercase_hex) << byte << " at " << position;
    }
  }
}

TEST(HeaderNames, MatchCaseInsensitivelyOnlyForLetters) {
  EXPECT_TRUE(header_name_equals("traceparent", "TraceParent"));
  EXPECT_TRUE(header_name_equals("X-B3-TraceId", "x-b3-traceid"));
  EXPECT_TRUE(header_name_equals("b3", "B3"));
  EXPECT_FALSE(header_name_equals("trace-parent", "traceparent"));
  EXPECT_FALSE(header_name_equals("x-b3-traceid", "x-b3-traceie"));
  EXPECT_FALSE(header_name_equals("uberctx-@", "uberctx-`"));  // 0x40 / 0x60 are not letters
  EXPECT_FALSE(header_name_equals("uber-trace-id[", "uber-trace-id{"));
  EXPECT_FALSE(header_name_equals("tracestate\xC3", "tracestate\xE3"));
  EXPECT_TRUE(header_name_equals("a-very-long-header-name-beyond-sixteen", "A-Very-Long-Header-Name-Beyond-Sixteen"));
}

TEST(MapCarrier, LargeMapsFindExactAndFoldedNames) {
  HeaderMap headers;
  for (int i = 0; i < 40; ++i) headers["x-filler-" + std::to_string(i)] = "v";
  headers["TraceParent"] = kTraceParent;
  const MapCarrier<HeaderMap> carrier(headers);
  EXPECT_EQ(carrier.get("traceparent").value(), kTraceParent);
  EXPECT_EQ(carrier.get("x-filler-7").value(), "v");
  EXPECT_FALSE(carrier.get("tracestate"));
  EXPECT_TRUE(extract_context(carrier).valid());
}

TEST(MapCarrier, WriterReplacesAnExistingValue) {
  std::unordered_map<std::string, std::string> headers{{"traceparent", "old"}};
  MapCarrier<std::unordered_map<std::string, std::string>> carrier(headers);
  carrier.set("traceparent", kTraceParent);
  EXPECT_EQ(headers.at("traceparent"), kTraceParent);
  EXPECT_EQ(headers.size(), 1u);
}

TEST(HeaderListCarrier, FirstValueWinsAndSetReplacesEveryCopy) {
  HeaderList list{{"X-B3-Sampled", "1"}, {"x-b3-sampled", "0"}, {"other", "x"}};
  HeaderListCarrier carrier(list);
  EXPECT_EQ(carrier.get("x-b3-sampled").value(), "1");
  carrier.set("x-b3-sampled", "0");
  EXPECT_EQ(list, (HeaderList{{"other", "x"}, {"x-b3-sampled", "0"}}));
  const HeaderList& read_only = list;
  HeaderListCarrier reader(read_only);
  reader.set("ignored", "x");  // a carrier over a const list never writes
  EXPECT_EQ(list.size(), 2u);
}

TEST(BeastCarrier, InjectsIntoARequestAndExtractsFromIt) {
  SpanContext span;
  span.trace_id = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
  span.span_id = SpanId::from_hex("00f067aa0ba902b7");
  span.flags = trace_flags::kSampled;
  http::request<http::string_body> request{http::verb::get, "/", 11};
  BeastHeaderCarrier writer(request);
  inject_trace_context(writer, Context(span));
  EXPECT_EQ(request["traceparent"], kTraceParent);
  const BeastHeaderCarrier reader(static_cast<const http::fields&>(request));
  const Context context = extract_context(reader);
  ASSERT_TRUE(context.valid());
  EXPECT_EQ(context.span_context().span_id, span.span_id);
}

TEST(BeastCarrier, ReadsResponsesCaseInsensitivelyAndRejectsTwoTraceparents) {
  http::response<http::string_body> response{http::status::ok, 11};
  response.set("TRACEPARENT", kTraceParent);
  response.insert("TraceState", "foo=1");
  response.insert("tracestate", "bar=2");
  const Context context = extract_context(BeastHeaderCarrier(static_cast<const http::fields&>(response)));
  ASSERT_TRUE(context.valid());
  EXPECT_EQ(context.span_context().trace_state, "foo=1,bar=2");
  response.insert("traceparent", "00-12345678901234567890123456789012-1234567890123456-01");
  EXPECT_FALSE(extract_context(BeastHeaderCarrier(static_cast<const http::fields&>(response))).valid());
}

}  // namespace
}  // namespace parley::tracing
