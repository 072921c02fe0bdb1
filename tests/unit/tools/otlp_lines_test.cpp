#include "otlp_lines.h"

#include <gtest/gtest.h>

#include <sstream>

#include "unit/tools/trace_lines.h"

namespace parley::tools {
namespace {

using namespace testing;
using tracing::SpanKind;
using tracing::StatusCode;

TEST(OtlpLine, ReadsSpansWithTheServiceOfTheirResource) {
  const auto line = request_line("chat-system", {{kTraceA, "00f067aa0ba902b7", "", "POST /api/messages", 0, 1200, 2},
                                                 {kTraceA, "00f067aa0ba902b8", "00f067aa0ba902b7", "db", 10, 60, 3}});
  const auto parsed = parse_otlp_line(line);
  ASSERT_TRUE(parsed.valid);
  ASSERT_EQ(parsed.spans.size(), 2u);
  EXPECT_TRUE(parsed.problems.empty());
  const auto& root = parsed.spans[0].summary;
  EXPECT_EQ(root.trace_id.to_hex(), kTraceA);
  EXPECT_EQ(root.span_id.to_hex(), "00f067aa0ba902b7");
  EXPECT_FALSE(root.parent_span_id.valid());
  EXPECT_EQ(root.name, "POST /api/messages");
  EXPECT_EQ(root.service, "chat-system");
  EXPECT_EQ(root.kind, SpanKind::server);
  EXPECT_EQ(root.duration_ns(), 1200 * kMs);
  EXPECT_EQ(parsed.spans[1].summary.parent_span_id.to_hex(), "00f067aa0ba902b7");
  EXPECT_EQ(parsed.spans[1].summary.kind, SpanKind::client);
}

TEST(OtlpLine, AcceptsUppercaseIdsNumericTimesAndEnumNames) {
  const auto parsed = parse_otlp_line(
      R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"4BF92F3577B34DA6A3CE929D0E0E4736",)"
      R"("spanId":"00F067AA0BA902B7","name":"x","kind":"SPAN_KIND_CONSUMER","startTimeUnixNano":1000,)"
      R"("endTimeUnixNano":"3000","status":{"code":"STATUS_CODE_ERROR","message":"boom"}}]}]}]})");
  ASSERT_EQ(parsed.spans.size(), 1u);
  const auto& span = parsed.spans[0].summary;
  EXPECT_EQ(span.trace_id.to_hex(), kTraceA);
  EXPECT_EQ(span.kind, SpanKind::consumer);
  EXPECT_EQ(span.status, StatusCode::error);
  EXPECT_EQ(span.status_message, "boom");
  EXPECT_EQ(span.duration_ns(), 2000u);
  EXPECT_EQ(span.service, "unknown_service");
}

TEST(OtlpLine, KeepsAttributesAsText) {
  const auto parsed = parse_otlp_line(request_line(
      "svc", {{kTraceA, "00f067aa0ba902b7", "", "x", 0, 1, 3, 0,
               R"([{"key":"server.port","value":{"intValue":"11434"}},{"key":"ok","value":{"boolValue":true}},)"
               R"({"key":"server.address","value":{"stringValue":"localhost"}}])"}}));
  ASSERT_EQ(parsed.spans.size(), 1u);
  EXPECT_EQ(parsed.spans[0].attribute("server.port"), "11434");
  EXPECT_EQ(parsed.spans[0].attribute("ok"), "true");
  EXPECT_EQ(parsed.spans[0].attribute("server.address"), "localhost");
  EXPECT_EQ(parsed.spans[0].attribute("missing"), "");
}

TEST(OtlpLine, RejectsTextThatIsNotJson) {
  const auto parsed = parse_otlp_line("{\"resourceSpans\": [");
  EXPECT_FALSE(parsed.valid);
  ASSERT_EQ(parsed.problems.size(), 1u);
  EXPECT_EQ(parsed.problems[0].rfind("not JSON (", 0), 0u) << parsed.problems[0];
}

TEST(OtlpLine, RejectsJsonThatIsNotATraceRequest) {
  const auto parsed = parse_otlp_line(R"({"resourceMetrics":[]})");
  EXPECT_FALSE(parsed.valid);
  ASSERT_EQ(parsed.problems.size(), 1u);
  EXPECT_EQ(parsed.problems[0], "not an OTLP trace request (no \"resourceSpans\" array)");
}

TEST(OtlpLine, SkipsASpanWithABadIdAndKeepsTheOthers) {
  const auto parsed = parse_otlp_line(request_line(
      "svc", {{kTraceA, "00f067aa0ba902b7", "", "good", 0, 1}, {kTraceA, "xyz", "", "bad", 0, 1}}));
  EXPECT_TRUE(parsed.valid);
  ASSERT_EQ(parsed.spans.size(), 1u);
  EXPECT_EQ(parsed.spans[0].summary.name, "good");
  ASSERT_EQ(parsed.problems.size(), 1u);
  EXPECT_NE(parsed.problems[0].find("\"bad\""), std::string::npos);
}

TEST(OtlpLine, SkipsASpanWithoutTimes) {
  const auto parsed = parse_otlp_line(
      R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736",)"
      R"("spanId":"00f067aa0ba902b7","name":"x","startTimeUnixNano":"12a"}]}]}]})");
  EXPECT_TRUE(parsed.valid);
  EXPECT_TRUE(parsed.spans.empty());
  ASSERT_EQ(parsed.problems.size(), 1u);
  EXPECT_NE(parsed.problems[0].find("startTimeUnixNano"), std::string::npos);
}

TEST(OtlpLine, TreatsABlankLineAsValidAndEmpty) {
  const auto parsed = parse_otlp_line("  \r");
  EXPECT_TRUE(parsed.valid);
  EXPECT_TRUE(parsed.spans.empty());
  EXPECT_TRUE(parsed.problems.empty());
}

TEST(ReadOtlpLines, ReportsEachBadLineByNumberAndKeepsReading) {
  std::istringstream input(request_line("svc", {{kTraceA, "00f067aa0ba902b7", "", "one", 0, 1}}) + "\n" +
                           "garbage\n" + request_line("svc", {{kTraceB, "00f067aa0ba902b8", "", "two", 0, 1}}) +
                           "\n");
  std::vector<ParsedSpan> spans;
  std::vector<std::string> reports;
  const auto summary = read_otlp_lines(input, "traces.jsonl", spans,
                                       [&](const std::string& problem) { reports.push_back(problem); });
  EXPECT_EQ(summary.lines, 3u);
  EXPECT_EQ(summary.bad_lines, 1u);
  EXPECT_EQ(summary.spans, 2u);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[1].summary.name, "two");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].rfind("traces.jsonl:2: line skipped: not JSON", 0), 0u) << reports[0];
}

}  // namespace
}  // namespace parley::tools
