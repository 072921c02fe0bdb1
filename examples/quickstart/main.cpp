// Parley quickstart: the seed's manual-tracing and decorator examples in C++.
// Configured by environment only, e.g.
//
//   TRACING_ENABLED=true TRACING_PROVIDER=console TRACING_SAMPLE_RATE=1.0
//   build/release/bin/parley-quickstart   (with those variables set)
//
// It emits one small trace — a root with children, attributes of every type,
// an event and an error — and flushes before exiting, so any provider can be
// tried with one command.
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#ifdef PARLEY_HAVE_OTLP_GRPC
#include "parley/tracing/otlp_grpc.h"
#endif
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"

namespace tracing = parley::tracing;

namespace {

// The seed's @trace_function(name="process_message").
std::string process_message(const std::string& message) {
  PARLEY_TRACE_FUNCTION("process_message");
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  return "processed: " + message;
}

// The seed's manual tracing: a database query with attributes and an event.
std::vector<std::string> complex_operation(tracing::Tracer& tracer) {
  auto span = tracer.start_as_current_span("database_query");
  span.set_attribute("query.type", "SELECT");
  span.set_attribute("query.table", "messages");
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::vector<std::string> rows{"hello", "world"};
  span.add_event("query_completed", {{"rows_returned", static_cast<std::int64_t>(rows.size())}});
  return rows;
}

void failing_operation(tracing::Tracer& tracer) {
  auto span = tracer.start_as_current_span("ai.generate");
  span.set_attribute("ai.model", "llama2");
  try {
    throw std::runtime_error("ollama unavailable");
  } catch (const std::exception& error) {
    span.record_exception(error);  // exception event + error status
  }
}

}  // namespace

int main() {
#ifdef PARLEY_HAVE_OTLP_GRPC
  tracing::enable_otlp_grpc();  // TRACING_PROVIDER=otlp speaks gRPC on :4317
#endif
  const auto loaded = tracing::init_from_env();
  auto& tracer = tracing::get_tracer("parley.quickstart", "0.1.0");
  std::string trace_id;
  {
    tracing::StartOptions server;
    server.kind = tracing::SpanKind::server;
    auto root = tracer.start_as_current_span("POST /api/messages", server);
    trace_id = tracing::get_current_trace_id();
    // The seed's standard and custom attributes: one of each type.
    root.set_attribute("http.method", "POST");
    root.set_attribute("http.url", "/api/messages");
    root.set_attribute("user.id", "u-42");
    root.set_attribute("chat.room_id", std::int64_t{7});
    root.set_attribute("chat.message_type", "text");
    root.set_attribute("rag.enabled", true);
    root.set_attribute("ai.temperature", 0.7);
    root.set_attribute("chat.mentions", {std::string_view("ai"), std::string_view("bob")});
    root.set_attribute("chat.recipient_ids", {std::int64_t{1}, std::int64_t{2}, std::int64_t{3}});
    complex_operation(tracer);
    process_message("hello @ai");
    failing_operation(tracer);
    root.set_attribute("http.status_code", 201);
  }
  const bool flushed = tracing::shutdown(std::chrono::seconds(5));
  if (!loaded.config.enabled) {
    std::fprintf(stderr, "tracing is disabled (set TRACING_ENABLED=true); the work ran untraced\n");
  } else {
    std::fprintf(stderr, "trace %s %s\n", trace_id.c_str(), flushed ? "exported" : "not fully exported");
  }
  return 0;
}
