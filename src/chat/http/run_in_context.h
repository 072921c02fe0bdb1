// run_in_context.h — run a coroutine with a given span context as current.
//
// The request's SERVER span (or a WebSocket frame's CONSUMER span) is owned
// by the caller, who sets its status and attributes after the handler has
// run; the handler only needs that span to be its parent. run_in_context()
// runs the awaitable on a tracing ContextExecutor whose chain starts at
// `context`, so spans started anywhere inside — across every co_await and
// on whichever pool thread resumes — nest under it, and log lines carry its
// ids. (parley/tracing/integration/asio.h's traced() does the same for a
// span it owns.) Asio-only header: include it only from server code.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

#include "parley/tracing/integration/asio.h"

namespace parley::chat {

template <typename T>
boost::asio::awaitable<T> run_in_context(const tracing::Context& context, boost::asio::awaitable<T> operation) {
  auto executor = co_await boost::asio::this_coro::executor;
  auto slot = std::make_shared<tracing::detail::CoroutineContext>();
  slot->base.context = context;
  slot->base.installed = context.valid();
  slot->top = slot->base.installed ? &slot->base : nullptr;
  tracing::ContextExecutor<boost::asio::any_io_executor> wrapped(executor, std::move(slot));
  co_return co_await boost::asio::co_spawn(wrapped, std::move(operation), boost::asio::use_awaitable);
}

}  // namespace parley::chat
