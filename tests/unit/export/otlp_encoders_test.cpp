// OTLP encoders beyond the single generated vector: the protobuf request read
// back with protozero's reader (an independent decoder) field by field for a
// batch using every feature, and the JSON mapping's exact text (escaping,
// non-finite doubles, 64-bit integers as strings, omitted defaults).
#include <gtest/gtest.h>
#include <protozero/pbf_reader.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "export/otlp/otlp_json_encoder.h"
#include "export/otlp/otlp_proto_encoder.h"
#include "support/span_builder.h"

namespace parley::tracing {
namespace {

using protozero::pbf_reader;

std::string encode(const SpanEncoder& encoder, std::span<const SpanData* const> batch, const Resource& resource) {
  std::string out;
  encoder.encode(batch, resource, out);
  return out;
}

// ---- a minimal reader of the decoded request --------------------------------

struct DecodedValue {
  std::string kind;  // string, bool, int, double, array
  std::string text;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
  std::vector<DecodedValue> items;
};

DecodedValue read_any(pbf_reader any) {
  DecodedValue value;
  while (any.next()) {
    switch (any.tag()) {
      case 1: value.kind = "string"; value.text = any.get_string(); break;
      case 2: value.kind = "bool"; value.boolean = any.get_bool(); break;
      case 3: value.kind = "int"; value.integer = any.get_int64(); break;
      case 4: value.kind = "double"; value.number = any.get_double(); break;
      case 5: {
        value.kind = "array";
        pbf_reader array = any.get_message();
        while (array.next(1)) value.items.push_back(read_any(array.get_message()));
        break;
      }
      default: any.skip();
    }
  }
  return value;
}

using KeyValues = std::vector<std::pair<std::string, DecodedValue>>;

void read_key_value(pbf_reader key_value, KeyValues& into) {
  std::string key;
  DecodedValue value;
  while (key_value.next()) {
    if (key_value.tag() == 1) key = key_value.get_string();
    else if (key_value.tag() == 2) value = read_any(key_value.get_message());
    else key_value.skip();
  }
  into.emplace_back(key, value);
}

struct DecodedSpan {
  std::string trace_id, span_id, parent_span_id, trace_state, name;
  int kind = 0;
  std::uint64_t start = 0, end = 0;
  KeyValues attributes;
  std::uint32_t dropped_attributes = 0, dropped_events = 0, dropped_links = 0;
  struct Event {
    std::uint64_t time = 0;
    std::string name;
    KeyValues attributes;
  };
  std::vector<Event> events;
  struct Link {
    std::string trace_id, span_id, trace_state;
    KeyValues attributes;
    std::uint32_t flags = 0;
  };
  std::vector<Link> links;
  bool has_status = false;
  int status_code = 0;
  std::string status_message;
  std::uint32_t flags = 0;
};

DecodedSpan read_span(pbf_reader span) {
  DecodedSpan out;
  while (span.next()) {
    switch (span.tag()) {
      case 1: out.trace_id = span.get_bytes(); break;
      case 2: out.span_id = span.get_bytes(); break;
      case 3: out.trace_state = span.get_string(); break;
      case 4: out.parent_span_id = span.get_bytes(); break;
      case 5: out.name = span.get_string(); break;
      case 6: out.kind = span.get_enum(); break;
      case 7: out.start = span.get_fixed64(); break;
      case 8: out.end = span.get_fixed64(); break;
      case 9: read_key_value(span.get_message(), out.attributes); break;
      case 10: out.dropped_attributes = span.get_uint32(); break;
      case 11: {
        pbf_reader event = span.get_message();
        DecodedSpan::Event e;
        while (event.next()) {
          if (event.tag() == 1) e.time = event.get_fixed64();
          else if (event.tag() == 2) e.name = event.get_string();
          else if (event.tag() == 3) read_key_value(event.get_message(), e.attributes);
          else event.skip();
        }
        out.events.push_back(e);
        break;
      }
      case 12: out.dropped_events = span.get_uint32(); break;
      case 13: {
        pbf_reader link = span.get_message();
        DecodedSpan::Link l;
        while (link.next()) {
          if (link.tag() == 1) l.trace_id = link.get_bytes();
          else if (link.tag() == 2) l.span_id = link.get_bytes();
          else if (link.tag() == 3) l.trace_state = link.get_string();
          else if (link.tag() == 4) read_key_value(link.get_message(), l.attributes);
          else if (link.tag() == 6) l.flags = link.get_fixed32();
          else link.skip();
        }
        out.links.push_back(l);
        break;
      }
      case 14: out.dropped_links = span.get_uint32(); break;
      case 15: {
        out.has_status = true;
        pbf_reader status = span.get_message();
        while (status.next()) {
          if (status.tag() == 2) out.status_message = status.get_string();
          else if (status.tag() == 3) out.status_code = status.get_enum();
          else status.skip();
        }
        break;
      }
      case 16: out.flags = span.get_fixed32(); break;
      default: span.skip();
    }
  }
  return out;
}

struct DecodedScope {
  std::string name, version;
  std::vector<DecodedSpan> spans;
};

struct DecodedRequest {
  KeyValues resource;
  std::vector<DecodedScope> scopes;
  int resource_spans = 0;
};

DecodedRequest read_request(const std::string& bytes) {
  DecodedRequest out;
  pbf_reader request(bytes);
  while (request.next(1)) {
    ++out.resource_spans;
    pbf_reader resource_spans = request.get_message();
    while (resource_spans.next()) {
      if (resource_spans.tag() == 1) {
        pbf_reader resource = resource_spans.get_message();
        while (resource.next(1)) read_key_value(resource.get_message(), out.resource);
      } else if (resource_spans.tag() == 2) {
        pbf_reader scope_spans = resource_spans.get_message();
        DecodedScope scope;
        while (scope_spans.next()) {
          if (scope_spans.tag() == 1) {
            pbf_reader s = scope_spans.get_message();
            while (s.next()) {
              if (s.tag() == 1) scope.name = s.get_string();
              else if (s.tag() == 2) scope.version = s.get_string();
              else s.skip();
            }
          } else if (scope_spans.tag() == 2) {
            scope.spans.push_back(read_span(scope_spans.get_message()));
          } else {
            scope_spans.skip();
          }
        }
        out.scopes.push_back(std::move(scope));
      } else {
        resource_spans.skip();
      }
    }
  }
  return out;
}

std::string bytes_of(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(detail::hex_value(hex[i]) * 16 + detail::hex_value(hex[i + 1]));
  }
  return out;
}

TEST(OtlpProtoEncoder, EveryFieldReadsBackWithAnIndependentDecoder) {
  static const InstrumentationScope kHttp{"http", "2.1"};
  static const InstrumentationScope kDb{"db", ""};
  const std::string long_name(200, 'n');           // two-byte length prefixes
  const std::string long_value(300, 'v');
  const std::string_view strings[] = {"a", long_value};
  const bool bools[] = {true, false};
  const std::int64_t ints[] = {-1, 0, std::int64_t{1} << 40};
  const double doubles[] = {1.5, -0.25};
  SpanLimits limits;
  limits.attribute_count = 10;
  const Attribute event_attributes[] = {{"rows", 3}, {"table", "users"}};
  const Attribute link_attributes[] = {{"reason", "retry"}};
  SpanContext linked;
  linked.trace_id = TraceId::from_hex("0af7651916cd43dd8448eb211c80319c");
  linked.span_id = SpanId::from_hex("b9c7c989f97918e1");
  linked.flags = trace_flags::kSampled;
  linked.remote = true;
  linked.trace_state = "vendor=1";

  testing::SpanBuilder server(long_name, SpanKind::server, &kHttp);
  server.limits(limits)
      .ids("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "b7ad6b7169203331", true)
      .flags(trace_flags::kSampled)
      .trace_state("congo=t61rcWkgMzE")
      .times(1544712660000000000ULL, 1544712661000000123ULL)
      .attribute("s", "GET")
      .attribute("long", std::string_view(long_value))
      .attribute("b", false)
      .attribute("i", std::int64_t{-42})
      .attribute("d", 0.5)
      .attribute("sa", std::span<const std::string_view>(strings))
      .attribute("ba", std::span<const bool>(bools))
      .attribute("ia", std::span<const std::int64_t>(ints))
      .attribute("da", std::span<const double>(doubles))
      .attribute("empty", "");
  for (int i = 0; i < 3; ++i) server.attribute("over" + std::to_string(i), i);  // dropped: the limit is 10
  server.event(1544712660500000000ULL, "query", event_attributes)
      .link(linked, link_attributes)
      .status(StatusCode::error, "boom");
  testing::SpanBuilder root("connect", SpanKind::client, &kDb);
  root.ids("0af7651916cd43dd8448eb211c80319c", "00f067aa0ba902b8").times(5, 7);
  testing::SpanBuilder child("handle", SpanKind::internal, &kHttp);
  child.ids("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b9", "00f067aa0ba902b7").times(10, 20).status(StatusCode::ok);

  Resource resource;
  resource.set("service.name", "chat");
  resource.set("process.pid", std::int64_t{4242});
  const SpanData* batch[] = {&server.data(), &root.data(), &child.data()};
  const std::string bytes = encode(detail::OtlpProtoEncoder(), batch, resource);
  const DecodedRequest request = read_request(bytes);

  EXPECT_EQ(request.resource_spans, 1);
  ASSERT_EQ(request.resource.size(), 2u);
  EXPECT_EQ(request.resource[0].first, "service.name");
  EXPECT_EQ(request.resource[0].second.text, "chat");
  EXPECT_EQ(request.resource[1].second.integer, 4242);
  // One ScopeSpans per scope, in first-seen order, spans in batch order.
  ASSERT_EQ(request.scopes.size(), 2u);
  EXPECT_EQ(request.scopes[0].name, "http");
  EXPECT_EQ(request.scopes[0].version, "2.1");
  EXPECT_EQ(request.scopes[1].name, "db");
  EXPECT_EQ(request.scopes[1].version, "");
  ASSERT_EQ(request.scopes[0].spans.size(), 2u);
  ASSERT_EQ(request.scopes[1].spans.size(), 1u);

  const DecodedSpan& s = request.scopes[0].spans[0];
  EXPECT_EQ(s.trace_id, bytes_of("4bf92f3577b34da6a3ce929d0e0e4736"));
  EXPECT_EQ(s.span_id, bytes_of("00f067aa0ba902b7"));
  EXPECT_EQ(s.parent_span_id, bytes_of("b7ad6b7169203331"));
  EXPECT_EQ(s.trace_state, "congo=t61rcWkgMzE");
  EXPECT_EQ(s.name, long_name);
  EXPECT_EQ(s.kind, 2);
  EXPECT_EQ(s.start, 1544712660000000000ULL);
  EXPECT_EQ(s.end, 1544712661000000123ULL);
  ASSERT_EQ(s.attributes.size(), 10u);
  EXPECT_EQ(s.dropped_attributes, 3u);
  EXPECT_EQ(s.attributes[0].second.text, "GET");
  EXPECT_EQ(s.attributes[1].second.text, long_value);
  EXPECT_EQ(s.attributes[2].second.kind, "bool");
  EXPECT_FALSE(s.attributes[2].second.boolean);
  EXPECT_EQ(s.attributes[3].second.integer, -42);
  EXPECT_EQ(s.attributes[4].second.number, 0.5);
  ASSERT_EQ(s.attributes[5].second.items.size(), 2u);
  EXPECT_EQ(s.attributes[5].second.items[1].text, long_value);
  ASSERT_EQ(s.attributes[6].second.items.size(), 2u);
  EXPECT_TRUE(s.attributes[6].second.items[0].boolean);
  EXPECT_EQ(s.attributes[6].second.items[1].kind, "bool");
  ASSERT_EQ(s.attributes[7].second.items.size(), 3u);
  EXPECT_EQ(s.attributes[7].second.items[0].integer, -1);
  EXPECT_EQ(s.attributes[7].second.items[1].kind, "int");
  EXPECT_EQ(s.attributes[7].second.items[2].integer, std::int64_t{1} << 40);
  ASSERT_EQ(s.attributes[8].second.items.size(), 2u);
  EXPECT_EQ(s.attributes[8].second.items[1].number, -0.25);
  EXPECT_EQ(s.attributes[9].second.kind, "string");  // present although empty
  ASSERT_EQ(s.events.size(), 1u);
  EXPECT_EQ(s.events[0].time, 1544712660500000000ULL);
  EXPECT_EQ(s.events[0].name, "query");
  ASSERT_EQ(s.events[0].attributes.size(), 2u);
  EXPECT_EQ(s.events[0].attributes[1].second.text, "users");
  ASSERT_EQ(s.links.size(), 1u);
  EXPECT_EQ(s.links[0].trace_id, bytes_of("0af7651916cd43dd8448eb211c80319c"));
  EXPECT_EQ(s.links[0].span_id, bytes_of("b9c7c989f97918e1"));
  EXPECT_EQ(s.links[0].trace_state, "vendor=1");
  EXPECT_EQ(s.links[0].attributes[0].second.text, "retry");
  EXPECT_EQ(s.links[0].flags, 0x301u);
  EXPECT_TRUE(s.has_status);
  EXPECT_EQ(s.status_code, 2);
  EXPECT_EQ(s.status_message, "boom");
  EXPECT_EQ(s.flags, 0x301u);  // sampled | parent remoteness known | remote

  const DecodedSpan& c = request.scopes[0].spans[1];
  EXPECT_EQ(c.name, "handle");
  EXPECT_EQ(c.parent_span_id, bytes_of("00f067aa0ba902b7"));
  EXPECT_EQ(c.flags, 0x100u);
  EXPECT_TRUE(c.has_status);
  EXPECT_EQ(c.status_code, 1);
  EXPECT_EQ(c.status_message, "");

  const DecodedSpan& r = request.scopes[1].spans[0];
  EXPECT_EQ(r.parent_span_id, "");  // roots carry no parent
  EXPECT_EQ(r.trace_state, "");
  EXPECT_FALSE(r.has_status);  // unset status is left out
  EXPECT_EQ(r.kind, 3);
  EXPECT_EQ(r.start, 5u);
  EXPECT_EQ(r.end, 7u);
}

TEST(OtlpProtoEncoder, AppendsAfterWhatTheBufferHolds) {
  testing::SpanBuilder span("x");
  span.ids("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7").times(1, 2);
  const SpanData* batch[] = {&span.data()};
  std::string alone;
  detail::OtlpProtoEncoder().encode(batch, Resource(), alone);
  std::string out = "prefix";
  detail::OtlpProtoEncoder().encode(batch, Resource(), out);
  EXPECT_EQ(out, "prefix" + alone);
}

// ---- OTLP/JSON ---------------------------------------------------------------

TEST(OtlpJsonEncoder, WritesTheProto3JsonMapping) {
  const Attribute event_attributes[] = {{"rows", 3}};
  SpanContext linked;
  linked.trace_id = TraceId::from_hex("0af7651916cd43dd8448eb211c80319c");
  linked.span_id = SpanId::from_hex("b9c7c989f97918e1");
  linked.remote = true;
  const std::int64_t ints[] = {1, -2};
  testing::SpanBuilder span("GET /", SpanKind::server);
  span.ids("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "b7ad6b7169203331", true)
      .flags(trace_flags::kSampled)
      .times(1544712660000000000ULL, 1544712661000000000ULL)
      .attribute("http.status_code", 200)
      .attribute("ok", true)
      .attribute("ratio", 0.1)
      .attribute("ids", std::span<const std::int64_t>(ints))
      .event(1544712660500000000ULL, "query", event_attributes)
      .link(linked)
      .status(StatusCode::error, "boom");
  Resource resource;
  resource.set("service.name", "svc");
  const SpanData* batch[] = {&span.data()};
  EXPECT_EQ(encode(detail::OtlpJsonEncoder(), batch, resource),
            "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":"
            "\"svc\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"lib\",\"version\":\"1.0\"},\"spans\":[{\"traceId\":"
            "\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\",\"parentSpanId\":\"b7ad6b7169203331\","
            "\"flags\":769,\"name\":\"GET /\",\"kind\":2,\"startTimeUnixNano\":\"1544712660000000000\","
            "\"endTimeUnixNano\":\"1544712661000000000\",\"attributes\":[{\"key\":\"http.status_code\",\"value\":"
            "{\"intValue\":\"200\"}},{\"key\":\"ok\",\"value\":{\"boolValue\":true}},{\"key\":\"ratio\",\"value\":"
            "{\"doubleValue\":0.1}},{\"key\":\"ids\",\"value\":{\"arrayValue\":{\"values\":[{\"intValue\":\"1\"},"
            "{\"intValue\":\"-2\"}]}}}],\"events\":[{\"timeUnixNano\":\"1544712660500000000\",\"name\":\"query\","
            "\"attributes\":[{\"key\":\"rows\",\"value\":{\"intValue\":\"3\"}}]}],\"links\":[{\"traceId\":"
            "\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"b9c7c989f97918e1\",\"flags\":768}],\"status\":"
            "{\"message\":\"boom\",\"code\":2}}]}]}]}");
}

TEST(OtlpJsonEncoder, RootsOmitTheParentAndDefaultsAreLeftOut) {
  testing::SpanBuilder span("work");
  span.ids("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7").times(1, 2);
  const SpanData* batch[] = {&span.data()};
  const std::string json = encode(detail::OtlpJsonEncoder(), batch, Resource());
  EXPECT_EQ(json.find("parentSpanId"), std::string::npos) << json;
  EXPECT_EQ(json.find("status"), std::string::npos) << json;
  EXPECT_EQ(json.find("dropped"), std::string::npos) << json;
  EXPECT_NE(json.find("\"flags\":256,"), std::string::npos) << json;
}

TEST(OtlpJsonEncoder, ReportsDroppedCountsWhenNonZero) {
  SpanLimits limits;
  limits.attribute_count = 1;
  limits.event_count = 1;
  limits.link_count = 0;
  SpanContext linked;
  linked.trace_id = TraceId::from_hex("0af7651916cd43dd8448eb211c80319c");
  linked.span_id = SpanId::from_hex("b9c7c989f97918e1");
  testing::SpanBuilder span("work");
  span.limits(limits).ids("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7").times(1, 2);
  span.attribute("a", 1).attribute("b", 2).event(1, "e1").event(2, "e2").event(3, "e3").link(linked);
  const SpanData* batch[] = {&span.data()};
  const std::string json = encode(detail::OtlpJsonEncoder(), batch, Resource());
  EXPECT_NE(json.find("\"droppedAttributesCount\":1"), std::string::npos) << json;
  EXPECT_NE(json.find("\"droppedEventsCount\":2"), std::string::npos) << json;
  EXPECT_NE(json.find("\"droppedLinksCount\":1"), std::string::npos) << json;
}

TEST(OtlpJsonEncoder, EscapesStringsAndReplacesInvalidUtf8) {
  testing::SpanBuilder span("q\"b\\s/\n\t\x01\x1f");
  span.ids("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7")
      .times(1, 2)
      .attribute("utf8", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80")
      .attribute("bad", "a\xff" "b\xc3" "c\xed\xa0\x80" "d");
  const SpanData* batch[] = {&span.data()};
  const std::string json = encode(detail::OtlpJsonEncoder(), batch, Resource());
  EXPECT_NE(json.find("\"name\":\"q\\\"b\\\\s/\\n\\t\\u0001\\u001f\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"stringValue\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""), std::string::npos) << json;
  // Each invalid sequence becomes U+FFFD (EF BF BD); the valid bytes stay.
  const std::string replacement = "\xef\xbf\xbd";
  const std::size_t bad = json.find("\"stringValue\":\"a" + replacement + "b" + replacement + "c");
  EXPECT_NE(bad, std::string::npos) << json;
  EXPECT_NE(json.find("d\"}", bad), std::string::npos) << json;
  EXPECT_EQ(json.find("\xff"), std::string::npos);
  EXPECT_EQ(json.find("\xed\xa0\x80"), std::string::npos);  // a UTF-16 surrogate is not UTF-8
}

TEST(OtlpJsonEncoder, WorstCaseContentStaysWithinTheSizedBound) {
  // Every string made of control characters (6 output bytes per input byte),
  // extreme numbers, arrays, events, links and a status message: the encoder
  // sizes each span before writing it, and debug builds assert the bound.
  const std::string controls(300, '\x01');
  const std::string_view strings[] = {controls, controls, "\x1f\x1f"};
  const std::int64_t ints[] = {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};
  const double doubles[] = {-2.2250738585072014e-308, std::numeric_limits<double>::quiet_NaN()};
  const bool bools[] = {true, false, true};
  const Attribute event_attributes[] = {{controls, AttributeValue(std::string_view(controls))},
                                        {"n", AttributeValue(std::numeric_limits<std::int64_t>::min())}};
  SpanContext linked;
  linked.trace_id = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
  linked.span_id = SpanId::from_hex("00f067aa0ba902b7");
  linked.trace_state = "congo=t61rcWkgMzE";
  testing::SpanBuilder span(controls);
  span.ids("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "53995c3f42cd8ad8")
      .times(std::numeric_limits<std::uint64_t>::max() - 1, std::numeric_limits<std::uint64_t>::max())
      .trace_state("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
      .attribute(controls, AttributeValue(std::string_view(controls)))
      .attribute("strings", std::span<const std::string_view>(strings))
      .attribute("ints", std::span<const std::int64_t>(ints))
      .attribute("doubles", std::span<const double>(doubles))
      .attribute("bools", std::span<const bool>(bools))
      .attribute("min", AttributeValue(std::numeric_limits<std::int64_t>::min()))
      .attribute("tiny", AttributeValue(-2.2250738585072014e-308))
      .event(std::numeric_limits<std::uint64_t>::max(), controls, event_attributes)
      .link(linked, event_attributes)
      .status(StatusCode::error, controls);
  const SpanData* batch[] = {&span.data(), &span.data()};
  const std::string json = encode(detail::OtlpJsonEncoder(), batch, Resource());
  std::string escaped;
  for (int i = 0; i < 300; ++i) escaped += "\\u0001";
  EXPECT_NE(json.find("\"name\":\"" + escaped + "\""), std::string::npos);
  EXPECT_NE(json.find("{\"intValue\":\"-9223372036854775808\"}"), std::string::npos) << json.substr(0, 200);
  EXPECT_NE(json.find("\"endTimeUnixNano\":\"18446744073709551615\""), std::string::npos);
  EXPECT_NE(json.find("{\"doubleValue\":\"NaN\"}"), std::string::npos);
  EXPECT_NE(json.find("{\"boolValue\":false}"), std::string::npos);
  EXPECT_NE(json.find("\"status\":{\"message\":\"" + escaped + "\",\"code\":2}"), std::string::npos);
  EXPECT_EQ(json.find('\0'), std::string::npos);  // nothing left of the sized-but-unwritten room
  EXPECT_EQ(json.back(), '}');
}

TEST(OtlpJsonEncoder, WritesShortestDoublesAndNonFiniteAsStrings) {
  const double values[] = {0.1, 1e300, -2.5e-8, std::numeric_limits<double>::quiet_NaN(),
                           std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  testing::SpanBuilder span("work");
  span.ids("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7")
      .times(1, 2)
      .attribute("ds", std::span<const double>(values))
      .attribute("i", std::numeric_limits<std::int64_t>::min());
  const SpanData* batch[] = {&span.data()};
  const std::string json = encode(detail::OtlpJsonEncoder(), batch, Resource());
  EXPECT_NE(json.find("[{\"doubleValue\":0.1},{\"doubleValue\":1e+300},{\"doubleValue\":-2.5e-08},"
                      "{\"doubleValue\":\"NaN\"},{\"doubleValue\":\"Infinity\"},{\"doubleValue\":\"-Infinity\"}]"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("{\"intValue\":\"-9223372036854775808\"}"), std::string::npos) << json;
}

}  // namespace
}  // namespace parley::tracing
