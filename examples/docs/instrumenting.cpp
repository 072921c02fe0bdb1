// docs/TRACING.md, "Instrumenting code" and "Trace attributes": manual spans,
// the decorator macro, errors, span options, attributes. Run it with
// TRACING_ENABLED=true TRACING_PROVIDER=console TRACING_SAMPLE_RATE=1.0 to
// see the trace it makes.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <parley/tracing/provider.h>
#include <parley/tracing/span.h>
#include <parley/tracing/tracer.h>

namespace {

// Stand-ins for the application's own types.
struct Row {
  std::string text;
};
struct Database {
  std::vector<Row> execute(std::string_view /*query*/) {
    std::this_thread::sleep_for(std::chrono::milliseconds(4));
    return {{"hello"}, {"world"}};
  }
};
std::string ollama_generate(const std::string& prompt) {
  if (prompt.empty()) throw std::runtime_error("empty prompt");
  return "hi";
}

// [doc:manual]
auto& tracer = parley::tracing::get_tracer("chat.store");

std::vector<Row> complex_operation(Database& db, std::string_view query) {
  auto span = tracer.start_as_current_span("database_query");
  span.set_attribute("query.type", "SELECT");
  span.set_attribute("query.table", "messages");

  auto rows = db.execute(query);

  span.add_event("query_completed", {{"rows_returned", rows.size()}});
  return rows;
}  // the span ends here, and the previous current span is current again
// [/doc:manual]

// [doc:decorator]
std::string process_message(const std::string& message) {
  PARLEY_TRACE_FUNCTION("process_message");  // a span, current until the function returns
  return "processed: " + message;
}
// [/doc:decorator]

// [doc:errors]
std::string generate_reply(const std::string& prompt) {
  auto span = tracer.start_as_current_span("ai.generate");
  span.set_attribute("ai.model", "llama2");
  try {
    return ollama_generate(prompt);
  } catch (const std::exception& error) {
    span.record_exception(error);  // an "exception" event and status Error
    throw;
  }
}
// [/doc:errors]

bool find_room(std::int64_t room_id) {
  // [doc:status]
  auto span = tracer.start_as_current_span("room.lookup");
  span.set_attribute("chat.room_id", room_id);
  const bool found = room_id < 100;
  if (!found) span.set_status(parley::tracing::StatusCode::error, "no such room");
  // [/doc:status]
  return found;
}

void annotate(parley::tracing::Span& span, std::int64_t user_id, std::int64_t room_id) {
  // [doc:attributes_standard]
  span.set_attribute("http.method", "POST");        // current convention: http.request.method
  span.set_attribute("http.url", "/api/messages");  // url.full, or url.path for a server
  span.set_attribute("http.status_code", 200);      // http.response.status_code
  span.set_attribute("user.id", user_id);
  // [/doc:attributes_standard]

  // [doc:attributes_custom]
  span.set_attribute("chat.room_id", room_id);
  span.set_attribute("chat.message_type", "text");
  span.set_attribute("ai.model", "llama2");
  span.set_attribute("rag.enabled", true);
  span.set_attribute("ai.temperature", 0.7);
  span.set_attribute("chat.mentions", {std::string_view("ai"), std::string_view("bob")});
  // [/doc:attributes_custom]
}

void index_in_background(const parley::tracing::Context& request) {
  // [doc:explicit_parent]
  parley::tracing::StartOptions options;
  options.parent = &request;  // not the current span: the one given
  auto span = tracer.start_span("search.index", options);
  // [/doc:explicit_parent]
}

}  // namespace

int main() {
  parley::tracing::init_from_env();
  Database db;
  bool ok = true;
  {
    // [doc:server_span]
    parley::tracing::StartOptions options;
    options.kind = parley::tracing::SpanKind::server;
    auto request = tracer.start_as_current_span("POST /api/messages", options);
    // [/doc:server_span]
    annotate(request, 42, 7);
    ok &= complex_operation(db, "SELECT text FROM messages").size() == 2;
    ok &= process_message("hello @ai") == "processed: hello @ai";
    ok &= !find_room(404);
    try {
      generate_reply("");
      ok = false;  // ollama_generate throws on an empty prompt
    } catch (const std::runtime_error&) {
    }
    std::thread worker(index_in_background, request.as_context());
    worker.join();
  }
  parley::tracing::shutdown();
  if (!ok) std::fprintf(stderr, "instrumenting: unexpected result\n");
  return ok ? 0 : 1;
}
