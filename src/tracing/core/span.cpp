#include "parley/tracing/span.h"

#include <cxxabi.h>

#include <cstdlib>
#include <string>
#include <typeinfo>

#include "core/clock.h"
#include "core/runtime.h"
#include "core/span_record.h"

namespace parley::tracing {
namespace {

using detail::LocalTrace;
using detail::SpanRecord;

const SpanLimits& current_limits() noexcept {
  static const SpanLimits kDefaults;
  const auto* pipeline = detail::g_pipeline.load(std::memory_order_acquire);
  return pipeline != nullptr ? pipeline->limits : kDefaults;
}

void recycle_chain(SpanRecord* first) noexcept {
  while (first != nullptr) {
    SpanRecord* next = first->next;
    detail::release_record(first);
    first = next;
  }
}

// The local root decides for its whole local trace.
void decide_local_trace(detail::Pipeline& pipeline, SpanRecord* root) noexcept {
  LocalTrace* trace = root->local_trace;
  const auto& sampler = pipeline.sampler;
  const bool error = sampler.sample_errors() &&
                     (root->is_error() || (trace != nullptr && trace->has_error.load(std::memory_order_relaxed)));
  const bool slow = sampler.slow_threshold_ns() > 0 && root->elapsed_ns() > sampler.slow_threshold_ns();
  const bool keep = error || slow;
  SpanRecord* pending = nullptr;
  if (trace != nullptr) {
    const auto head = trace->head.exchange(keep ? LocalTrace::kKeep : LocalTrace::kDrop, std::memory_order_acq_rel);
    if (head > LocalTrace::kDrop) pending = reinterpret_cast<SpanRecord*>(head);
  }
  std::int64_t held = 0;
  for (SpanRecord* r = pending; r != nullptr; r = r->next) ++held;
  if (held > 0) detail::g_pending_spans.fetch_sub(held, std::memory_order_relaxed);
  if (!keep) {
    detail::count(detail::Counter::unsampled, static_cast<std::uint64_t>(held) + 1);
    recycle_chain(pending);
    detail::release_record(root);
    return;
  }
  while (pending != nullptr) {
    SpanRecord* next = pending->next;
    pending->next = nullptr;
    detail::submit_record(pipeline, pending);
    pending = next;
  }
  detail::submit_record(pipeline, root);
}

// A non-root span of a pending trace: wait for the root, or follow its decision.
void hold_or_follow(detail::Pipeline& pipeline, SpanRecord* record) noexcept {
  LocalTrace* trace = record->local_trace;
  if (record->is_error()) trace->has_error.store(true, std::memory_order_relaxed);
  auto head = trace->head.load(std::memory_order_acquire);
  bool counted = false;
  for (;;) {
    if (head == LocalTrace::kKeep || head == LocalTrace::kDrop) {
      if (counted) detail::g_pending_spans.fetch_sub(1, std::memory_order_relaxed);
      if (head == LocalTrace::kKeep) {
        detail::submit_record(pipeline, record);
      } else {
        detail::count(detail::Counter::unsampled);
        detail::release_record(record);
      }
      return;
    }
    if (!counted) {
      if (detail::g_pending_spans.fetch_add(1, std::memory_order_relaxed) >=
          static_cast<std::int64_t>(pipeline.max_pending_spans)) {
        detail::g_pending_spans.fetch_sub(1, std::memory_order_relaxed);
        detail::count(detail::Counter::dropped_pending_limit);
        detail::release_record(record);
        return;
      }
      counted = true;
    }
    record->next = reinterpret_cast<SpanRecord*>(head);
    if (trace->head.compare_exchange_weak(head, reinterpret_cast<std::uintptr_t>(record), std::memory_order_acq_rel,
                                          std::memory_order_acquire)) {
      return;
    }
  }
}

}  // namespace

std::string_view to_string(SpanKind kind) noexcept {
  switch (kind) {
    case SpanKind::server: return "server";
    case SpanKind::client: return "client";
    case SpanKind::producer: return "producer";
    case SpanKind::consumer: return "consumer";
    case SpanKind::internal: break;
  }
  return "internal";
}

std::string_view to_string(StatusCode code) noexcept {
  switch (code) {
    case StatusCode::ok: return "ok";
    case StatusCode::error: return "error";
    case StatusCode::unset: break;
  }
  return "unset";
}

void Span::finish() noexcept {
  detail::ContextFrame* frame = frame_;
  SpanRecord* record = record_;
  frame_ = nullptr;
  record_ = nullptr;
  if (frame->installed) detail::uninstall_frame(*frame);
  if (record == nullptr) {  // non-recording: only the frame was used
    detail::reset_context(frame->context);
    frame->previous = nullptr;
    detail::release_clean_record(frame->owner);
    return;
  }
  record->end_tick = detail::clock_ticks();
  // Keep the local trace alive until this span is decided or held; the rest
  // of the context is sealed into the record only if the span is kept.
  const detail::LocalTraceRef keep_trace = std::move(record->frame.context.local_trace_);
  if (record->frame.context.baggage_) record->frame.context.baggage_.reset();

  auto* pipeline = detail::g_pipeline.load(std::memory_order_acquire);
  if (pipeline == nullptr) {
    detail::count(detail::Counter::dropped_shutdown);
    detail::release_record(record);
    return;
  }
  switch (record->sampling) {
    case detail::Sampling::sampled: detail::submit_record(*pipeline, record); break;
    case detail::Sampling::pending:
      if (record->local_root) {
        decide_local_trace(*pipeline, record);
      } else {
        hold_or_follow(*pipeline, record);
      }
      break;
    case detail::Sampling::dropped: detail::release_record(record); break;
  }
}

void Span::end(std::chrono::system_clock::time_point end_time) noexcept {
  if (record_ != nullptr) {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(end_time.time_since_epoch()).count();
    record_->set_end_unix_ns(static_cast<std::uint64_t>(ns));
  }
  end();
}

void Span::set_attribute_slow(std::string_view key, const AttributeValue& value) noexcept {
  record_->set_attribute(key, value, current_limits());
}

void Span::add_event_slow(std::string_view name, std::span<const Attribute> attributes) noexcept {
  record_->add_event(detail::clock_ticks(), name, attributes, current_limits());
}

void Span::add_link_slow(const SpanContext& context, std::span<const Attribute> attributes) noexcept {
  record_->add_link(context, attributes, current_limits());
}

void Span::set_status_slow(StatusCode code, std::string_view description) noexcept {
  record_->set_status(code, description);
}

void Span::update_name_slow(std::string_view name) noexcept { record_->set_name(name); }

void Span::record_exception_slow(std::string_view type, std::string_view message) noexcept {
  const Attribute attributes[] = {{"exception.type", type}, {"exception.message", message}};
  add_event_slow("exception", attributes);
  set_status_slow(StatusCode::error, message);
}

void Span::record_exception(const std::exception& error) noexcept {
  if (record_ == nullptr) return;
  const char* mangled = typeid(error).name();
  int status = -1;
  char* readable = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
  record_exception_slow(status == 0 && readable != nullptr ? readable : mangled, error.what());
  std::free(readable);
}

void Span::record_exception(std::exception_ptr error) noexcept {
  if (record_ == nullptr || !error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    record_exception(e);
  } catch (...) {
    record_exception_slow("unknown", "non-standard exception");
  }
}

}  // namespace parley::tracing
