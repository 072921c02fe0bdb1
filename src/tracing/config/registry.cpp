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
                 "http(s)://host[:port][/path]; udp://host:port for the Jaeger agent; a path for file",
                 "Address for the first listed provider that takes one (the others use theirs). Defaults: jaeger "
                 "http://localhost:14268/api/traces, zipkin http://localhost:9411/api/v2/spans, otlp "
                 "http://localhost:4317, file ./traces.jsonl; console needs none. OTLP over gRPC uses http(s) "
                 "too (grpc:// is not accepted); an OTLP/HTTP URL without a path gets /v1/traces."},
    VariableInfo{"TRACING_SAMPLE_RATE", "number", "0.1", "0.0 to 1.0", "Share of new traces kept (errors and slow traces are kept anyway)."},
    VariableInfo{"TRACING_SERVICE_NAME", "text", "chat-system", "text without control characters", "service.name of the resource."},
    VariableInfo{"TRACING_SERVICE_VERSION", "text", "", "text without control characters", "service.version of the resource."},
    VariableInfo{"TRACING_BATCH_SIZE", "number", "100", "1 to 1048576, at most the queue size", "Spans per export batch."},
    VariableInfo{"TRACING_BATCH_TIMEOUT", "seconds", "5", "0.001 to 2147483 (decimals allowed, e.g. 0.5)", "Longest wait before a partial batch is sent."},
    VariableInfo{"TRACING_MAX_QUEUE_SIZE", "number", "2048", "1 to 1048576", "Finished spans waiting for export; beyond it spans are dropped and counted."},
    VariableInfo{"TRACING_MAX_PENDING_SPANS", "number", "8192", "1 to 1048576", "Spans held while their trace awaits its conditional-sampling decision."},
    VariableInfo{"TRACING_MIN_SPAN_DURATION_MS", "duration_ms", "0", "0 to 2147483647", "Spans shorter than this are not exported (span filter)."},
    VariableInfo{"TRACING_SAMPLE_ERRORS", "bool", "true", "true, false", "Always keep a trace whose local root ends with an error or HTTP status >= 500."},
    VariableInfo{"TRACING_SLOW_THRESHOLD_MS", "duration_ms", "1000", "0 to 2147483647 (0 turns it off)", "Always keep a trace whose local root lasts longer."},
    VariableInfo{"TRACING_EXPORT_TIMEOUT_MS", "duration_ms", "10000", "0 to 2147483647 (0 = no limit)", "Deadline of one export request."},
    VariableInfo{"TRACING_HEADERS", "list", "", "name=value,name2=value2 (W3C baggage form, percent-encoded)",
                 "Extra request headers for the exporters (e.g. authorization). Messages never show the values."},
    VariableInfo{"TRACING_PROPAGATORS", "list", "tracecontext,baggage (+b3multi with zipkin, +jaeger with jaeger)",
                 "tracecontext, baggage, b3, b3multi, jaeger, none (comma list)", "Header formats injected and extracted; duplicates are dropped."},
    VariableInfo{"TRACING_OTLP_PROTOCOL", "enum", "implied by the endpoint, else grpc",
                 "grpc, http/protobuf, http/json",
                 "OTLP transport. Without it: port 4317 means grpc, port 4318 or a /v1/traces path http/protobuf; "
                 "when only OTEL_TRACES_EXPORTER chose otlp the default is http/protobuf (http://localhost:4318/v1/traces)."},
    VariableInfo{"TRACING_COMPRESSION", "enum", "none", "gzip, none", "Request body compression."},
    VariableInfo{"TRACING_FILE_PATH", "path", "./traces.jsonl", "a file path without control characters",
                 "File of the file provider; when set, TRACING_ENDPOINT serves the next provider instead."},
    VariableInfo{"OTEL_SDK_DISABLED", "bool", "false", "true, false", "true turns tracing off unless TRACING_ENABLED says true."},
    VariableInfo{"OTEL_SERVICE_NAME", "text", "", "text without control characters", "Fallback for TRACING_SERVICE_NAME."},
    VariableInfo{"OTEL_RESOURCE_ATTRIBUTES", "list", "", "key=value,key2=value2 (percent-encoded)",
                 "Extra resource attributes; service.name and service.version there come after the variables. A "
                 "malformed value is discarded whole."},
    VariableInfo{"OTEL_TRACES_EXPORTER", "list", "", "otlp, zipkin, console, logging, none (comma list)", "Fallback for TRACING_PROVIDER."},
    VariableInfo{"OTEL_TRACES_SAMPLER", "enum", "",
                 "always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio",
                 "Fallback for TRACING_SAMPLE_RATE: the root sampler and whether a parent's decision is followed."},
    VariableInfo{"OTEL_TRACES_SAMPLER_ARG", "number", "1.0", "0.0 to 1.0", "Ratio of the traceidratio samplers."},
    VariableInfo{"OTEL_EXPORTER_OTLP_ENDPOINT", "url", "", "http(s) URL",
                 "OTLP base URL: v1/traces is appended for the HTTP protocols (never twice), nothing for grpc."},
    VariableInfo{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "url", "", "http(s) URL", "OTLP traces URL, used as-is (\"/\" when it has no path); wins over OTEL_EXPORTER_OTLP_ENDPOINT."},
    VariableInfo{"OTEL_EXPORTER_OTLP_PROTOCOL", "enum", "", "grpc, http/protobuf, http/json", "Fallback for TRACING_OTLP_PROTOCOL."},
    VariableInfo{"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "enum", "", "grpc, http/protobuf, http/json", "Wins over OTEL_EXPORTER_OTLP_PROTOCOL."},
    VariableInfo{"OTEL_EXPORTER_OTLP_HEADERS", "list", "", "name=value,name2=value2 (percent-encoded)", "Fallback for TRACING_HEADERS."},
    VariableInfo{"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "list", "", "name=value,name2=value2 (percent-encoded)", "Wins over OTEL_EXPORTER_OTLP_HEADERS."},
    VariableInfo{"OTEL_EXPORTER_OTLP_TIMEOUT", "duration_ms", "", "0 to 2147483647 (0 = no limit)", "Fallback for TRACING_EXPORT_TIMEOUT_MS."},
    VariableInfo{"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "duration_ms", "", "0 to 2147483647 (0 = no limit)", "Wins over OTEL_EXPORTER_OTLP_TIMEOUT."},
    VariableInfo{"OTEL_EXPORTER_OTLP_COMPRESSION", "enum", "", "gzip, none", "Fallback for TRACING_COMPRESSION."},
    VariableInfo{"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "enum", "", "gzip, none", "Wins over OTEL_EXPORTER_OTLP_COMPRESSION."},
    VariableInfo{"OTEL_EXPORTER_ZIPKIN_ENDPOINT", "url", "", "http(s) URL", "Zipkin endpoint when TRACING_ENDPOINT does not serve zipkin."},
    VariableInfo{"OTEL_BSP_SCHEDULE_DELAY", "duration_ms", "", "1 to 2147483647", "Fallback for TRACING_BATCH_TIMEOUT (in ms)."},
    VariableInfo{"OTEL_BSP_EXPORT_TIMEOUT", "duration_ms", "", "0 to 2147483647 (0 = no limit)", "Fallback for the export deadline after the OTLP timeouts."},
    VariableInfo{"OTEL_BSP_MAX_QUEUE_SIZE", "number", "", "1 to 1048576", "Fallback for TRACING_MAX_QUEUE_SIZE."},
    VariableInfo{"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "number", "", "1 to 1048576, at most the queue size", "Fallback for TRACING_BATCH_SIZE."},
    VariableInfo{"OTEL_PROPAGATORS", "list", "", "tracecontext, baggage, b3, b3multi, jaeger, none (comma list)", "Fallback for TRACING_PROPAGATORS."},
    VariableInfo{"OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "number", "no limit", "0 to 4294967295", "Longest attribute string kept."},
    VariableInfo{"OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "number", "no limit", "0 to 4294967295", "Wins over OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT."},
    VariableInfo{"OTEL_ATTRIBUTE_COUNT_LIMIT", "number", "128", "0 to 4294967295", "Attributes kept per span."},
    VariableInfo{"OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "number", "128", "0 to 4294967295", "Wins over OTEL_ATTRIBUTE_COUNT_LIMIT."},
    VariableInfo{"OTEL_SPAN_EVENT_COUNT_LIMIT", "number", "128", "0 to 4294967295", "Events kept per span."},
    VariableInfo{"OTEL_SPAN_LINK_COUNT_LIMIT", "number", "128", "0 to 4294967295", "Links kept per span."},
    VariableInfo{"OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", "number", "128", "0 to 4294967295", "Attributes kept per event."},
    VariableInfo{"OTEL_LINK_ATTRIBUTE_COUNT_LIMIT", "number", "128", "0 to 4294967295", "Attributes kept per link."},
};

}  // namespace

std::span<const VariableInfo> config_registry() noexcept { return kRegistry; }

std::string registry_markdown() {
  std::ostringstream out;
  out << "# Configuration\n\n"
      << "Generated from the variable registry (`make docs` rewrites this file; a test fails when it is stale).\n"
      << "Precedence: `TRACING_*` > `OTEL_*` > code (`parley::tracing::Config`) > default. An empty value counts as\n"
      << "unset; booleans are `true`/`false` and names are case-insensitive. A bad value prints one line naming\n"
      << "the variable, the value, what is accepted and what is used instead; it counts as unset, so that key\n"
      << "falls back to the next source (usually the default) and the application keeps running. Fallback\n"
      << "variables with an empty default take the default of the variable they stand in for.\n\n"
      << "| Variable | Type | Default | Accepted | Meaning |\n|---|---|---|---|---|\n";
  for (const auto& row : kRegistry) {
    out << "| `" << row.name << "` | " << row.type << " | " << (row.default_value.empty() ? "–" : row.default_value)
        << " | " << row.accepted << " | " << row.doc << " |\n";
  }
  return out.str();
}

}  // namespace parley::tracing
