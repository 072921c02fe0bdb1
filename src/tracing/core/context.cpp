#include "parley/tracing/context.h"

#include "core/span_record.h"

namespace parley::tracing {
namespace detail {

LocalTraceRef::LocalTraceRef(const LocalTraceRef& other) noexcept : trace_(other.trace_) {
  if (trace_ != nullptr) trace_->refs.fetch_add(1, std::memory_order_relaxed);
}

LocalTraceRef& LocalTraceRef::operator=(const LocalTraceRef& other) noexcept {
  if (this != &other) {
    LocalTraceRef copy(other);
    *this = std::move(copy);
  }
  return *this;
}

LocalTraceRef& LocalTraceRef::operator=(LocalTraceRef&& other) noexcept {
  if (this != &other) {
    if (trace_ != nullptr) release();
    trace_ = other.trace_;
    other.trace_ = nullptr;
  }
  return *this;
}

void LocalTraceRef::release() noexcept {
  if (trace_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) release_local_trace(trace_);
  trace_ = nullptr;
}


const Context& empty_context() noexcept {
  static const Context* empty = new Context();  // never destroyed
  return *empty;
}

void reset_context(Context& context) noexcept {
  SpanContext& ids = context.span_context_;
  ids.trace_id = TraceId{};
  ids.span_id = SpanId{};
  ids.flags = 0;
  ids.remote = false;
  ids.debug = false;
  ids.deferred = false;
  ids.trace_state.clear();
  context.local_trace_ = LocalTraceRef();
  context.baggage_.reset();
  context.sampling_ = Sampling::dropped;
}


void install_frame(ContextFrame& frame) noexcept {
  frame.previous = tl_current_frame;
  frame.installed = true;
  set_current_frame(&frame);
}

void uninstall_frame(ContextFrame& frame) noexcept {
  frame.installed = false;
  if (tl_current_frame == &frame) {
    set_current_frame(frame.previous);
    return;
  }
  // Ended out of order: unlink it so the stack stays consistent.
  for (ContextFrame* f = tl_current_frame; f != nullptr; f = f->previous) {
    if (f->previous == &frame) {
      f->previous = frame.previous;
      return;
    }
  }
}

void transfer_frame(ContextFrame& from, ContextFrame& to) noexcept {
  to.context = std::move(from.context);
  to.installed = from.installed;
  to.previous = from.previous;
  if (!from.installed) return;
  from.installed = false;
  // Take over `from`'s place in the stack.
  if (tl_current_frame == &from) {
    set_current_frame(&to);
    return;
  }
  for (ContextFrame* f = tl_current_frame; f != nullptr; f = f->previous) {
    if (f->previous == &from) {
      f->previous = &to;
      return;
    }
  }
}

}  // namespace detail

Context::Context(SpanContext span_context) noexcept : span_context_(std::move(span_context)) {
  sampling_ = span_context_.sampled() ? detail::Sampling::sampled : detail::Sampling::dropped;
}

Context Context::current() noexcept {
  const detail::ContextFrame* frame = detail::current_frame();
  return frame != nullptr ? frame->context : Context();
}

ContextScope Context::attach() const { return ContextScope(*this); }

ContextScope::ContextScope(Context context) noexcept {
  frame_.context = std::move(context);
  detail::install_frame(frame_);
}

ContextScope::ContextScope(ContextScope&& other) noexcept { detail::transfer_frame(other.frame_, frame_); }

ContextScope::~ContextScope() {
  if (frame_.installed) detail::uninstall_frame(frame_);
}

std::string get_current_trace_id() {
  const auto* frame = detail::current_frame();
  if (frame == nullptr || !frame->context.valid()) return {};
  return frame->context.span_context().trace_id.to_hex();
}

std::string get_current_span_id() {
  const auto* frame = detail::current_frame();
  if (frame == nullptr || !frame->context.valid()) return {};
  return frame->context.span_context().span_id.to_hex();
}

}  // namespace parley::tracing
