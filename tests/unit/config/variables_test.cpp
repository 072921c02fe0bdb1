// Every registry variable: a good value takes effect; a bad value gives
// exactly one diagnostic with the full text (variable, value, what is
// accepted, what is used instead) and the setting keeps its default.
#include <functional>
#include <set>

#include "config_test_support.h"

namespace parley::tracing::testing {
namespace {

using View = std::function<std::string(const FinalConfig&)>;

struct VariableCase {
  std::string variable;
  Env context;  // other variables the case needs (e.g. the provider)
  std::string good;
  std::string good_view;
  std::string bad;
  std::string message;
  View view;
  Config code{};
};

std::ostream& operator<<(std::ostream& out, const VariableCase& c) { return out << c.variable; }

const View kEnabled = [](const FinalConfig& c) { return std::string(c.enabled ? "true" : "false"); };
const View kExporters = [](const FinalConfig& c) { return exporters_view(c); };
const View kSampler = [](const FinalConfig& c) { return sampler_view(c); };
const View kServiceName = [](const FinalConfig& c) { return c.service_name; };
const View kBatchSize = [](const FinalConfig& c) { return std::to_string(c.batch_size); };
const View kBatchTimeout = [](const FinalConfig& c) { return std::to_string(c.batch_timeout.count()); };
const View kQueue = [](const FinalConfig& c) { return std::to_string(c.max_queue_size); };
const View kExportTimeout = [](const FinalConfig& c) { return std::to_string(c.export_timeout.count()); };
const View kHeaders = [](const FinalConfig& c) { return pairs_view(c.headers); };
const View kPropagators = [](const FinalConfig& c) { return list_view(c.propagators); };
const View kCompression = [](const FinalConfig& c) {
  return std::string(c.compression == Compression::gzip ? "gzip" : "none");
};
View limit(std::uint32_t SpanLimits::*field) {
  return [field](const FinalConfig& c) { return std::to_string(c.limits.*field); };
}

Config enabled_in_code() {
  Config code;
  code.enabled = true;
  return code;
}

std::string expected(const std::string& head, const std::string& accepted, const std::string& fallback) {
  return head + " is not accepted (expected " + accepted + "); using " + fallback;
}

const std::string kInt1 = "an integer from 1 to 1048576";
const std::string kMs0 = "a whole number of milliseconds from 0 to 2147483647";
const std::string kLimit = "an integer from 0 to 4294967295";
const std::string kHeaderRule = "name=value pairs separated by commas, percent-encoded, names being HTTP tokens";
const std::string kOtlpUrl = "an http(s) URL with a host and a port from 1 to 65535; for gRPC too, e.g. http://host:4317";
const Env kOtlp{{"TRACING_PROVIDER", "otlp"}};
const std::string kAttributeRule =
    "key=value pairs separated by commas, with ',', '=' and '%' percent-encoded; no control characters in keys, "
    "service.name or service.version";

std::vector<VariableCase> cases() {
  return {
      {"TRACING_ENABLED", {}, "TRUE", "true", "yes",
       expected("TRACING_ENABLED=yes", "true or false", "false"), kEnabled},
      {"TRACING_PROVIDER", {}, "otlp, Console", "otlp http://localhost:4317 grpc|console", "datadog",
       expected("TRACING_PROVIDER=datadog", "a comma list of jaeger, zipkin, otlp, console, file, none", "jaeger"),
       kExporters},
      {"TRACING_ENDPOINT", {}, "http://collector:14268/api/traces", "jaeger http://collector:14268/api/traces",
       "localhost:14268",
       expected("TRACING_ENDPOINT=localhost:14268", "an http(s) URL with a host, or udp://host:port for the Jaeger agent",
                "http://localhost:14268/api/traces"),
       kExporters},
      {"TRACING_SAMPLE_RATE", {}, "0.25", "ratio 0.25 parent", "abc",
       "TRACING_SAMPLE_RATE=abc is not accepted (expected a number from 0.0 to 1.0); using 0.1", kSampler},
      {"TRACING_SERVICE_NAME", {}, " chat-api ", "chat-api", "chat\napi",
       expected("TRACING_SERVICE_NAME=chat\\napi", "text without control characters", "chat-system"), kServiceName},
      {"TRACING_SERVICE_VERSION", {}, "1.2.3", "1.2.3", std::string("1.2\x01", 4),
       expected("TRACING_SERVICE_VERSION=1.2\\x01", "text without control characters", "none"),
       [](const FinalConfig& c) { return c.service_version; }},
      {"TRACING_BATCH_SIZE", {}, "50", "50", "-5",
       expected("TRACING_BATCH_SIZE=-5", kInt1 + ", at most the queue size", "100"), kBatchSize},
      {"TRACING_BATCH_TIMEOUT", {}, "0.5", "500", "five",
       expected("TRACING_BATCH_TIMEOUT=five", "a number of seconds from 0.001 to 2147483, e.g. 5 or 0.5", "5000 ms"),
       kBatchTimeout},
      {"TRACING_MAX_QUEUE_SIZE", {}, "4096", "4096", "lots", expected("TRACING_MAX_QUEUE_SIZE=lots", kInt1, "2048"),
       kQueue},
      {"TRACING_MAX_PENDING_SPANS", {}, "10", "10", "0", expected("TRACING_MAX_PENDING_SPANS=0", kInt1, "8192"),
       [](const FinalConfig& c) { return std::to_string(c.max_pending_spans); }},
      {"TRACING_MIN_SPAN_DURATION_MS", {}, "100", "100", "-1",
       expected("TRACING_MIN_SPAN_DURATION_MS=-1", kMs0, "0 ms"),
       [](const FinalConfig& c) { return std::to_string(c.min_span_duration.count()); }},
      {"TRACING_SAMPLE_ERRORS", {}, "False", "false", "0", expected("TRACING_SAMPLE_ERRORS=0", "true or false", "true"),
       [](const FinalConfig& c) { return std::string(c.sample_errors ? "true" : "false"); }},
      {"TRACING_SLOW_THRESHOLD_MS", {}, "0", "0", "1s", expected("TRACING_SLOW_THRESHOLD_MS=1s", kMs0, "1000 ms"),
       [](const FinalConfig& c) { return std::to_string(c.slow_threshold.count()); }},
      {"TRACING_EXPORT_TIMEOUT_MS", {}, "0", "0", "fast", expected("TRACING_EXPORT_TIMEOUT_MS=fast", kMs0, "10000 ms"),
       kExportTimeout},
      {"TRACING_HEADERS", {}, "authorization=Bearer%20abc, x-tenant=chat", "authorization:Bearer abc|x-tenant:chat",
       "authorization=Bearer%zz", expected("TRACING_HEADERS=authorization=***", kHeaderRule, "none"), kHeaders},
      {"TRACING_PROPAGATORS", {}, "b3,jaeger,B3", "b3,jaeger", "xray",
       expected("TRACING_PROPAGATORS=xray", "a comma list of tracecontext, baggage, b3, b3multi, jaeger, none",
                "tracecontext,baggage,jaeger"),
       kPropagators},
      {"TRACING_OTLP_PROTOCOL", kOtlp, "HTTP/JSON", "otlp http://localhost:4318/v1/traces http/json", "thrift",
       expected("TRACING_OTLP_PROTOCOL=thrift", "grpc, http/protobuf or http/json", "grpc"), kExporters},
      {"TRACING_COMPRESSION", {}, "GZIP", "gzip", "zstd", expected("TRACING_COMPRESSION=zstd", "gzip or none", "none"),
       kCompression},
      {"TRACING_FILE_PATH", {{"TRACING_PROVIDER", "console,file"}}, "/tmp/spans.jsonl", "console|file /tmp/spans.jsonl",
       std::string("a\x01" "b", 3),
       expected("TRACING_FILE_PATH=a\\x01b", "a file path without control characters", "./traces.jsonl"), kExporters},
      {"OTEL_SDK_DISABLED", {}, "TRUE", "false", "maybe", expected("OTEL_SDK_DISABLED=maybe", "true or false", "false"),
       kEnabled, enabled_in_code()},
      {"OTEL_SERVICE_NAME", {}, "svc", "svc", "a\x7f",
       expected("OTEL_SERVICE_NAME=a\\x7f", "text without control characters", "chat-system"), kServiceName},
      {"OTEL_RESOURCE_ATTRIBUTES", {}, "team=chat%2Cai, deployment.environment.name=prod",
       "team:chat,ai|deployment.environment.name:prod", "a=1,broken",
       expected("OTEL_RESOURCE_ATTRIBUTES=a=1,broken",
                kAttributeRule, "none"),
       [](const FinalConfig& c) { return pairs_view(c.resource_attributes); }},
      {"OTEL_TRACES_EXPORTER", {}, "zipkin,logging", "zipkin http://localhost:9411/api/v2/spans|console", "jaeger",
       expected("OTEL_TRACES_EXPORTER=jaeger", "a comma list of otlp, zipkin, console, logging, none", "jaeger"),
       kExporters},
      {"OTEL_TRACES_SAMPLER", {}, "ParentBased_Always_Off", "always_off parent", "jaeger_remote",
       expected("OTEL_TRACES_SAMPLER=jaeger_remote",
                "always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off or "
                "parentbased_traceidratio",
                "0.1"),
       kSampler},
      {"OTEL_TRACES_SAMPLER_ARG", {{"OTEL_TRACES_SAMPLER", "traceidratio"}}, "0.05", "ratio 0.05", "2",
       expected("OTEL_TRACES_SAMPLER_ARG=2", "a number from 0.0 to 1.0", "traceidratio 1.0"), kSampler},
      {"OTEL_EXPORTER_OTLP_ENDPOINT", kOtlp, "http://collector:4318", "otlp http://collector:4318/v1/traces http/protobuf",
       "collector:4318", expected("OTEL_EXPORTER_OTLP_ENDPOINT=collector:4318", kOtlpUrl, "http://localhost:4317"),
       kExporters},
      {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", kOtlp, "https://collector/custom", "otlp https://collector/custom grpc",
       "grpc://collector:4317",
       expected("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=grpc://collector:4317", kOtlpUrl, "http://localhost:4317"),
       kExporters},
      {"OTEL_EXPORTER_OTLP_PROTOCOL", kOtlp, "http/protobuf", "otlp http://localhost:4318/v1/traces http/protobuf", "udp",
       expected("OTEL_EXPORTER_OTLP_PROTOCOL=udp", "grpc, http/protobuf or http/json", "grpc"), kExporters},
      {"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", kOtlp, "http/json", "otlp http://localhost:4318/v1/traces http/json", "json",
       expected("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=json", "grpc, http/protobuf or http/json", "grpc"), kExporters},
      {"OTEL_EXPORTER_OTLP_HEADERS", {}, "api-key=secret", "api-key:secret", "=x",
       expected("OTEL_EXPORTER_OTLP_HEADERS==***", kHeaderRule, "none"), kHeaders},
      {"OTEL_EXPORTER_OTLP_TRACES_HEADERS", {}, "a=1,b=x%20y", "a:1|b:x y", "x bad=1",
       expected("OTEL_EXPORTER_OTLP_TRACES_HEADERS=x bad=***", kHeaderRule, "none"), kHeaders},
      {"OTEL_EXPORTER_OTLP_TIMEOUT", {}, "500", "500", "-2", expected("OTEL_EXPORTER_OTLP_TIMEOUT=-2", kMs0, "10000 ms"),
       kExportTimeout},
      {"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", {}, "700", "700", "z",
       expected("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT=z", kMs0, "10000 ms"), kExportTimeout},
      {"OTEL_EXPORTER_OTLP_COMPRESSION", {}, "gzip", "gzip", "br",
       expected("OTEL_EXPORTER_OTLP_COMPRESSION=br", "gzip or none", "none"), kCompression},
      {"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", {}, "Gzip", "gzip", "lz4",
       expected("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION=lz4", "gzip or none", "none"), kCompression},
      {"OTEL_EXPORTER_ZIPKIN_ENDPOINT", {{"TRACING_PROVIDER", "zipkin"}}, "http://z:9411/api/v2/spans",
       "zipkin http://z:9411/api/v2/spans", "http://z:0/api",
       expected("OTEL_EXPORTER_ZIPKIN_ENDPOINT=http://z:0/api", "an http(s) URL with a host and a port from 1 to 65535",
                "http://localhost:9411/api/v2/spans"),
       kExporters},
      {"OTEL_BSP_SCHEDULE_DELAY", {}, "200", "200", "0",
       expected("OTEL_BSP_SCHEDULE_DELAY=0", "a whole number of milliseconds from 1 to 2147483647", "5000 ms"),
       kBatchTimeout},
      {"OTEL_BSP_EXPORT_TIMEOUT", {}, "900", "900", "-9", expected("OTEL_BSP_EXPORT_TIMEOUT=-9", kMs0, "10000 ms"),
       kExportTimeout},
      {"OTEL_BSP_MAX_QUEUE_SIZE", {}, "100", "100", "0", expected("OTEL_BSP_MAX_QUEUE_SIZE=0", kInt1, "2048"), kQueue},
      {"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", {}, "64", "64", "1048577",
       expected("OTEL_BSP_MAX_EXPORT_BATCH_SIZE=1048577", kInt1 + ", at most the queue size", "100"), kBatchSize},
      {"OTEL_PROPAGATORS", {}, "TraceContext", "tracecontext", "ottrace",
       expected("OTEL_PROPAGATORS=ottrace", "a comma list of tracecontext, baggage, b3, b3multi, jaeger, none",
                "tracecontext,baggage,jaeger"),
       kPropagators},
      {"OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", {}, "64", "64", "long",
       expected("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT=long", kLimit, "no limit"), limit(&SpanLimits::attribute_value_length)},
      {"OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", {}, "32", "32", "-32",
       expected("OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT=-32", kLimit, "no limit"),
       limit(&SpanLimits::attribute_value_length)},
      {"OTEL_ATTRIBUTE_COUNT_LIMIT", {}, "10", "10", "-1", expected("OTEL_ATTRIBUTE_COUNT_LIMIT=-1", kLimit, "128"),
       limit(&SpanLimits::attribute_count)},
      {"OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", {}, "0", "0", "many",
       expected("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT=many", kLimit, "128"), limit(&SpanLimits::attribute_count)},
      {"OTEL_SPAN_EVENT_COUNT_LIMIT", {}, "3", "3", "4294967296",
       expected("OTEL_SPAN_EVENT_COUNT_LIMIT=4294967296", kLimit, "128"), limit(&SpanLimits::event_count)},
      {"OTEL_SPAN_LINK_COUNT_LIMIT", {}, "4", "4", "x", expected("OTEL_SPAN_LINK_COUNT_LIMIT=x", kLimit, "128"),
       limit(&SpanLimits::link_count)},
      {"OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", {}, "5", "5", "1.5",
       expected("OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT=1.5", kLimit, "128"), limit(&SpanLimits::event_attribute_count)},
      {"OTEL_LINK_ATTRIBUTE_COUNT_LIMIT", {}, "6", "6", "-6", expected("OTEL_LINK_ATTRIBUTE_COUNT_LIMIT=-6", kLimit, "128"),
       limit(&SpanLimits::link_attribute_count)},
  };
}

class EveryVariable : public ::testing::TestWithParam<VariableCase> {};

TEST_P(EveryVariable, GoodValueTakesEffectWithoutDiagnostics) {
  const auto& c = GetParam();
  Env env = c.context;
  env[c.variable] = c.good;
  const auto loaded = load(env, c.code);
  EXPECT_EQ(all_messages(loaded), "");
  EXPECT_EQ(c.view(loaded.config), c.good_view);
}

TEST_P(EveryVariable, BadValueGivesOneDiagnosticAndTheDefault) {
  const auto& c = GetParam();
  const auto defaults = load(c.context, c.code);
  ASSERT_EQ(all_messages(defaults), "");
  Env env = c.context;
  env[c.variable] = c.bad;
  const auto loaded = load(env, c.code);
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << all_messages(loaded);
  EXPECT_EQ(loaded.diagnostics[0].variable, c.variable);
  EXPECT_EQ(loaded.diagnostics[0].message(), c.message);
  EXPECT_EQ(c.view(loaded.config), c.view(defaults.config));
}

TEST_P(EveryVariable, EmptyValueCountsAsUnset) {
  const auto& c = GetParam();
  Env env = c.context;
  env[c.variable] = "  ";
  const auto loaded = load(env, c.code);
  EXPECT_EQ(all_messages(loaded), "");
  EXPECT_EQ(c.view(loaded.config), c.view(load(c.context, c.code).config));
}

INSTANTIATE_TEST_SUITE_P(Config, EveryVariable, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<VariableCase>& info) { return info.param.variable; });

TEST(EveryVariableTable, CoversEveryRegistryVariable) {
  std::set<std::string> tested;
  for (const auto& c : cases()) tested.insert(c.variable);
  for (const auto& row : config_registry()) EXPECT_TRUE(tested.count(std::string(row.name))) << row.name;
  EXPECT_EQ(tested.size(), config_registry().size());
}

}  // namespace
}  // namespace parley::tracing::testing
