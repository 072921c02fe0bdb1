// The admin server's API behind the trace page: routes, renderers, and a
// live read of the recent-traces ring after real spans.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "admin/trace_api.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#include "support/env_guard.h"

namespace parley::chat {
namespace {

namespace json = boost::json;

tracing::RecentSpan span(std::string id, std::string parent, std::string name, std::string service,
                         std::string kind, std::uint64_t start, std::uint64_t end) {
  tracing::RecentSpan out;
  out.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  out.span_id = std::move(id);
  out.parent_span_id = std::move(parent);
  out.name = std::move(name);
  out.service = std::move(service);
  out.kind = std::move(kind);
  out.status = "unset";
  out.start_unix_ns = start;
  out.end_unix_ns = end;
  return out;
}

tracing::RecentTrace sample_trace() {
  constexpr std::uint64_t t0 = 1'700'000'000'123'456'789ULL;
  tracing::RecentTrace trace;
  trace.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  trace.root_name = "POST /api/messages";
  trace.start_unix_ns = t0;
  trace.duration_ns = 5'000'000;
  trace.bottleneck_span_id = "00000000000000c2";
  trace.spans.push_back(span("00000000000000a1", "", "POST /api/messages", "chat-system", "server", t0, t0 + 5'000'000));
  auto ollama = span("00000000000000c2", "00000000000000a1", "chat llama2", "chat-system", "client", t0 + 1'000'000,
                     t0 + 4'000'000);
  ollama.status = "error";
  ollama.attributes = {{"peer.service", "ollama"}, {"ai.model", "llama2"}};
  ollama.events.push_back(tracing::RecentEvent{"exception", t0 + 3'999'000, {{"exception.message", "timeout"}}});
  trace.spans.push_back(ollama);
  trace.spans.push_back(span("00000000000000d3", "00000000000000a1", "index", "search", "server", t0 + 4'100'000,
                             t0 + 4'200'000));
  trace.error = true;
  return trace;
}

TEST(TraceApi, TraceGivesOffsetsFromItsStartAndKeepsAttributesAndEvents) {
  const auto trace = json::parse(render_trace(sample_trace())).as_object();
  EXPECT_EQ(trace.at("trace_id").as_string(), "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(trace.at("bottleneck_span_id").as_string(), "00000000000000c2");
  EXPECT_DOUBLE_EQ(trace.at("start_unix_ms").as_double(), 1'700'000'000'123.456);
  const auto& spans = trace.at("spans").as_array();
  ASSERT_EQ(spans.size(), 3u);
  const auto& ollama = spans[1].as_object();
  EXPECT_EQ(ollama.at("offset_ns").to_number<std::uint64_t>(), 1'000'000u);
  EXPECT_EQ(ollama.at("duration_ns").to_number<std::uint64_t>(), 3'000'000u);
  EXPECT_EQ(ollama.at("status").as_string(), "error");
  EXPECT_EQ(ollama.at("attributes").at("ai.model").as_string(), "llama2");
  EXPECT_EQ(ollama.at("events").at(0).at("offset_ns").to_number<std::uint64_t>(), 3'999'000u);
  EXPECT_EQ(ollama.at("events").at(0).at("attributes").at("exception.message").as_string(), "timeout");
  EXPECT_EQ(spans[0].at("parent_span_id").as_string(), "");
}

TEST(TraceApi, ServiceMapHasParentChildAndPeerServiceEdges) {
  const auto map = json::parse(render_service_map({sample_trace(), sample_trace()})).as_object();
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> edges;
  for (const auto& edge : map.at("edges").as_array()) {
    edges[std::string(edge.at("from").as_string()) + "->" + std::string(edge.at("to").as_string())] = {
        edge.at("calls").to_number<std::uint64_t>(), edge.at("errors").to_number<std::uint64_t>()};
  }
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_EQ(edges["chat-system->ollama"], std::make_pair(std::uint64_t{2}, std::uint64_t{2}));
  EXPECT_EQ(edges["chat-system->search"], std::make_pair(std::uint64_t{2}, std::uint64_t{0}));
  std::vector<std::string> nodes;
  for (const auto& node : map.at("nodes").as_array()) nodes.emplace_back(node.at("name").as_string());
  EXPECT_EQ(nodes, (std::vector<std::string>{"chat-system", "ollama", "search"}));
}

TEST(TraceApi, ListAndHealthAndSpanNames) {
  const auto list = json::parse(render_trace_list({sample_trace()})).as_object();
  const auto& first = list.at("traces").at(0).as_object();
  EXPECT_EQ(first.at("span_count").to_number<int>(), 3);
  EXPECT_TRUE(first.at("error").as_bool());
  EXPECT_EQ(first.at("services").as_array().size(), 2u);

  tracing::TracingStats stats;
  stats.spans_exported = 7;
  stats.dropped_queue_full = 2;
  tracing::ExporterStats exporter;
  exporter.circuit_state = "open";
  exporter.last_error = "Couldn't connect to server";
  stats.exporters.emplace_back("otlp", exporter);
  const auto health = json::parse(render_health(true, stats)).as_object();
  EXPECT_EQ(health.at("spans_exported").to_number<int>(), 7);
  EXPECT_EQ(health.at("dropped").at("queue_full").to_number<int>(), 2);
  EXPECT_EQ(health.at("exporters").at(0).at("circuit_state").as_string(), "open");

  tracing::SpanNameSummary summary;
  summary.name = "database.query.messages";
  summary.count = 4;
  summary.latency[2] = 4;
  const auto names = json::parse(render_span_names({summary})).as_object();
  EXPECT_EQ(names.at("bucket_bounds_ns").as_array().size(), tracing::kLatencyBuckets);
  EXPECT_EQ(names.at("spans").at(0).at("latency").at(2).to_number<int>(), 4);
}

TEST(TraceApi, RoutesPagesErrorsAndRedirects) {
  const auto page = handle_admin("GET", "/debug/traces");
  EXPECT_EQ(page.status, 200u);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_FALSE(page.body.empty());
  EXPECT_EQ(handle_admin("GET", "/debug/traces/4bf92f3577b34da6a3ce929d0e0e4736").body, page.body);
  EXPECT_EQ(handle_admin("GET", "/debug/traces/4bf92f").status, 404u);
  const auto root = handle_admin("GET", "/");
  EXPECT_EQ(root.status, 302u);
  EXPECT_EQ(root.location, "/debug/traces");
  EXPECT_EQ(handle_admin("POST", "/debug/traces/api/traces").status, 405u);
  EXPECT_EQ(handle_admin("GET", "/debug/traces/api/nope").status, 404u);
  EXPECT_EQ(handle_admin("GET", "/elsewhere").status, 404u);
  const auto bad_id = handle_admin("GET", "/debug/traces/api/traces/XYZ");
  EXPECT_EQ(bad_id.status, 400u);
  EXPECT_NE(bad_id.body.find("32 lowercase hex"), std::string::npos);
  EXPECT_EQ(handle_admin("GET", "/debug/traces/api/traces/4bf92f3577b34da6a3ce929d0e0e4736").status, 404u);
  for (const char* bad : {"?limit=abc", "?limit=0", "?limit=-3", "?limit=5x", "?limit="}) {
    const auto reply = handle_admin("GET", std::string("/debug/traces/api/traces") + bad);
    EXPECT_EQ(reply.status, 400u) << bad;
    EXPECT_NE(reply.body.find("limit must be a positive integer"), std::string::npos) << bad;
  }
  EXPECT_EQ(handle_admin("GET", "/debug/traces/api/traces?limit=3").status, 200u);
}

TEST(TraceApi, ReadsTheRingOfRecentTracesAfterRealSpans) {
  tracing::testing::EnvGuard enabled("TRACING_ENABLED", "true");
  tracing::testing::EnvGuard provider("TRACING_PROVIDER", "none");
  tracing::testing::EnvGuard rate("TRACING_SAMPLE_RATE", "1.0");
  tracing::init_from_env();
  std::string trace_id;
  {
    auto root = tracing::get_tracer("test").start_as_current_span("GET /api/rooms");
    trace_id = root.context().trace_id.to_hex();
    auto child = tracing::get_tracer("test").start_span("database.query.rooms");
  }
  ASSERT_TRUE(tracing::force_flush());
  const auto list = json::parse(handle_admin("GET", "/debug/traces/api/traces?limit=5").body).as_object();
  ASSERT_FALSE(list.at("traces").as_array().empty());
  EXPECT_EQ(list.at("traces").at(0).at("trace_id").as_string(), trace_id);
  const auto one = handle_admin("GET", "/debug/traces/api/traces/" + trace_id);
  ASSERT_EQ(one.status, 200u);
  const auto trace = json::parse(one.body).as_object();
  EXPECT_EQ(trace.at("spans").as_array().size(), 2u);
  EXPECT_EQ(trace.at("root_name").as_string(), "GET /api/rooms");
  const auto health = json::parse(handle_admin("GET", "/debug/traces/api/health").body).as_object();
  EXPECT_TRUE(health.at("enabled").as_bool());
  EXPECT_GE(health.at("spans_sampled").to_number<int>(), 2);
  tracing::shutdown();
}

}  // namespace
}  // namespace parley::chat
