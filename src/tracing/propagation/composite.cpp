// The global composite propagator and the seed's inject/extract functions.
#include <algorithm>
#include <atomic>
#include <mutex>

#include "core/log.h"
#include "parley/tracing/propagation.h"
#include "propagation/b3/b3_propagator.h"
#include "propagation/jaeger/jaeger_propagator.h"
#include "propagation/w3c/baggage_propagator.h"
#include "propagation/w3c/trace_context.h"

namespace parley::tracing {

std::optional<std::string_view> HeaderListCarrier::get(std::string_view key) const {
  for (const auto& [name, value] : *const_list_) {
    if (header_name_equals(name, key)) return std::string_view(value);
  }
  return std::nullopt;
}

void HeaderListCarrier::for_each(const std::function<void(std::string_view, std::string_view)>& visit) const {
  for (const auto& [name, value] : *const_list_) visit(name, value);
}

void HeaderListCarrier::set(std::string_view key, std::string_view value) {
  if (list_ == nullptr) return;
  std::erase_if(*list_, [&](const auto& pair) { return header_name_equals(pair.first, key); });
  list_->emplace_back(std::string(key), std::string(value));
}

std::unique_ptr<Propagator> make_propagator(std::string_view name) {
  if (name == "tracecontext") return std::make_unique<detail::W3CTraceContextPropagator>();
  if (name == "baggage") return std::make_unique<detail::W3CBaggagePropagator>();
  if (name == "b3") return std::make_unique<detail::B3Propagator>(detail::B3Format::single);
  if (name == "b3multi") return std::make_unique<detail::B3Propagator>(detail::B3Format::multi);
  if (name == "jaeger") return std::make_unique<detail::JaegerPropagator>();
  return nullptr;
}

void CompositePropagator::inject(const Context& context, TextMapWriter& carrier) const {
  for (const auto& member : members_) member->inject(context, carrier);
}

Context CompositePropagator::extract(const TextMapReader& carrier, const Context& context) const {
  Context result = context;
  for (const auto& member : members_) result = member->extract(carrier, result);
  return result;
}

std::vector<std::string> CompositePropagator::fields() const {
  std::vector<std::string> all;
  for (const auto& member : members_) {
    for (auto& field : member->fields()) all.push_back(std::move(field));
  }
  return all;
}

namespace {

// Known names in order, each once ("none" and unknown names add nothing).
std::unique_ptr<CompositePropagator> build(const std::vector<std::string>& names) {
  std::vector<std::unique_ptr<Propagator>> members;
  std::vector<std::string_view> seen;
  for (const auto& name : names) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
    seen.push_back(name);
    if (auto propagator = make_propagator(name)) members.push_back(std::move(propagator));
  }
  return std::make_unique<CompositePropagator>(std::move(members));
}

// Propagators are immutable once built; replaced ones are kept (a reader may
// still be using one), so reading the global one is a single atomic load.
struct GlobalPropagator {
  std::mutex mutex;
  std::vector<std::unique_ptr<CompositePropagator>> all;
  std::atomic<const CompositePropagator*> current{nullptr};
};

GlobalPropagator& global() {
  static auto* instance = [] {
    auto* state = new GlobalPropagator();  // never destroyed
    state->all.push_back(build({"tracecontext", "baggage"}));
    state->current.store(state->all.back().get());
    return state;
  }();
  return *instance;
}

}  // namespace

void configure_propagators(const std::vector<std::string>& names) {
  auto& state = global();
  std::lock_guard lock(state.mutex);
  state.all.push_back(build(names));
  state.current.store(state.all.back().get(), std::memory_order_release);
}

const Propagator& global_propagator() noexcept { return *global().current.load(std::memory_order_acquire); }

void inject_trace_context(TextMapWriter& carrier) { inject_trace_context(carrier, Context::current()); }

void inject_trace_context(TextMapWriter& carrier, const Context& context) {
  try {
    global_propagator().inject(context, carrier);
  } catch (const std::exception& e) {
    detail::log(LogLevel::warning, std::string("inject_trace_context: ") + e.what());
  }
}

void inject_trace_context(HeaderMap& headers) {
  MapCarrier<HeaderMap> carrier(headers);
  inject_trace_context(carrier);
}

void inject_trace_context(HeaderMap& headers, const Context& context) {
  MapCarrier<HeaderMap> carrier(headers);
  inject_trace_context(carrier, context);
}

Context extract_context(const TextMapReader& carrier) {
  try {
    return global_propagator().extract(carrier, Context());
  } catch (const std::exception& e) {
    detail::log(LogLevel::warning, std::string("extract_trace_context: ") + e.what());
    return Context();
  }
}

Context extract_context(const HeaderMap& headers) { return extract_context(MapCarrier<HeaderMap>(headers)); }

ContextScope extract_trace_context(const TextMapReader& carrier) {
  Context extracted = extract_context(carrier);
  // Nothing at all (not even baggage or a B3 decision): keep the current one.
  if (!extracted.valid() && !extracted.baggage_ptr() && !extracted.span_context().remote) {
    return ContextScope(Context::current());
  }
  return ContextScope(std::move(extracted));
}

ContextScope extract_trace_context(const HeaderMap& headers) {
  return extract_trace_context(MapCarrier<HeaderMap>(headers));
}

}  // namespace parley::tracing
