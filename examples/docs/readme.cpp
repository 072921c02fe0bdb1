// README.md's "Tracing in thirty seconds", exactly as the README shows it
// (tests/docs/check_examples.mjs compares the two; ctest runs it).
// [doc:thirty_seconds]
#include <parley/tracing/provider.h>
#include <parley/tracing/tracer.h>

int main() {
  parley::tracing::init_from_env();              // TRACING_ENABLED, TRACING_PROVIDER, ...
  auto& tracer = parley::tracing::get_tracer("chat.messages");
  {
    auto span = tracer.start_as_current_span("database_query");
    span.set_attribute("query.table", "messages");
    span.add_event("query_completed", {{"rows_returned", 3}});
  }
  parley::tracing::shutdown();                   // flushes what is queued
}
// [/doc:thirty_seconds]
