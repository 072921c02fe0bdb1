#include "core/span_record.h"

#include <cstring>
#include <new>

#include "core/clock.h"

namespace parley::tracing::detail {

// ---- Arena -----------------------------------------------------------------

namespace {
constexpr std::size_t kFirstBlock = 512;
constexpr std::size_t kBlocksKept = 2;  // blocks kept across recycling
}  // namespace

char* Arena::allocate(std::size_t bytes, std::size_t align) {
  auto address = reinterpret_cast<std::uintptr_t>(cursor_);
  const std::uintptr_t aligned = (address + (align - 1)) & ~(static_cast<std::uintptr_t>(align) - 1);
  if (cursor_ != nullptr && aligned + bytes <= reinterpret_cast<std::uintptr_t>(limit_)) {
    cursor_ = reinterpret_cast<char*>(aligned + bytes);
    return reinterpret_cast<char*>(aligned);
  }
  return grow(bytes, align);
}

char* Arena::grow(std::size_t bytes, std::size_t align) {
  // Reuse a kept block when it is big enough, else add one.
  while (block_index_ + 1 < blocks_.size()) {
    ++block_index_;
    if (sizes_[block_index_] >= bytes + align) {
      cursor_ = blocks_[block_index_].get();
      limit_ = cursor_ + sizes_[block_index_];
      return allocate(bytes, align);
    }
  }
  std::size_t size = blocks_.empty() ? kFirstBlock : sizes_.back() * 2;
  while (size < bytes + align) size *= 2;
  blocks_.emplace_back(new char[size]);
  sizes_.push_back(size);
  block_index_ = blocks_.size() - 1;
  cursor_ = blocks_.back().get();
  limit_ = cursor_ + size;
  return allocate(bytes, align);
}

void Arena::reset() noexcept {
  if (block_index_ == 0) {  // common case: only the first block was used
    cursor_ = blocks_.empty() ? nullptr : blocks_[0].get();
    return;
  }
  if (blocks_.size() > kBlocksKept) {
    blocks_.resize(kBlocksKept);
    sizes_.resize(kBlocksKept);
  }
  block_index_ = 0;
  cursor_ = blocks_.empty() ? nullptr : blocks_[0].get();
  limit_ = blocks_.empty() ? nullptr : cursor_ + sizes_[0];
}

// ---- SpanRecord ------------------------------------------------------------

namespace {

// Longest prefix of `text` of at most `max` bytes that does not split a
// UTF-8 sequence.
std::string_view truncate_utf8(std::string_view text, std::uint32_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

template <typename T>
std::span<const T> copy_array(Arena& arena, std::span<const T> in) {
  if (in.empty()) return {};
  T* out = reinterpret_cast<T*>(arena.allocate(sizeof(T) * in.size(), alignof(T)));
  std::memcpy(static_cast<void*>(out), in.data(), sizeof(T) * in.size());
  return {out, in.size()};
}

}  // namespace

void SpanRecord::begin(std::string_view name, SpanKind kind, const InstrumentationScope* scope) noexcept {
  if (attributes_.capacity() == 0) {
    try {
      attributes_.reserve(16);  // kept across recycling
    } catch (...) {
    }
  }
  dirty = true;
  kind_ = kind;
  scope_ = scope;
  set_name(name);
}

void SpanRecord::set_name(std::string_view name) noexcept {
  try {
    name_ = arena_.copy(name);
  } catch (...) {
    name_ = {};
  }
}

bool SpanRecord::copy_value(const AttributeValue& in, AttributeValue& out, std::uint32_t max_length) noexcept {
  try {
    switch (in.type()) {
      case ValueType::string: out = AttributeValue(arena_.copy(truncate_utf8(in.as_string(), max_length))); break;
      case ValueType::boolean:
      case ValueType::int64:
      case ValueType::float64: out = in; break;
      case ValueType::bool_array: out = AttributeValue(copy_array(arena_, in.as_bool_array())); break;
      case ValueType::int64_array: out = AttributeValue(copy_array(arena_, in.as_int64_array())); break;
      case ValueType::double_array: out = AttributeValue(copy_array(arena_, in.as_double_array())); break;
      case ValueType::string_array: {
        const auto strings = in.as_string_array();
        auto* views = reinterpret_cast<std::string_view*>(
            arena_.allocate(sizeof(std::string_view) * strings.size(), alignof(std::string_view)));
        for (std::size_t i = 0; i < strings.size(); ++i) {
          new (&views[i]) std::string_view(arena_.copy(truncate_utf8(strings[i], max_length)));
        }
        out = AttributeValue(std::span<const std::string_view>(views, strings.size()));
        break;
      }
    }
    return true;
  } catch (...) {
    return false;
  }
}

void SpanRecord::set_attribute(std::string_view key, const AttributeValue& value, const SpanLimits& limits) noexcept {
  if (key.empty()) return;
  for (auto& existing : attributes_) {
    if (existing.key == key) {
      copy_value(value, existing.value, limits.attribute_value_length);
      return;
    }
  }
  if (attributes_.size() >= limits.attribute_count) {
    ++dropped_attributes_;
    return;
  }
  try {
    Attribute& stored = attributes_.emplace_back(Attribute{arena_.copy(key), value});
    switch (value.type()) {  // scalars need no copy; strings and arrays do
      case ValueType::boolean:
      case ValueType::int64:
      case ValueType::float64: break;
      case ValueType::string:
        if (value.as_string().size() <= limits.attribute_value_length) {
          stored.value = AttributeValue(arena_.copy(value.as_string()));
          break;
        }
        [[fallthrough]];
      default:
        if (!copy_value(value, stored.value, limits.attribute_value_length)) attributes_.pop_back();
    }
  } catch (...) {
    ++dropped_attributes_;
  }
}

void SpanRecord::add_event(std::uint64_t tick, std::string_view name, std::span<const Attribute> attributes,
                           const SpanLimits& limits) noexcept {
  if (events_.size() >= limits.event_count) {
    ++dropped_events_;
    return;
  }
  try {
    EventData event;
    event.time_unix_ns = tick;  // converted by finish_times()
    event.name = arena_.copy(name);
    event.attribute_begin = static_cast<std::uint32_t>(event_attributes_.size());
    for (const auto& attribute : attributes) {
      if (event.attribute_count >= limits.event_attribute_count) {
        ++event.dropped_attributes_count;
        continue;
      }
      Attribute stored{arena_.copy(attribute.key), {}};
      if (!copy_value(attribute.value, stored.value, limits.attribute_value_length)) continue;
      event_attributes_.push_back(stored);
      ++event.attribute_count;
    }
    events_.push_back(event);
  } catch (...) {
    ++dropped_events_;
  }
}

void SpanRecord::add_link(const SpanContext& context, std::span<const Attribute> attributes,
                          const SpanLimits& limits) noexcept {
  if (!context.valid()) return;
  if (links_.size() >= limits.link_count) {
    ++dropped_links_;
    return;
  }
  try {
    LinkData link;
    link.trace_id = context.trace_id;
    link.span_id = context.span_id;
    link.flags = context.flags;
    link.remote = context.remote;
    link.trace_state = arena_.copy(context.trace_state);
    link.attribute_begin = static_cast<std::uint32_t>(link_attributes_.size());
    for (const auto& attribute : attributes) {
      if (link.attribute_count >= limits.link_attribute_count) {
        ++link.dropped_attributes_count;
        continue;
      }
      Attribute stored{arena_.copy(attribute.key), {}};
      if (!copy_value(attribute.value, stored.value, limits.attribute_value_length)) continue;
      link_attributes_.push_back(stored);
      ++link.attribute_count;
    }
    links_.push_back(link);
  } catch (...) {
    ++dropped_links_;
  }
}

void SpanRecord::set_status(StatusCode code, std::string_view description) noexcept {
  // Ok is final; Unset never overrides.
  if (status_code_ == StatusCode::ok || code == StatusCode::unset) return;
  status_code_ = code;
  try {
    status_message_ = code == StatusCode::error ? arena_.copy(description) : std::string_view{};
  } catch (...) {
    status_message_ = {};
  }
}

std::uint64_t SpanRecord::elapsed_ns() noexcept {
  if (!explicit_start_ && !explicit_end_) return end_tick > start_tick ? ticks_to_ns(end_tick - start_tick) : 0;
  finish_times();
  return duration_ns();
}

void SpanRecord::finish_times() noexcept {
  if (times_final) return;
  times_final = true;
  if (!explicit_start_) start_unix_ns_ = ticks_to_unix_ns(start_tick);
  if (!explicit_end_) end_unix_ns_ = ticks_to_unix_ns(end_tick);
  if (end_unix_ns_ < start_unix_ns_) end_unix_ns_ = start_unix_ns_;
  for (auto& event : events_) event.time_unix_ns = ticks_to_unix_ns(event.time_unix_ns);
}

bool SpanRecord::is_error() const noexcept {
  if (status_code_ == StatusCode::error) return true;
  for (const auto& attribute : attributes_) {
    if (attribute.value.type() == ValueType::int64 && attribute.value.as_int64() >= 500 &&
        (attribute.key == "http.status_code" || attribute.key == "http.response.status_code")) {
      return true;
    }
  }
  return false;
}

void SpanRecord::seal_context() noexcept {
  const SpanContext& context = frame.context.span_context();
  flags_ = context.flags;
  debug_ = context.debug;
  if (!context.trace_state.empty()) trace_state_.assign(context.trace_state);
  // The rest of the context is cleared by reset() when the record is reused.
}

void SpanRecord::reset() noexcept {
  reset_context(frame.context);
  frame.previous = nullptr;
  frame.installed = false;
  if (!trace_state_.empty()) trace_state_.clear();
  status_message_ = {};
  status_code_ = StatusCode::unset;
  attributes_.clear();
  if (!events_.empty()) {
    events_.clear();
    event_attributes_.clear();
  }
  if (!links_.empty()) {
    links_.clear();
    link_attributes_.clear();
  }
  dropped_attributes_ = dropped_events_ = dropped_links_ = 0;
  debug_ = false;
  arena_.reset();
  explicit_start_ = explicit_end_ = false;
  local_root = false;
  local_trace = nullptr;
  sampling = Sampling::dropped;
  dirty = false;
  times_final = false;
}

// ---- pools -----------------------------------------------------------------

namespace {

constexpr std::uint32_t kThreadCacheLimit = 1024;

template <typename T, T* T::*Next>
class RecyclePool {
 public:
  T* pop_all() noexcept { return global_.exchange(nullptr, std::memory_order_acquire); }
  void push_chain(T* first, T* last) noexcept {
    T* head = global_.load(std::memory_order_relaxed);
    do {
      last->*Next = head;
    } while (!global_.compare_exchange_weak(head, first, std::memory_order_release, std::memory_order_relaxed));
  }

 private:
  std::atomic<T*> global_{nullptr};
};

RecyclePool<SpanRecord, &SpanRecord::next>& record_pool() {
  static auto* pool = new RecyclePool<SpanRecord, &SpanRecord::next>();  // never destroyed
  return *pool;
}
RecyclePool<LocalTrace, &LocalTrace::next_free>& trace_pool() {
  static auto* pool = new RecyclePool<LocalTrace, &LocalTrace::next_free>();
  return *pool;
}

// Per-thread free lists. The data is constant-initialised (no TLS guard on
// the hot path); a lease object registered on first use hands the lists to
// the global stacks when the thread exits.
struct ThreadCache {
  SpanRecord* records = nullptr;
  std::uint32_t record_count = 0;
  LocalTrace* traces = nullptr;
  std::uint32_t trace_count = 0;
  bool leased = false;
};

thread_local constinit ThreadCache tl_cache{};

void give_back_records(ThreadCache& cache) noexcept {
  if (cache.records == nullptr) return;
  SpanRecord* last = cache.records;
  while (last->next != nullptr) last = last->next;
  record_pool().push_chain(cache.records, last);
  cache.records = nullptr;
  cache.record_count = 0;
}

void give_back_traces(ThreadCache& cache) noexcept {
  if (cache.traces == nullptr) return;
  LocalTrace* last = cache.traces;
  while (last->next_free != nullptr) last = last->next_free;
  trace_pool().push_chain(cache.traces, last);
  cache.traces = nullptr;
  cache.trace_count = 0;
}

struct CacheLease {
  ~CacheLease() {
    give_back_records(tl_cache);
    give_back_traces(tl_cache);
  }
};

void lease_cache() noexcept {
  thread_local CacheLease lease;
  (void)lease;
  tl_cache.leased = true;
}

}  // namespace

SpanRecord* acquire_record() noexcept {
  auto& cache = tl_cache;
  if (cache.records == nullptr) [[unlikely]] {
    if (!cache.leased) lease_cache();
    cache.records = record_pool().pop_all();
    cache.record_count = 0;  // unknown length; only bounds growth of the cache
    if (cache.records == nullptr) {
      try {
        return new SpanRecord();
      } catch (...) {
        return nullptr;
      }
    }
  }
  SpanRecord* record = cache.records;
  cache.records = record->next;
  if (cache.record_count > 0) --cache.record_count;
  // Records come back dirty from the export thread; cleaning them here
  // touches lines this thread is about to write anyway.
  if (record->dirty) record->reset();
  record->next = nullptr;
  return record;
}

void release_record(SpanRecord* record) noexcept { release_clean_record(record); }

void release_clean_record(SpanRecord* record) noexcept {
  auto& cache = tl_cache;
  if (cache.record_count >= kThreadCacheLimit) [[unlikely]] give_back_records(cache);
  record->next = cache.records;
  cache.records = record;
  ++cache.record_count;
}

void release_record_chain(SpanRecord* first, SpanRecord* last) noexcept {
  if (first == nullptr) return;
  last->next = nullptr;
  record_pool().push_chain(first, last);
}

LocalTrace* acquire_local_trace() noexcept {
  auto& cache = tl_cache;
  if (cache.traces == nullptr) [[unlikely]] {
    if (!cache.leased) lease_cache();
    cache.traces = trace_pool().pop_all();
    cache.trace_count = 0;
    if (cache.traces == nullptr) {
      try {
        return new LocalTrace();
      } catch (...) {
        return nullptr;
      }
    }
  }
  LocalTrace* trace = cache.traces;
  cache.traces = trace->next_free;
  if (cache.trace_count > 0) --cache.trace_count;
  trace->next_free = nullptr;
  trace->refs.store(1, std::memory_order_relaxed);
  trace->head.store(LocalTrace::kOpen, std::memory_order_relaxed);
  trace->has_error.store(false, std::memory_order_relaxed);
  return trace;
}

void release_local_trace(LocalTrace* trace) noexcept {
  auto& cache = tl_cache;
  if (cache.trace_count >= kThreadCacheLimit) {
    trace_pool().push_chain(trace, trace);
    return;
  }
  trace->next_free = cache.traces;
  cache.traces = trace;
  ++cache.trace_count;
}

}  // namespace parley::tracing::detail
