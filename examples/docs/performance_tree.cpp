// docs/TRACING.md, "Performance analysis": the seed's POST /api/messages
// trace, at a tenth of its durations, for the console tree and parley-trace:
//
//   TRACING_ENABLED=true TRACING_PROVIDER=console TRACING_SAMPLE_RATE=1.0 performance_tree
//   TRACING_ENABLED=true TRACING_PROVIDER=file TRACING_FILE_PATH=traces.jsonl TRACING_SAMPLE_RATE=1.0 performance_tree
//   parley-trace traces.jsonl
#include <chrono>
#include <string_view>
#include <thread>

#include <parley/tracing/provider.h>
#include <parley/tracing/tracer.h>

namespace {

auto& tracer = parley::tracing::get_tracer("chat.api");

void step(std::string_view name, std::chrono::milliseconds duration) {
  auto span = tracer.start_as_current_span(name);
  std::this_thread::sleep_for(duration);
}

}  // namespace

int main() {
  parley::tracing::init_from_env();
  {
    // [doc:seed_trace]
    parley::tracing::StartOptions server;
    server.kind = parley::tracing::SpanKind::server;
    auto request = tracer.start_as_current_span("POST /api/messages", server);
    step("HTTP Handler", std::chrono::milliseconds(5));
    {
      auto ai = tracer.start_as_current_span("AI Processing");
      step("Ollama Request", std::chrono::milliseconds(75));
      step("Result Processing", std::chrono::milliseconds(5));
    }
    step("Database Insert", std::chrono::milliseconds(10));
    step("WebSocket Broadcast", std::chrono::milliseconds(25));
    // [/doc:seed_trace]
  }
  parley::tracing::shutdown();
  return 0;
}
