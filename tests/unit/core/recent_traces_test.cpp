#include <gtest/gtest.h>

#include <thread>

#include "export/memory/recent_traces_exporter.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/recent_traces.h"
#include "parley/tracing/tracer.h"
#include "support/recording_exporter.h"

namespace parley::tracing {
namespace {

class RecentTracesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    detail::clear_recent_traces();
    std::vector<std::unique_ptr<SpanExporter>> exporters;
    exporters.push_back(std::make_unique<detail::RecentTracesExporter>());
    auto config = testing::always_on_config();
    config.max_queue_size = 8192;
    ASSERT_TRUE(init(config, std::move(exporters)));
  }
  void TearDown() override { shutdown(); }
  Tracer& tracer_ = get_tracer("recent");
};

TEST_F(RecentTracesTest, KeepsWholeTracesWithAttributesEventsAndBottleneck) {
  std::string trace_id, slow_id;
  {
    StartOptions server;
    server.kind = SpanKind::server;
    StartOptions early;
    early.start_time = std::chrono::system_clock::now() - std::chrono::milliseconds(50);
    early.kind = SpanKind::server;
    auto root = tracer_.start_as_current_span("POST /api/messages", early);
    trace_id = root.context().trace_id.to_hex();
    {
      StartOptions slow;
      slow.start_time = std::chrono::system_clock::now() - std::chrono::milliseconds(40);
      auto child = tracer_.start_span("ollama.chat", slow);
      slow_id = child.context().span_id.to_hex();
      child.set_attribute("ai.model", "llama2");
      child.add_event("first_token", {{"tokens", 1}});
      child.set_status(StatusCode::error, "timeout");
    }
  }
  ASSERT_TRUE(force_flush());
  const auto found = find_recent_trace(trace_id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->root_name, "POST /api/messages");
  EXPECT_TRUE(found->error);
  ASSERT_EQ(found->spans.size(), 2u);
  EXPECT_GE(found->duration_ns, 50'000'000u);
  EXPECT_EQ(found->bottleneck_span_id, slow_id);
  const auto& child = found->spans[0];
  EXPECT_EQ(child.kind, "internal");
  EXPECT_EQ(child.status, "error");
  ASSERT_EQ(child.attributes.size(), 1u);
  EXPECT_EQ(child.attributes[0].second, "llama2");
  ASSERT_EQ(child.events.size(), 1u);
  EXPECT_EQ(child.events[0].attributes[0].second, "1");
  EXPECT_FALSE(find_recent_trace("00000000000000000000000000000001").has_value());
}

TEST_F(RecentTracesTest, RingKeepsTheNewestTracesOnly) {
  for (std::size_t i = 0; i < kRecentTraceCapacity + 50; ++i) {
    auto span = tracer_.start_span("request");
    span.set_attribute("n", static_cast<std::int64_t>(i));
  }
  ASSERT_TRUE(force_flush());
  const auto traces = recent_traces();
  ASSERT_EQ(traces.size(), kRecentTraceCapacity);
  EXPECT_EQ(traces.front().spans[0].attributes[0].second, std::to_string(kRecentTraceCapacity + 49));
  EXPECT_EQ(recent_traces(5).size(), 5u);
}

TEST_F(RecentTracesTest, SummarisesLatencyAndErrorsPerSpanName) {
  for (int i = 0; i < 3; ++i) {
    auto span = tracer_.start_span("database.query.messages");
    if (i == 0) span.set_status(StatusCode::error);
  }
  ASSERT_TRUE(force_flush());
  const auto summaries = span_name_summaries();
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(summaries[0].name, "database.query.messages");
  EXPECT_EQ(summaries[0].count, 3u);
  EXPECT_EQ(summaries[0].errors, 1u);
  std::uint64_t total = 0;
  for (const auto n : summaries[0].latency) total += n;
  EXPECT_EQ(total, 3u);
  EXPECT_EQ(latency_bucket_bounds()[3], 1'000'000u);
}


TEST_F(RecentTracesTest, UnderLoadTheRingTakesOneInStrideTracesByIdAndEveryFailedOne) {
  // Second 1: 300 traces, all admitted (stride 1), more than 100 a second.
  for (int i = 0; i < 300; ++i) tracer_.start_span("busy");
  ASSERT_TRUE(force_flush());
  EXPECT_EQ(recent_traces_admission().stride, 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  // The next batch opens a new window: the stride doubles, so a trace whose
  // id ends in an odd bit stays out unless it failed.
  std::vector<std::string> kept, left_out, failed;
  for (int i = 0; i < 200; ++i) {
    auto span = tracer_.start_span("busy");
    const bool odd = (span.context().trace_id.low & 1) != 0;
    const std::string id = span.context().trace_id.to_hex();
    if (odd && i % 10 == 0) {
      span.set_status(StatusCode::error, "boom");
      failed.push_back(id);
    } else {
      (odd ? left_out : kept).push_back(id);
    }
  }
  ASSERT_TRUE(force_flush());
  const auto admission = recent_traces_admission();
  EXPECT_EQ(admission.stride, 2u);
  EXPECT_EQ(admission.skipped_spans, left_out.size());
  ASSERT_FALSE(left_out.empty());
  for (const auto& id : left_out) EXPECT_FALSE(find_recent_trace(id).has_value()) << id;
  for (const auto& id : failed) EXPECT_TRUE(find_recent_trace(id).has_value()) << id;
  EXPECT_TRUE(find_recent_trace(kept.back()).has_value());
  // The latency summary still counts every span.
  const auto names = span_name_summaries();
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].count, 500u);
}

}  // namespace
}  // namespace parley::tracing
