// parley/tracing/integration/asio.h — tracing for Asio C++20 coroutines.
//
// This is an integration header: it includes Boost.Asio, so the core headers
// never do. Include it only in code that already uses Asio.
//
//   co_await parley::tracing::traced("process_message", process_message(msg));
//   co_await parley::tracing::in_context(server_span.as_context(), handle(request));
//
// traced() starts a span (child of the current context), runs the awaitable
// on a ContextExecutor, and ends the span when the awaitable finishes,
// recording an exception (and rethrowing it) if one escapes. The
// ContextExecutor gives the coroutine chain its own current-context stack:
// every handler it runs — the first resumption and every resumption after a
// co_await — starts with that chain's innermost span current and, when it
// suspends again, saves it and puts back the thread's previous context. So
// any number of coroutines interleaved on one thread, or moving between the
// threads of a pool, each see their own current span, and
// start_as_current_span inside a coroutine nests as in synchronous code.
//
// Cost: one small shared slot per traced() call, and two pointer swaps per
// resumption. Nothing here throws except what the awaitable throws.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/execution.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "parley/tracing/context.h"
#include "parley/tracing/tracer.h"

namespace parley::tracing {

namespace detail {
// The saved current-context stack of one coroutine chain.
struct CoroutineContext {
  ContextFrame base;            // the traced span's context, bottom of the chain
  ContextFrame* top = nullptr;  // innermost frame when the chain last suspended
};

// Installs the chain's stack for the duration of one handler. Changes made
// while it runs go straight to the slot (tl_frame_mirror), so the slot is
// right the moment the coroutine suspends, even if it resumes on another
// thread before this handler has returned.
class CoroutineContextSwap {
 public:
  explicit CoroutineContextSwap(CoroutineContext& slot) noexcept
      : saved_(tl_current_frame), saved_mirror_(tl_frame_mirror) {
    tl_current_frame = slot.top;
    tl_frame_mirror = &slot.top;
  }
  ~CoroutineContextSwap() {
    tl_current_frame = saved_;
    tl_frame_mirror = saved_mirror_;
  }
  CoroutineContextSwap(const CoroutineContextSwap&) = delete;
  CoroutineContextSwap& operator=(const CoroutineContextSwap&) = delete;

 private:
  ContextFrame* saved_;
  ContextFrame** saved_mirror_;
};
}  // namespace detail

// Wraps an executor so that handlers run with one coroutine chain's context.
template <typename Inner>
class ContextExecutor {
 public:
  ContextExecutor(Inner inner, std::shared_ptr<detail::CoroutineContext> slot) noexcept
      : inner_(std::move(inner)), slot_(std::move(slot)) {}

  template <typename Property>
  auto query(const Property& property) const
      -> decltype(boost::asio::query(std::declval<const Inner&>(), property)) {
    return boost::asio::query(inner_, property);
  }

  template <typename Property>
  auto require(const Property& property) const
      -> ContextExecutor<std::decay_t<decltype(boost::asio::require(std::declval<const Inner&>(), property))>> {
    return {boost::asio::require(inner_, property), slot_};
  }

  template <typename Property>
  auto prefer(const Property& property) const
      -> ContextExecutor<std::decay_t<decltype(boost::asio::prefer(std::declval<const Inner&>(), property))>> {
    return {boost::asio::prefer(inner_, property), slot_};
  }

  template <typename Function>
  void execute(Function&& function) const {
    inner_.execute([slot = slot_, function = std::forward<Function>(function)]() mutable {
      detail::CoroutineContextSwap swap(*slot);
      std::move(function)();
    });
  }

  friend bool operator==(const ContextExecutor& a, const ContextExecutor& b) noexcept {
    return a.inner_ == b.inner_ && a.slot_ == b.slot_;
  }
  friend bool operator!=(const ContextExecutor& a, const ContextExecutor& b) noexcept { return !(a == b); }

  const Inner& inner() const noexcept { return inner_; }

 private:
  template <typename>
  friend class ContextExecutor;
  Inner inner_;
  std::shared_ptr<detail::CoroutineContext> slot_;
};

namespace detail {
// A coroutine chain's context stack starting at `context` (empty when it is
// not valid).
inline std::shared_ptr<CoroutineContext> context_slot(const Context& context) {
  auto slot = std::make_shared<CoroutineContext>();
  slot->base.context = context;
  slot->base.installed = context.valid();
  slot->top = slot->base.installed ? &slot->base : nullptr;
  return slot;
}

template <typename T>
boost::asio::awaitable<T> run_on(ContextExecutor<boost::asio::any_io_executor> executor,
                                 boost::asio::awaitable<T> operation) {
  if constexpr (std::is_void_v<T>) {
    co_await boost::asio::co_spawn(executor, std::move(operation), boost::asio::use_awaitable);
  } else {
    co_return co_await boost::asio::co_spawn(executor, std::move(operation), boost::asio::use_awaitable);
  }
}
}  // namespace detail

// Runs `operation` with `context` current across all its co_awaits, on
// whichever thread resumes it: for a span the caller owns and finishes
// itself (a server span whose status is set after the handler ran).
template <typename T>
boost::asio::awaitable<T> in_context(const Context& context, boost::asio::awaitable<T> operation) {
  auto executor = co_await boost::asio::this_coro::executor;
  ContextExecutor<boost::asio::any_io_executor> wrapped(executor, detail::context_slot(context));
  co_return co_await detail::run_on(std::move(wrapped), std::move(operation));
}

// Runs `operation` inside a span named `name` (the seed's @trace_function for
// coroutines). The span is a child of the context current when traced() is
// awaited, or of options.parent.
template <typename T>
boost::asio::awaitable<T> traced(std::string name, boost::asio::awaitable<T> operation, StartOptions options = {},
                                 Tracer& tracer = get_tracer("parley.coroutine")) {
  auto executor = co_await boost::asio::this_coro::executor;
  Span span = tracer.start_span(name, options);
  // Tracing off or unsampled: keep whatever context was current.
  ContextExecutor<boost::asio::any_io_executor> wrapped(
      executor, detail::context_slot(span.context().valid() ? span.as_context() : Context::current()));
  try {
    co_return co_await detail::run_on(std::move(wrapped), std::move(operation));
  } catch (...) {
    span.record_exception(std::current_exception());
    throw;
  }
}

}  // namespace parley::tracing
