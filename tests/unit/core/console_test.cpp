#include <gtest/gtest.h>

#include "export/console/console_exporter.h"
#include "export/console/trace_tree.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"

namespace parley::tracing {
namespace {

using detail::SpanSummary;

SpanSummary span(std::uint64_t id, std::uint64_t parent, std::string name, std::uint64_t start_ms,
                 std::uint64_t end_ms) {
  SpanSummary s;
  s.trace_id = TraceId{1, 2};
  s.span_id = SpanId{id};
  s.parent_span_id = SpanId{parent};
  s.name = std::move(name);
  s.start_ns = start_ms * 1000000;
  s.end_ns = end_ms * 1000000;
  return s;
}

// The seed's example trace.
std::vector<SpanSummary> seed_trace() {
  return {
      span(1, 0, "POST /api/messages", 0, 1200), span(2, 1, "HTTP Handler", 0, 50),
      span(3, 1, "AI Processing", 50, 850),       span(4, 3, "Ollama Request", 50, 800),
      span(5, 3, "Result Processing", 800, 850),  span(6, 1, "Database Insert", 850, 950),
      span(7, 1, "WebSocket Broadcast", 950, 1200),
  };
}

TEST(TraceTree, RendersTheSeedsPerformanceAnalysis) {
  const auto spans = seed_trace();
  const auto analysis = detail::analyze_trace(spans);
  const std::string text = detail::render_trace(spans, analysis);
  EXPECT_EQ(text,
            "Trace: POST /api/messages (1.2s total)  trace_id=00000000000000010000000000000002\n"
            "├─ HTTP Handler (50ms)\n"
            "├─ AI Processing (800ms)\n"
            "│  ├─ Ollama Request (750ms) ← Bottleneck\n"
            "│  └─ Result Processing (50ms)\n"
            "├─ Database Insert (100ms)\n"
            "└─ WebSocket Broadcast (250ms)\n");
}

TEST(TraceTree, BottleneckIsTheLargestSelfTimeOnTheCriticalPath) {
  auto spans = seed_trace();
  const auto analysis = detail::analyze_trace(spans);
  // Sequential children are all on the critical path, walked back from the end.
  std::vector<std::string> path;
  for (const auto index : analysis.critical_path) path.push_back(spans[index].name);
  EXPECT_EQ(path, (std::vector<std::string>{"POST /api/messages", "WebSocket Broadcast", "Database Insert",
                                            "AI Processing", "Result Processing", "Ollama Request", "HTTP Handler"}));
  EXPECT_EQ(analysis.self_ns[0], 0u);  // children cover the root entirely
  EXPECT_EQ(spans[analysis.bottleneck].name, "Ollama Request");
}

TEST(TraceTree, ParallelChildrenOffThePathAreNotTheBottleneck) {
  // Two children in parallel: only the one that ends last is on the path.
  std::vector<SpanSummary> spans = {span(1, 0, "root", 0, 100), span(2, 1, "long-but-early", 0, 90),
                                    span(3, 1, "ends-last", 10, 100)};
  const auto analysis = detail::analyze_trace(spans);
  EXPECT_EQ(spans[analysis.bottleneck].name, "ends-last");
}

TEST(TraceTree, FormatsDurations) {
  EXPECT_EQ(detail::format_duration(1200000000), "1.2s");
  EXPECT_EQ(detail::format_duration(50000000), "50ms");
  EXPECT_EQ(detail::format_duration(2350000), "2.35ms");
  EXPECT_EQ(detail::format_duration(340000), "340µs");
}

TEST(ConsoleExporter, PrintsEachTraceWhenItsRootArrives) {
  std::string output;
  std::vector<std::unique_ptr<SpanExporter>> exporters;
  exporters.push_back(std::make_unique<detail::ConsoleExporter>([&output](std::string_view text) { output += text; }));
  FinalConfig config;
  config.enabled = true;
  config.root_sampler = RootSampler::always_on;
  ASSERT_TRUE(init(config, std::move(exporters)));
  {
    auto root = get_tracer("console").start_as_current_span("POST /api/messages");
    auto child = get_tracer("console").start_span("database.query.messages");
    child.set_status(StatusCode::error, "locked");
  }
  ASSERT_TRUE(shutdown());
  EXPECT_NE(output.find("Trace: POST /api/messages ("), std::string::npos) << output;
  EXPECT_NE(output.find("└─ database.query.messages ("), std::string::npos) << output;
  EXPECT_NE(output.find("✗ error: locked"), std::string::npos) << output;
}

}  // namespace
}  // namespace parley::tracing
