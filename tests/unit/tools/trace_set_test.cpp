#include "trace_set.h"

#include <gtest/gtest.h>

#include "service_map.h"
#include "unit/tools/trace_lines.h"

namespace parley::tools {
namespace {

using namespace testing;

std::vector<ParsedSpan> spans_of(const std::vector<std::string>& lines) {
  std::vector<ParsedSpan> out;
  for (const auto& line : lines) {
    for (auto& span : parse_otlp_line(line).spans) out.push_back(std::move(span));
  }
  return out;
}

// The seed's performance-analysis trace, called by a load generator, with
// the chat server's spans on another line.
std::vector<std::string> seed_trace_lines() {
  const auto ollama = string_attribute("server.address", "localhost") + "," +
                      R"({"key":"server.port","value":{"intValue":"11434"}})";
  return {request_line("parley-loadgen", {{kTraceA, "00000000000000a1", "", "POST /api/messages", 0, 1210, 3}}),
          request_line("chat-system",
                       {{kTraceA, "00000000000000b1", "00000000000000a1", "POST /api/messages", 5, 1205, 2},
                        {kTraceA, "00000000000000b2", "00000000000000b1", "HTTP Handler", 5, 55},
                        {kTraceA, "00000000000000b3", "00000000000000b1", "AI Processing", 55, 855},
                        {kTraceA, "00000000000000b4", "00000000000000b3", "Ollama Request", 55, 805, 3, 2,
                         "[" + ollama + "]"},
                        {kTraceA, "00000000000000b5", "00000000000000b3", "Result Processing", 805, 855},
                        {kTraceA, "00000000000000b6", "00000000000000b1", "Database Insert", 855, 955, 3, 0,
                         "[" + string_attribute("db.system", "sqlite") + "]"},
                        {kTraceA, "00000000000000b7", "00000000000000b1", "WebSocket Broadcast", 955, 1205}})};
}

TEST(GroupTraces, JoinsOneTracesSpansAcrossLinesAndMarksTheBottleneck) {
  const auto traces = group_traces(spans_of(seed_trace_lines()));
  ASSERT_EQ(traces.size(), 1u);
  const auto& trace = traces[0];
  EXPECT_EQ(trace.spans.size(), 8u);
  EXPECT_EQ(trace.duration_ns, 1210 * kMs);
  EXPECT_TRUE(trace.error);
  ASSERT_NE(trace.analysis.bottleneck, SIZE_MAX);
  EXPECT_EQ(trace.summaries[trace.analysis.bottleneck].name, "Ollama Request");
  const auto text = tracing::detail::render_trace(trace.summaries, trace.analysis);
  EXPECT_NE(text.find("Trace: POST /api/messages (1.2s total)"), std::string::npos) << text;
  EXPECT_NE(text.find("Ollama Request (750ms) ✗ error ← Bottleneck"), std::string::npos) << text;
}

TEST(GroupTraces, KeepsASpanSeenTwiceOnceAndOrdersTracesByStart) {
  auto lines = seed_trace_lines();
  lines.push_back(lines[0]);
  // Trace B's id sorts before A's, but it starts later.
  lines.push_back(request_line("svc", {{kTraceB, "00000000000000c1", "", "later", 2000, 2001}}));
  const auto traces = group_traces(spans_of(lines));
  ASSERT_EQ(traces.size(), 2u);
  EXPECT_EQ(traces[0].id.to_hex(), kTraceA);
  EXPECT_EQ(traces[0].spans.size(), 8u);
  EXPECT_EQ(traces[1].id.to_hex(), kTraceB);
}

TEST(TraceFilter, SelectsByIdPrefixSpanNameDurationAndErrors) {
  auto lines = seed_trace_lines();
  lines.push_back(request_line("svc", {{kTraceB, "00000000000000c1", "", "GET /healthz", 0, 2}}));
  const auto traces = group_traces(spans_of(lines));
  ASSERT_EQ(traces.size(), 2u);
  const auto count = [&](const TraceFilter& filter) {
    return std::count_if(traces.begin(), traces.end(), [&](const Trace& t) { return filter.matches(t); });
  };
  const auto with = [](auto set) {
    TraceFilter filter;
    set(filter);
    return filter;
  };
  EXPECT_EQ(count(TraceFilter{}), 2);
  EXPECT_EQ(count(with([](TraceFilter& f) { f.trace_id = "4BF92F"; })), 1);
  EXPECT_EQ(count(with([](TraceFilter& f) { f.trace_id = "ffff"; })), 0);
  EXPECT_EQ(count(with([](TraceFilter& f) { f.span_name = "Ollama"; })), 1);
  EXPECT_EQ(count(with([](TraceFilter& f) { f.min_duration = std::chrono::milliseconds(3); })), 1);
  EXPECT_EQ(count(with([](TraceFilter& f) { f.min_duration = std::chrono::milliseconds(2); })), 2);
  EXPECT_EQ(count(with([](TraceFilter& f) { f.errors_only = true; })), 1);
}

TEST(ParseDuration, AcceptsUnitsAndBareMilliseconds) {
  EXPECT_EQ(parse_duration("250ms"), std::chrono::milliseconds(250));
  EXPECT_EQ(parse_duration("1.5s"), std::chrono::milliseconds(1500));
  EXPECT_EQ(parse_duration("800us"), std::chrono::microseconds(800));
  EXPECT_EQ(parse_duration("42"), std::chrono::milliseconds(42));
  EXPECT_EQ(parse_duration("10ns"), std::chrono::nanoseconds(10));
  EXPECT_FALSE(parse_duration("fast"));
  EXPECT_FALSE(parse_duration("5min"));
  EXPECT_FALSE(parse_duration("-1ms"));
  EXPECT_FALSE(parse_duration(""));
}

TEST(ServiceMap, CountsCrossServiceCallsAndNamesUntracedPeers) {
  const auto traces = group_traces(spans_of(seed_trace_lines()));
  const auto map = build_service_map({&traces[0]});
  ASSERT_EQ(map.edges.size(), 3u);
  EXPECT_EQ(map.edges[0].caller, "chat-system");
  EXPECT_EQ(map.edges[0].callee, "localhost:11434");
  EXPECT_EQ(map.edges[0].errors, 1u);
  EXPECT_EQ(map.edges[1].callee, "sqlite");
  EXPECT_EQ(map.edges[2].caller, "parley-loadgen");
  EXPECT_EQ(map.edges[2].callee, "chat-system");
  EXPECT_EQ(map.edges[2].calls, 1u);
  EXPECT_EQ(map.edges[2].total_ns, 1200 * kMs);
  EXPECT_EQ(map.services.at("chat-system").spans, 7u);
  EXPECT_EQ(map.services.at("sqlite").spans, 0u);
  const auto summary = render_service_summary(map);
  EXPECT_NE(summary.find("parley-loadgen -> chat-system: 1 call, avg 1.2s"), std::string::npos) << summary;
  EXPECT_NE(summary.find("sqlite: not traced"), std::string::npos) << summary;
}

TEST(ServiceMap, RendersDotAndMermaid) {
  const auto traces = group_traces(spans_of(seed_trace_lines()));
  const auto map = build_service_map({&traces[0]});
  const auto dot = render_dot(map);
  EXPECT_EQ(dot.rfind("digraph services {", 0), 0u);
  EXPECT_NE(dot.find("\"parley-loadgen\" -> \"chat-system\" [label=\"1 call\"];"), std::string::npos) << dot;
  EXPECT_NE(dot.find("[label=\"1 call, 1 error\", color=red]"), std::string::npos) << dot;
  const auto mermaid = render_mermaid(map);
  EXPECT_EQ(mermaid.rfind("flowchart LR\n", 0), 0u);
  EXPECT_NE(mermaid.find("s2[\"parley-loadgen\"]"), std::string::npos) << mermaid;
  EXPECT_NE(mermaid.find("s2 -->|1 call| s0"), std::string::npos) << mermaid;
}

}  // namespace
}  // namespace parley::tools
