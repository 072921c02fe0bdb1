#include "parley/tracing/tracer.h"

#include <map>
#include <memory>
#include <mutex>

#include "core/clock.h"
#include "core/id_generator.h"
#include "core/runtime.h"
#include "core/span_record.h"
#include "parley/tracing/provider.h"

namespace parley::tracing {

namespace detail {
std::atomic<bool> g_tracing_enabled{false};
}

namespace {

struct TracerRegistry {
  std::mutex mutex;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Tracer>, std::less<>> tracers;
};

TracerRegistry& registry() {
  static auto* instance = new TracerRegistry();  // never destroyed
  return *instance;
}

}  // namespace

Tracer& get_tracer(std::string_view name, std::string_view version) {
  auto& reg = registry();
  std::lock_guard lock(reg.mutex);
  auto key = std::make_pair(std::string(name), std::string(version));
  auto found = reg.tracers.find(key);
  if (found != reg.tracers.end()) return *found->second;
  auto tracer = std::unique_ptr<Tracer>(new Tracer(key.first, key.second));
  Tracer& result = *tracer;
  reg.tracers.emplace(std::move(key), std::move(tracer));
  return result;
}

Span Tracer::start_span_enabled(std::string_view name, const StartOptions& options) noexcept {
  Span span;
  auto* pipeline = detail::g_pipeline.load(std::memory_order_acquire);
  if (pipeline == nullptr) return span;
  detail::SpanRecord* record = detail::acquire_record();
  if (record == nullptr) return span;

  const Context* parent = options.parent;
  if (parent == nullptr && !options.new_root) {
    const detail::ContextFrame* frame = detail::current_frame();
    if (frame != nullptr) parent = &frame->context;
  }

  Context& context = record->frame.context;
  SpanContext& ids = context.span_context_;
  SpanId parent_span_id;
  bool parent_remote = false;
  bool local_root = true;
  bool ratio_sampled = false;
  detail::Sampling sampling;
  if (parent != nullptr && parent->valid()) {
    const SpanContext& from = parent->span_context_;
    ids.trace_id = from.trace_id;
    parent_span_id = from.span_id;
    ids.debug = from.debug;
    if (!from.trace_state.empty()) ids.trace_state.assign(from.trace_state);
    if (parent->baggage_) context.baggage_ = parent->baggage_;
    if (from.remote) {
      parent_remote = true;
      sampling = pipeline->sampler.decide_remote(from, ids.trace_id, ratio_sampled);
    } else {
      local_root = false;
      sampling = parent->sampling_;
      if (sampling == detail::Sampling::pending) {
        context.local_trace_ = parent->local_trace_;
        if (!context.local_trace_) sampling = detail::Sampling::dropped;
      }
    }
    ids.flags = static_cast<std::uint8_t>(from.flags & trace_flags::kRandom);
    ids.span_id = detail::new_span_id();
  } else {
    if (parent != nullptr && parent->baggage_) context.baggage_ = parent->baggage_;
    detail::new_root_ids(ids.trace_id, ids.span_id);
    ids.flags = trace_flags::kRandom;
    const SpanContext* from = parent != nullptr ? &parent->span_context_ : nullptr;
    if (from != nullptr && from->remote && !from->deferred) {
      // A remote decision without ids (B3 `b3: 0`, `X-B3-Sampled: 1`).
      ids.debug = from->debug;
      sampling = pipeline->sampler.decide_remote(*from, ids.trace_id, ratio_sampled);
    } else {
      sampling = pipeline->sampler.decide_root(ids.trace_id, ratio_sampled);
    }
  }
  if (ratio_sampled) {
    // Our `ot=th:` entry goes first; a remote parent's members stay after it.
    if (ids.trace_state.empty()) {
      ids.trace_state.assign("ot=");
      ids.trace_state.append(pipeline->sampler.threshold_entry());
    } else {
      ids.trace_state = pipeline->sampler.with_threshold(ids.trace_state);
    }
  }
  if (sampling == detail::Sampling::sampled) ids.flags |= trace_flags::kSampled;
  context.sampling_ = sampling;
  span.frame_ = &record->frame;
  if (sampling == detail::Sampling::pending && local_root) {
    context.local_trace_ = detail::LocalTraceRef(detail::acquire_local_trace());
    if (!context.local_trace_) sampling = context.sampling_ = detail::Sampling::dropped;
  }
  record->sampling = sampling;
  if (sampling == detail::Sampling::dropped) return span;

  record->start_tick = detail::clock_ticks();
  if (options.start_time.time_since_epoch().count() != 0) {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(options.start_time.time_since_epoch());
    record->set_start_unix_ns(static_cast<std::uint64_t>(ns.count()));
  }
  record->begin(name, options.kind, &scope_);
  record->set_ids(ids.trace_id, ids.span_id, parent_span_id, parent_remote);
  record->local_root = local_root;
  record->local_trace = context.local_trace_.get();
  for (const auto& attribute : options.attributes) record->set_attribute(attribute.key, attribute.value, pipeline->limits);
  for (const auto& link : options.links) record->add_link(link.context, link.attributes, pipeline->limits);
  span.record_ = record;
  detail::count(detail::Counter::started);
  return span;
}

Span Tracer::start_as_current_enabled(std::string_view name, const StartOptions& options) noexcept {
  Span span = start_span_enabled(name, options);
  if (span.frame_ != nullptr) detail::install_frame(*span.frame_);
  return span;
}

void Tracer::set_sample_rate(double rate) noexcept { tracing::set_sample_rate(rate); }
void Tracer::set_batch_size(std::size_t spans) noexcept { tracing::set_batch_size(spans); }
void Tracer::set_batch_timeout(std::chrono::milliseconds timeout) noexcept { tracing::set_batch_timeout(timeout); }

bool should_sample_trace() noexcept {
  auto* pipeline = detail::g_pipeline.load(std::memory_order_acquire);
  if (pipeline == nullptr) return false;
  const auto* frame = detail::current_frame();
  if (frame != nullptr && frame->context.valid()) {
    return pipeline->sampler.ratio_keeps(frame->context.span_context().trace_id);
  }
  return pipeline->sampler.ratio_keeps(detail::new_trace_id());
}

}  // namespace parley::tracing
