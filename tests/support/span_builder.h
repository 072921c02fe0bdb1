// Finished span records built field by field, for encoder tests.
#pragma once

#include <memory>

#include "core/span_record.h"

namespace parley::tracing::testing {

class SpanBuilder {
 public:
  explicit SpanBuilder(std::string_view name, SpanKind kind = SpanKind::internal,
                       const InstrumentationScope* scope = nullptr)
      : record_(std::make_unique<detail::SpanRecord>()) {
    static const InstrumentationScope kDefaultScope{"lib", "1.0"};
    record_->begin(name, kind, scope != nullptr ? scope : &kDefaultScope);
  }
  SpanBuilder& ids(std::string_view trace_hex, std::string_view span_hex, std::string_view parent_hex = {},
                   bool parent_remote = false) {
    record_->set_ids(TraceId::from_hex(trace_hex), SpanId::from_hex(span_hex),
                     parent_hex.empty() ? SpanId{} : SpanId::from_hex(parent_hex), parent_remote);
    return *this;
  }
  SpanBuilder& flags(std::uint8_t flags, bool debug = false) {
    record_->set_flags(flags, debug);
    return *this;
  }
  SpanBuilder& times(std::uint64_t start_ns, std::uint64_t end_ns) {
    record_->set_times_unix_ns(start_ns, end_ns);
    record_->finish_times();
    return *this;
  }
  // Limits for what is added afterwards (to produce dropped counts).
  SpanBuilder& limits(const SpanLimits& limits) {
    limits_ = limits;
    return *this;
  }
  SpanBuilder& attribute(std::string_view key, AttributeValue value) {
    record_->set_attribute(key, value, limits_);
    return *this;
  }
  SpanBuilder& event(std::uint64_t time_ns, std::string_view name, std::span<const Attribute> attributes = {}) {
    record_->add_event(time_ns, name, attributes, limits_);
    return *this;
  }
  SpanBuilder& link(const SpanContext& context, std::span<const Attribute> attributes = {}) {
    record_->add_link(context, attributes, limits_);
    return *this;
  }
  SpanBuilder& status(StatusCode code, std::string_view message = {}) {
    record_->set_status(code, message);
    return *this;
  }
  SpanBuilder& trace_state(std::string_view state) {
    record_->mutable_trace_state().assign(state);
    return *this;
  }
  const SpanData& data() const { return *record_; }

 private:
  std::unique_ptr<detail::SpanRecord> record_;
  SpanLimits limits_;
};

}  // namespace parley::tracing::testing
