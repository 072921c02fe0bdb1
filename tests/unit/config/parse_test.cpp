// The value parsers on their own.
#include <gtest/gtest.h>

#include <cmath>

#include "config/parse.h"

namespace parley::tracing::detail {
namespace {

TEST(ParseBool, OnlyTrueAndFalseInAnyCase) {
  EXPECT_EQ(parse_bool("TRUE"), true);
  EXPECT_EQ(parse_bool(" false "), false);
  for (const char* bad : {"1", "0", "yes", "on", "", "truee"}) EXPECT_EQ(parse_bool(bad), std::nullopt) << bad;
}

TEST(ParseInt, WholeStringDecimalOnly) {
  EXPECT_EQ(parse_int("42"), 42);
  EXPECT_EQ(parse_int("-3"), -3);
  for (const char* bad : {"", "4 2", "0x10", "1e3", "12a", "+", "99999999999999999999"}) {
    EXPECT_EQ(parse_int(bad), std::nullopt) << bad;
  }
}

TEST(ParseSeconds, DecimalsToMilliseconds) {
  EXPECT_EQ(parse_seconds_as_ms("5"), 5000);
  EXPECT_EQ(parse_seconds_as_ms("0.5"), 500);
  EXPECT_EQ(parse_seconds_as_ms("0.001"), 1);
  for (const char* bad : {"0", "0.0001", "-1", "5s", "inf", "3000000"}) EXPECT_EQ(parse_seconds_as_ms(bad), std::nullopt) << bad;
}

TEST(ParseRate, ZeroToOne) {
  EXPECT_EQ(parse_rate("0"), 0.0);
  EXPECT_EQ(parse_rate("1"), 1.0);
  EXPECT_EQ(parse_rate("-0"), 0.0);
  EXPECT_FALSE(std::signbit(*parse_rate("-0")));
  for (const char* bad : {"1.0001", "-0.5", "nan", "", ".", "1/2"}) EXPECT_EQ(parse_rate(bad), std::nullopt) << bad;
}

TEST(ParseList, TrimsLowercasesAndDropsEmptyItems) {
  EXPECT_EQ(parse_list(" OTLP , ,console,"), (std::vector<std::string>{"otlp", "console"}));
  EXPECT_TRUE(parse_list(",,").empty());
}

TEST(ParseKeyValues, PercentDecodedAndAllOrNothing) {
  const auto pairs = parse_key_values("a=1, b = x%20y ,c%3Dd=e%2Cf,empty=");
  ASSERT_TRUE(pairs.has_value());
  EXPECT_EQ(*pairs, (KeyValues{{"a", "1"}, {"b", "x y"}, {"c=d", "e,f"}, {"empty", ""}}));
  for (const char* bad : {"a", "=1", "a=%", "a=%4", "a=%g0", "a=1,b", "%zz=1"}) {
    EXPECT_EQ(parse_key_values(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(parse_key_values(""), KeyValues{});
}

TEST(ParseHeaders, TokenNamesAndNoControlCharacters) {
  EXPECT_EQ(parse_headers("Authorization=Basic%20abc%3D%3D"), (KeyValues{{"Authorization", "Basic abc=="}}));
  EXPECT_EQ(parse_headers("x=a%09b"), (KeyValues{{"x", "a\tb"}}));  // tab is allowed
  for (const char* bad : {"x y=1", "x:y=1", "x=a%0Db", "x=a%00", "x%0A=1"}) EXPECT_EQ(parse_headers(bad), std::nullopt) << bad;
}

TEST(RedactHeaders, KeepsNamesOnly) {
  EXPECT_EQ(redact_headers("a=secret,b=x=y,novalue"), "a=***,b=***,novalue");
}

TEST(EscapeControl, NewlinesAndOtherControlsAreVisible) {
  EXPECT_EQ(escape_control("a\nb\x01" "c\x7f"), "a\\nb\\x01c\\x7f");
  EXPECT_EQ(escape_control("plain"), "plain");
}

TEST(FormatNumber, ShortestWithADecimalPoint) {
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(1.0), "1.0");
  EXPECT_EQ(format_number(0.0), "0.0");
  EXPECT_EQ(format_number(0.25), "0.25");
  EXPECT_EQ(format_number(1e-7), "1e-07");
}

TEST(ParseUrl, SplitsTheParts) {
  const auto url = parse_url("HTTPS://user:pw@collector.example:4318/v1/traces?x=1#f");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "collector.example");
  EXPECT_EQ(url->port, 4318);
  EXPECT_EQ(url->path, "/v1/traces");
  EXPECT_EQ(parse_url("http://[::1]:4317")->host, "::1");
  EXPECT_EQ(parse_url("http://localhost")->effective_port(), 80);
  EXPECT_EQ(parse_url("https://localhost")->effective_port(), 443);
  EXPECT_EQ(parse_url("udp://agent:6831")->port, 6831);
  EXPECT_EQ(parse_url("http://h?q=1")->path, "");
}

TEST(ParseUrl, RejectsMalformed) {
  for (const char* bad : {"localhost:4317", "://h", "http://", "http://:80", "http://host:0", "http://host:65536",
                          "http://host:", "http://host:abc", "http://[::1", "http://[::1]x", "http://[zz]:1",
                          "http://ho st/", "http://h/a b", "http://h\x01", "1http://h", "ht tp://h", "http://h%41"}) {
    EXPECT_EQ(parse_url(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace parley::tracing::detail
