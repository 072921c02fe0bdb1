// docs/TRACING.md, "The decorator, for coroutines": traced() and in_context()
// keep the current span right across co_await, with many coroutines
// interleaved on one thread. The program checks that each coroutine sees its
// own span after every co_await and exits 1 if one does not.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <utility>

#include <parley/tracing/integration/asio.h>
#include <parley/tracing/provider.h>
#include <parley/tracing/tracer.h>

namespace asio = boost::asio;

namespace {

auto& tracer = parley::tracing::get_tracer("chat.ws");
int lost_spans = 0;

asio::awaitable<void> pause(std::chrono::milliseconds delay) {
  asio::steady_timer timer(co_await asio::this_coro::executor, delay);
  co_await timer.async_wait(asio::use_awaitable);
}

// [doc:traced]
asio::awaitable<std::string> process_message(std::string message) {
  const auto mine = parley::tracing::get_current_span_id();  // the span traced() started
  co_await pause(std::chrono::milliseconds(message.size()));  // other coroutines run meanwhile
  if (parley::tracing::get_current_span_id() != mine) ++lost_spans;
  auto store = tracer.start_as_current_span("store.insert");  // a child of process_message
  co_return "processed: " + message;
}

asio::awaitable<void> on_message(std::string message) {
  auto reply = co_await parley::tracing::traced("process_message", process_message(std::move(message)));
}
// [/doc:traced]

// [doc:in_context]
asio::awaitable<void> serve(std::string body) {
  parley::tracing::StartOptions options;
  options.kind = parley::tracing::SpanKind::server;
  auto request = tracer.start_span("POST /api/messages", options);  // owned here, not current
  co_await parley::tracing::in_context(request.as_context(), on_message(std::move(body)));
  request.set_attribute("http.status_code", 201);  // set after the handler ran
}
// [/doc:in_context]

}  // namespace

int main() {
  parley::tracing::init_from_env();
  {
    asio::io_context io;
    for (const char* body : {"hello", "hi", "good morning", "hey @ai"}) {
      asio::co_spawn(io, serve(body), asio::detached);
    }
    io.run();
  }
  parley::tracing::shutdown();
  if (lost_spans != 0) {
    std::fprintf(stderr, "coroutines: %d coroutine(s) lost their span across co_await\n", lost_spans);
    return 1;
  }
  return 0;
}
