// The one table of configuration variables. docs/CONFIGURATION.md and
// `--check-config` are generated from it.
#include <array>
#include <sstream>

#include "parley/tracing/config.h"

namespace parley::tracing {
namespace {

constexpr std::array kRegistry = {
    VariableInfo{"TRACING_ENABLED", "bool", "false", "true, false", "Turns tracing on. Off: every tracing call is a no-op."},
    VariableInfo{"TRACING_PROVIDER", "list", "jaeger", "jaeger, zipkin, otlp, console, file, none (comma list)",
                 "Where spans go; a comma list sends to several (e.g. otlp,console)."},
    VariableInfo{"TRACING_ENDPOINT", "url", "by provider",
                 "http(s) URL; udp://host:port for the Jaeger agent; a path for file",
                 "Backend address for the first provider that takes one. Defaults: jaeger "
                 "http://localhost:14268/api/traces, zipkin http://localhost:9411/api/v2/spans, otlp "
                 "http://localhost:4317, file ./traces.jsonl."},
    VariableInfo{"TRACING_SAMPLE_RATE", "number", "0.1", "0.0 to 1.0", "Share of new traces kept (errors and slow traces are kept anyway)."},
    VariableInfo{"TRACING_SERVICE_NAME", "text", "chat-system", "any text", "service.name of the resource."},
    VariableInfo{"TRACING_SERVICE_VERSION", "text", "", "any text", "service.version of the resource."},
    VariableInfo{"TRACING_BATCH_SIZE", "number", "100", "1 to the queue size", "Spans per export batch."},
    VariableInfo{"TRACING_BATCH_TIMEOUT", "seconds", "5", "a number of seconds > 0 (e.g. 0.5)", "Longest wait before a partial batch is sent."},
    VariableInfo{"TRACING_MAX_QUEUE_SIZE", "number", "2048", "an integer >= 1", "Finished spans waiting for export; beyond it spans are dropped and counted."},
    VariableInfo{"TRACING_MAX_PENDING_SPANS", "number", "8192", "an integer >= 1", "Spans held while their trace awaits its conditional-sampling decision."},
    VariableInfo{"TRACING_MIN_SPAN_DURATION_MS", "duration_ms", "0", "an integer >= 0", "Spans shorter than this are not exported (span filter)."},
    VariableInfo{"TRACING_SAMPLE_ERRORS", "bool", "true", "true, false", "Always keep a trace whose local root ends with an error or HTTP status >= 500."},
    VariableInfo{"TRACING_SLOW_THRESHOLD_MS", "duration_ms", "1000", "an integer >= 0 (0 turns it off)", "Always keep a trace whose local root lasts longer."},
    VariableInfo{"TRACING_EXPORT_TIMEOUT_MS", "duration_ms", "10000", "an integer >= 0 (0 = no limit)", "Deadline of one export request."},
    VariableInfo{"TRACING_HEADERS", "list", "", "k1=v1,k2=v2 (percent-encoded)", "Extra request headers for the exporter (e.g. authorization)."},
    VariableInfo{"TRACING_PROPAGATORS", "list", "tracecontext,baggage (+b3multi for zipkin, +jaeger for jaeger)",
                 "tracecontext, baggage, b3, b3multi, jaeger, none", "Header formats injected and extracted."},
    VariableInfo{"TRACING_OTLP_PROTOCOL", "enum", "from the endpoint (grpc for :4317)", "grpc, http/protobuf, http/json", "OTLP transport."},
    VariableInfo{"TRACING_COMPRESSION", "enum", "none", "gzip, none", "Request body compression."},
    VariableInfo{"TRACING_FILE_PATH", "path", "./traces.jsonl", "a file path", "File for the file provider when TRACING_ENDPOINT serves another provider."},
    VariableInfo{"OTEL_SDK_DISABLED", "bool", "false", "true, false", "true turns tracing off unless TRACING_ENABLED says otherwise."},
    VariableInfo{"OTEL_SERVICE_NAME", "text", "", "any text", "Fallback for TRACING_SERVICE_NAME."},
    VariableInfo{"OTEL_RESOURCE_ATTRIBUTES", "list", "", "k1=v1,k2=v2 (percent-encoded)", "Extra resource attributes; a malformed value is discarded whole."},
    VariableInfo{"OTEL_TRACES_EXPORTER", "list", "otlp", "otlp, zipkin, console, logging, none", "Fallback for TRACING_PROVIDER."},
    VariableInfo{"OTEL_TRACES_SAMPLER", "enum", "parentbased_always_on",
                 "always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio",
                 "Fallback sampler when TRACING_SAMPLE_RATE is unset."},
    VariableInfo{"OTEL_TRACES_SAMPLER_ARG", "number", "1.0", "0.0 to 1.0", "Ratio for the traceidratio samplers."},
    VariableInfo{"OTEL_EXPORTER_OTLP_ENDPOINT", "url", "", "http(s) URL", "OTLP base URL; /v1/traces is appended for HTTP."},
    VariableInfo{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "url", "", "http(s) URL", "OTLP traces URL, used as-is."},
    VariableInfo{"OTEL_EXPORTER_OTLP_PROTOCOL", "enum", "", "grpc, http/protobuf, http/json", "Fallback for TRACING_OTLP_PROTOCOL."},
    VariableInfo{"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "enum", "", "grpc, http/protobuf, http/json", "Wins over OTEL_EXPORTER_OTLP_PROTOCOL."},
    VariableInfo{"OTEL_EXPORTER_OTLP_HEADERS", "list", "", "k1=v1,k2=v2 (percent-encoded)", "Fallback for TRACING_HEADERS."},
    VariableInfo{"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "list", "", "k1=v1,k2=v2 (percent-encoded)", "Wins over OTEL_EXPORTER_OTLP_HEADERS."},
    VariableInfo{"OTEL_EXPORTER_OTLP_TIMEOUT", "duration_ms", "10000", "an integer >= 0 (0 = no limit)", "Fallback for TRACING_EXPORT_TIMEOUT_MS."},
    VariableInfo{"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "duration_ms", "10000", "an integer >= 0 (0 = no limit)", "Wins over OTEL_EXPORTER_OTLP_TIMEOUT."},
    VariableInfo{"OTEL_EXPORTER_OTLP_COMPRESSION", "enum", "none", "gzip, none", "Fallback for TRACING_COMPRESSION."},
    VariableInfo{"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "enum", "none", "gzip, none", "Wins over OTEL_EXPORTER_OTLP_COMPRESSION."},
    VariableInfo{"OTEL_EXPORTER_ZIPKIN_ENDPOINT", "url", "http://localhost:9411/api/v2/spans", "http(s) URL", "Zipkin endpoint when TRACING_ENDPOINT is unset."},
    VariableInfo{"OTEL_BSP_SCHEDULE_DELAY", "duration_ms", "5000", "an integer >= 1", "Fallback for TRACING_BATCH_TIMEOUT (in ms)."},
    VariableInfo{"OTEL_BSP_EXPORT_TIMEOUT", "duration_ms", "30000", "an integer >= 0", "Fallback export deadline."},
    VariableInfo{"OTEL_BSP_MAX_QUEUE_SIZE", "number", "2048", "an integer >= 1", "Fallback for TRACING_MAX_QUEUE_SIZE."},
    VariableInfo{"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "number", "512", "1 to the queue size", "Fallback for TRACING_BATCH_SIZE."},
    VariableInfo{"OTEL_PROPAGATORS", "list", "tracecontext,baggage", "tracecontext, baggage, b3, b3multi, jaeger, none", "Fallback for TRACING_PROPAGATORS."},
    VariableInfo{"OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "number", "no limit", "an integer >= 0", "Longest attribute string kept."},
    VariableInfo{"OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "number", "no limit", "an integer >= 0", "Wins over OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT."},
    VariableInfo{"OTEL_ATTRIBUTE_COUNT_LIMIT", "number", "128", "an integer >= 0", "Attributes kept per span."},
    VariableInfo{"OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "number", "128", "an integer >= 0", "Wins over OTEL_ATTRIBUTE_COUNT_LIMIT."},
    VariableInfo{"OTEL_SPAN_EVENT_COUNT_LIMIT", "number", "128", "an integer >= 0", "Events kept per span."},
    VariableInfo{"OTEL_SPAN_LINK_COUNT_LIMIT", "number", "128", "an integer >= 0", "Links kept per span."},
    VariableInfo{"OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", "number", "128", "an integer >= 0", "Attributes kept per event."},
    VariableInfo{"OTEL_LINK_ATTRIBUTE_COUNT_LIMIT", "number", "128", "an integer >= 0", "Attributes kept per link."},
};

}  // namespace

std::span<const VariableInfo> config_registry() noexcept { return kRegistry; }

std::string registry_markdown() {
  std::ostringstream out;
  out << "# Configuration\n\n"
      << "Generated from the variable registry (`make docs` rewrites this file; a test fails when it is stale).\n"
      << "Precedence: `TRACING_*` > `OTEL_*` > code (`parley::tracing::Config`) > default. An empty value counts as\n"
      << "unset. A bad value prints one line naming the variable, the value and what is accepted, and that key\n"
      << "falls back to its default; the application keeps running.\n\n"
      << "| Variable | Type | Default | Accepted | Meaning |\n|---|---|---|---|---|\n";
  for (const auto& row : kRegistry) {
    out << "| `" << row.name << "` | " << row.type << " | " << (row.default_value.empty() ? "–" : row.default_value)
        << " | " << row.accepted << " | " << row.doc << " |\n";
  }
  return out.str();
}

}  // namespace parley::tracing
