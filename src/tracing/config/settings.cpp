// The numeric, boolean and list settings: batching, conditional sampling,
// export options and span limits. Each follows TRACING_* > OTEL_* > code >
// default through resolve() (config/resolver.h).
#include <algorithm>
#include <cstdint>

#include "config/parse.h"
#include "config/resolver.h"

namespace parley::tracing::detail {
namespace {

// Queue, batch and pending-span sizes are allocated up front; beyond about a
// million spans the memory is no longer a tracing budget.
constexpr std::int64_t kMaxSpans = 1 << 20;

std::optional<std::int64_t> as_count(const std::optional<std::size_t>& value) {
  if (!value) return std::nullopt;
  return static_cast<std::int64_t>(std::min<std::size_t>(*value, INT64_MAX));
}

std::optional<std::int64_t> as_ms(const std::optional<std::chrono::milliseconds>& value) {
  if (!value) return std::nullopt;
  return static_cast<std::int64_t>(value->count());
}

Rule<std::int64_t> seconds_rule() {
  return Rule<std::int64_t>{[](const std::string& text) { return parse_seconds_as_ms(text); }, {},
                            [](const std::int64_t& ms) { return ms_text(ms); },
                            "a number of seconds from 0.001 to 2147483, e.g. 5 or 0.5"};
}

// Batch size after the queue size: batch <= queue. A batch that came from a
// variable or code and exceeds the queue is diagnosed and set to the queue size.
void resolve_batch(Resolver& resolver, const Config& code, FinalConfig& config) {
  const std::vector<std::string_view> variables = {"TRACING_BATCH_SIZE", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE"};
  auto rule = integer_rule(1, kMaxSpans);
  rule.accepted += ", at most the queue size";
  auto found = pick(resolver, variables, rule, as_count(code.batch_size), "Config::batch_size");
  Sourced<std::int64_t> batch = found ? *found : Sourced<std::int64_t>{100, "default"};
  const auto queue = static_cast<std::int64_t>(config.max_queue_size);
  if (batch.value > queue) {
    if (found) {
      resolver.reject(batch.source == "code" ? "Config::batch_size" : batch.source, std::to_string(batch.value),
                      "an integer from 1 to the queue size (" + std::to_string(queue) + ")");
    }
    batch.value = queue;
  }
  config.batch_size = static_cast<std::size_t>(batch.value);
  resolver.settle({variables[0], variables[1], "Config::batch_size"}, std::to_string(batch.value), batch.source);
}

void resolve_batch_timeout(Resolver& resolver, const Config& code, FinalConfig& config) {
  auto ms_rule = milliseconds_rule(1);
  auto found = pick(resolver, {"TRACING_BATCH_TIMEOUT"}, seconds_rule());
  if (!found) found = pick(resolver, {"OTEL_BSP_SCHEDULE_DELAY"}, ms_rule, as_ms(code.batch_timeout), "Config::batch_timeout");
  const auto chosen = found ? *found : Sourced<std::int64_t>{5000, "default"};
  config.batch_timeout = std::chrono::milliseconds(chosen.value);
  resolver.settle({"TRACING_BATCH_TIMEOUT", "OTEL_BSP_SCHEDULE_DELAY", "Config::batch_timeout"}, ms_text(chosen.value),
                  chosen.source);
}

std::optional<Compression> as_compression(const std::string& text) {
  const std::string name = lowercase(trim(text));
  if (name == "gzip") return Compression::gzip;
  if (name == "none") return Compression::none;
  return std::nullopt;
}

std::string header_names(const KeyValues& headers) {
  std::vector<std::string> names;
  for (const auto& header : headers) names.push_back(header.first + "=***");
  return join_or_none(names);
}

void resolve_headers(Resolver& resolver, FinalConfig& config) {
  const std::vector<std::string_view> variables = {"TRACING_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
                                                   "OTEL_EXPORTER_OTLP_HEADERS"};
  std::string source = "default";
  for (const auto variable : variables) {
    const auto text = resolver.get(variable);
    if (!text) continue;
    if (auto headers = parse_headers(*text)) {
      config.headers = std::move(*headers);
      source = variable;
      break;
    }
    // Header values are often credentials: the message shows names only.
    resolver.reject(variable, redact_headers(*text),
                    "name=value pairs separated by commas, percent-encoded, names being HTTP tokens");
  }
  resolver.settle(variables, header_names(config.headers), source);
}

}  // namespace

void resolve_processing(Resolver& resolver, const Config& code, FinalConfig& config) {
  config.max_queue_size = static_cast<std::size_t>(
      resolve(resolver, {"TRACING_MAX_QUEUE_SIZE", "OTEL_BSP_MAX_QUEUE_SIZE"}, integer_rule(1, kMaxSpans),
              std::int64_t{2048}, as_count(code.max_queue_size), "Config::max_queue_size"));
  resolve_batch(resolver, code, config);
  resolve_batch_timeout(resolver, code, config);
  config.max_pending_spans = static_cast<std::size_t>(
      resolve(resolver, {"TRACING_MAX_PENDING_SPANS"}, integer_rule(1, kMaxSpans), std::int64_t{8192}));
  config.min_span_duration = std::chrono::milliseconds(resolve(resolver, {"TRACING_MIN_SPAN_DURATION_MS"},
                                                               milliseconds_rule(0), std::int64_t{0},
                                                               as_ms(code.min_span_duration),
                                                               "Config::min_span_duration"));
  config.sample_errors =
      resolve(resolver, {"TRACING_SAMPLE_ERRORS"}, bool_rule(), true, code.sample_errors, "Config::sample_errors");
  config.slow_threshold = std::chrono::milliseconds(resolve(resolver, {"TRACING_SLOW_THRESHOLD_MS"},
                                                            milliseconds_rule(0), std::int64_t{1000},
                                                            as_ms(code.slow_threshold), "Config::slow_threshold"));
}

void resolve_export_options(Resolver& resolver, const Config& code, FinalConfig& config) {
  config.export_timeout = std::chrono::milliseconds(
      resolve(resolver,
              {"TRACING_EXPORT_TIMEOUT_MS", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT",
               "OTEL_BSP_EXPORT_TIMEOUT"},
              milliseconds_rule(0), std::int64_t{10000}, as_ms(code.export_timeout), "Config::export_timeout"));
  resolve_headers(resolver, config);
  const Rule<Compression> compression{as_compression, {},
                                      [](const Compression& value) {
                                        return std::string(value == Compression::gzip ? "gzip" : "none");
                                      },
                                      "gzip or none"};
  config.compression = resolve(
      resolver, {"TRACING_COMPRESSION", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_COMPRESSION"},
      compression, Compression::none);
}

void resolve_limits(Resolver& resolver, FinalConfig& config) {
  auto rule = integer_rule(0, UINT32_MAX);
  const auto limit = [&](const std::vector<std::string_view>& variables, std::uint32_t& field) {
    field = static_cast<std::uint32_t>(resolve(resolver, variables, rule, static_cast<std::int64_t>(field)));
  };
  auto length_rule = rule;
  length_rule.format = [](const std::int64_t& value) {
    return value == UINT32_MAX ? std::string("no limit") : std::to_string(value);
  };
  config.limits.attribute_value_length = static_cast<std::uint32_t>(
      resolve(resolver, {"OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT"}, length_rule,
              static_cast<std::int64_t>(config.limits.attribute_value_length)));
  limit({"OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "OTEL_ATTRIBUTE_COUNT_LIMIT"}, config.limits.attribute_count);
  limit({"OTEL_SPAN_EVENT_COUNT_LIMIT"}, config.limits.event_count);
  limit({"OTEL_SPAN_LINK_COUNT_LIMIT"}, config.limits.link_count);
  limit({"OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT"}, config.limits.event_attribute_count);
  limit({"OTEL_LINK_ATTRIBUTE_COUNT_LIMIT"}, config.limits.link_attribute_count);
}

}  // namespace parley::tracing::detail
