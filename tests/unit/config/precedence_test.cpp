// Precedence of every setting: TRACING_* > OTEL_* > code (Config) > default.
// Each row gives a higher-precedence value, a lower one, and a code value;
// the test checks all four levels: higher (with lower and code present),
// lower (with code present), code alone, nothing.
#include <functional>
#include <set>

#include "config_test_support.h"

namespace parley::tracing::testing {
namespace {

using View = std::function<std::string(const FinalConfig&)>;

struct PrecedenceCase {
  std::string name;
  Env context;
  Env higher;  // usually TRACING_*
  Env lower;   // usually OTEL_*
  std::function<void(Config&)> code;  // may be empty when the setting has no Config field
  View view;
  std::string from_higher, from_lower, from_code, from_default;
};

std::ostream& operator<<(std::ostream& out, const PrecedenceCase& c) { return out << c.name; }

View number(std::function<std::int64_t(const FinalConfig&)> field) {
  return [field](const FinalConfig& c) { return std::to_string(field(c)); };
}

std::vector<PrecedenceCase> cases() {
  using std::chrono::milliseconds;
  const Env otlp{{"TRACING_PROVIDER", "otlp"}};
  return {
      {"Enabled", {}, {{"TRACING_ENABLED", "true"}}, {{"OTEL_SDK_DISABLED", "true"}}, [](Config& c) { c.enabled = true; },
       [](const FinalConfig& c) { return std::string(c.enabled ? "on" : "off"); }, "on", "off", "on", "off"},
      {"Provider", {}, {{"TRACING_PROVIDER", "zipkin"}}, {{"OTEL_TRACES_EXPORTER", "otlp"}},
       [](Config& c) { c.provider = "console"; },
       [](const FinalConfig& c) { return std::string(to_string(c.exporters.at(0).provider)); }, "zipkin", "otlp",
       "console", "jaeger"},
      {"OtlpEndpoint", otlp, {{"TRACING_ENDPOINT", "http://t:4317"}},
       {{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://o:4317"}}, [](Config& c) { c.endpoint = "http://c:4317"; },
       [](const FinalConfig& c) { return c.exporters.at(0).endpoint; }, "http://t:4317", "http://o:4317",
       "http://c:4317", "http://localhost:4317"},
      {"OtlpTracesEndpointOverGeneric", otlp, {{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://s:4318/x"}},
       {{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://g:4318"}}, [](Config& c) { c.endpoint = "http://c:4318/v1/traces"; },
       [](const FinalConfig& c) { return c.exporters.at(0).endpoint; }, "http://s:4318/x", "http://g:4318/v1/traces",
       "http://c:4318/v1/traces", "http://localhost:4317"},
      {"ZipkinEndpoint", {{"TRACING_PROVIDER", "zipkin"}}, {{"TRACING_ENDPOINT", "http://t:9411/api/v2/spans"}},
       {{"OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://o:9411/api/v2/spans"}},
       [](Config& c) { c.endpoint = "http://c:9411/api/v2/spans"; },
       [](const FinalConfig& c) { return c.exporters.at(0).endpoint; }, "http://t:9411/api/v2/spans",
       "http://o:9411/api/v2/spans", "http://c:9411/api/v2/spans", "http://localhost:9411/api/v2/spans"},
      {"FilePath", {{"TRACING_PROVIDER", "file"}}, {{"TRACING_FILE_PATH", "/tmp/a.jsonl"}}, {},
       [](Config& c) { c.endpoint = "/tmp/c.jsonl"; }, [](const FinalConfig& c) { return c.exporters.at(0).endpoint; },
       "/tmp/a.jsonl", "/tmp/c.jsonl", "/tmp/c.jsonl", "./traces.jsonl"},
      {"OtlpProtocol", otlp, {{"TRACING_OTLP_PROTOCOL", "http/json"}},
       {{"OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"}}, {},
       [](const FinalConfig& c) { return std::string(to_string(c.exporters.at(0).otlp_protocol)); }, "http/json",
       "http/protobuf", "grpc", "grpc"},
      {"OtlpTracesProtocolOverGeneric", otlp, {{"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/json"}},
       {{"OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"}}, {},
       [](const FinalConfig& c) { return std::string(to_string(c.exporters.at(0).otlp_protocol)); }, "http/json",
       "http/protobuf", "grpc", "grpc"},
      {"SampleRate", {}, {{"TRACING_SAMPLE_RATE", "0.5"}},
       {{"OTEL_TRACES_SAMPLER", "traceidratio"}, {"OTEL_TRACES_SAMPLER_ARG", "0.2"}},
       [](Config& c) { c.sample_rate = 0.7; }, [](const FinalConfig& c) { return sampler_view(c); }, "ratio 0.5 parent",
       "ratio 0.2", "ratio 0.7 parent", "ratio 0.1 parent"},
      {"ServiceName", {}, {{"TRACING_SERVICE_NAME", "t"}}, {{"OTEL_SERVICE_NAME", "o"}},
       [](Config& c) { c.service_name = "c"; }, [](const FinalConfig& c) { return c.service_name; }, "t", "o", "c",
       "chat-system"},
      {"ServiceNameFromResourceAttributes", {}, {{"OTEL_SERVICE_NAME", "o"}},
       {{"OTEL_RESOURCE_ATTRIBUTES", "service.name=r"}}, [](Config& c) { c.service_name = "c"; },
       [](const FinalConfig& c) { return c.service_name; }, "o", "r", "c", "chat-system"},
      {"ServiceVersion", {}, {{"TRACING_SERVICE_VERSION", "1"}}, {{"OTEL_RESOURCE_ATTRIBUTES", "service.version=2"}},
       [](Config& c) { c.service_version = "3"; }, [](const FinalConfig& c) { return c.service_version; }, "1", "2", "3",
       ""},
      {"BatchSize", {}, {{"TRACING_BATCH_SIZE", "10"}}, {{"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "20"}},
       [](Config& c) { c.batch_size = 30; }, number([](const FinalConfig& c) { return c.batch_size; }), "10", "20", "30",
       "100"},
      {"BatchTimeout", {}, {{"TRACING_BATCH_TIMEOUT", "2"}}, {{"OTEL_BSP_SCHEDULE_DELAY", "300"}},
       [](Config& c) { c.batch_timeout = milliseconds(700); },
       number([](const FinalConfig& c) { return c.batch_timeout.count(); }), "2000", "300", "700", "5000"},
      {"QueueSize", {}, {{"TRACING_MAX_QUEUE_SIZE", "1000"}}, {{"OTEL_BSP_MAX_QUEUE_SIZE", "2000"}},
       [](Config& c) { c.max_queue_size = 3000; }, number([](const FinalConfig& c) { return c.max_queue_size; }), "1000",
       "2000", "3000", "2048"},
      {"PendingSpans", {}, {{"TRACING_MAX_PENDING_SPANS", "5"}}, {}, {},
       number([](const FinalConfig& c) { return c.max_pending_spans; }), "5", "8192", "8192", "8192"},
      {"MinSpanDuration", {}, {{"TRACING_MIN_SPAN_DURATION_MS", "5"}}, {},
       [](Config& c) { c.min_span_duration = milliseconds(7); },
       number([](const FinalConfig& c) { return c.min_span_duration.count(); }), "5", "7", "7", "0"},
      {"SampleErrors", {}, {{"TRACING_SAMPLE_ERRORS", "true"}}, {}, [](Config& c) { c.sample_errors = false; },
       [](const FinalConfig& c) { return std::string(c.sample_errors ? "yes" : "no"); }, "yes", "no", "no", "yes"},
      {"SlowThreshold", {}, {{"TRACING_SLOW_THRESHOLD_MS", "5"}}, {},
       [](Config& c) { c.slow_threshold = milliseconds(0); },
       number([](const FinalConfig& c) { return c.slow_threshold.count(); }), "5", "0", "0", "1000"},
      {"ExportTimeout", {}, {{"TRACING_EXPORT_TIMEOUT_MS", "1"}}, {{"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "2"}},
       [](Config& c) { c.export_timeout = milliseconds(3); },
       number([](const FinalConfig& c) { return c.export_timeout.count(); }), "1", "2", "3", "10000"},
      {"ExportTimeoutOtlpOverBsp", {}, {{"OTEL_EXPORTER_OTLP_TIMEOUT", "4"}}, {{"OTEL_BSP_EXPORT_TIMEOUT", "5"}},
       [](Config& c) { c.export_timeout = milliseconds(3); },
       number([](const FinalConfig& c) { return c.export_timeout.count(); }), "4", "5", "3", "10000"},
      {"Headers", {}, {{"TRACING_HEADERS", "a=1"}}, {{"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "b=2"}}, {},
       [](const FinalConfig& c) { return pairs_view(c.headers); }, "a:1", "b:2", "none", "none"},
      {"HeadersTracesOverGeneric", {}, {{"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "b=2"}},
       {{"OTEL_EXPORTER_OTLP_HEADERS", "c=3"}}, {}, [](const FinalConfig& c) { return pairs_view(c.headers); }, "b:2",
       "c:3", "none", "none"},
      {"Compression", {}, {{"TRACING_COMPRESSION", "none"}}, {{"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "gzip"}}, {},
       [](const FinalConfig& c) { return std::string(c.compression == Compression::gzip ? "gzip" : "none"); }, "none",
       "gzip", "none", "none"},
      {"CompressionTracesOverGeneric", {}, {{"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "none"}},
       {{"OTEL_EXPORTER_OTLP_COMPRESSION", "gzip"}}, {},
       [](const FinalConfig& c) { return std::string(c.compression == Compression::gzip ? "gzip" : "none"); }, "none",
       "gzip", "none", "none"},
      {"Propagators", {}, {{"TRACING_PROPAGATORS", "b3"}}, {{"OTEL_PROPAGATORS", "jaeger"}},
       [](Config& c) { c.propagators = "baggage"; }, [](const FinalConfig& c) { return list_view(c.propagators); }, "b3",
       "jaeger", "baggage", "tracecontext,baggage,jaeger"},
      {"AttributeValueLength", {}, {{"OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "1"}},
       {{"OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "2"}}, {},
       number([](const FinalConfig& c) { return c.limits.attribute_value_length; }), "1", "2", "4294967295",
       "4294967295"},
      {"AttributeCount", {}, {{"OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "1"}}, {{"OTEL_ATTRIBUTE_COUNT_LIMIT", "2"}}, {},
       number([](const FinalConfig& c) { return c.limits.attribute_count; }), "1", "2", "128", "128"},
      {"EventCount", {}, {{"OTEL_SPAN_EVENT_COUNT_LIMIT", "1"}}, {}, {},
       number([](const FinalConfig& c) { return c.limits.event_count; }), "1", "128", "128", "128"},
      {"LinkCount", {}, {{"OTEL_SPAN_LINK_COUNT_LIMIT", "1"}}, {}, {},
       number([](const FinalConfig& c) { return c.limits.link_count; }), "1", "128", "128", "128"},
      {"EventAttributeCount", {}, {{"OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", "1"}}, {}, {},
       number([](const FinalConfig& c) { return c.limits.event_attribute_count; }), "1", "128", "128", "128"},
      {"LinkAttributeCount", {}, {{"OTEL_LINK_ATTRIBUTE_COUNT_LIMIT", "1"}}, {}, {},
       number([](const FinalConfig& c) { return c.limits.link_attribute_count; }), "1", "128", "128", "128"},
  };
}

class Precedence : public ::testing::TestWithParam<PrecedenceCase> {};

Env merged(Env base, const Env& more) {
  for (const auto& [key, value] : more) base[key] = value;
  return base;
}

TEST_P(Precedence, HigherOverLowerOverCodeOverDefault) {
  const auto& c = GetParam();
  Config code;
  if (c.code) c.code(code);
  const auto check = [&](const Env& env, const Config& with, const std::string& want, const char* level) {
    const auto loaded = load(env, with);
    EXPECT_EQ(all_messages(loaded), "") << level;
    EXPECT_EQ(c.view(loaded.config), want) << level;
  };
  check(merged(merged(c.context, c.lower), c.higher), code, c.from_higher, "higher");
  check(merged(c.context, c.lower), code, c.from_lower, "lower");
  check(c.context, code, c.from_code, "code");
  check(c.context, Config{}, c.from_default, "default");
}

INSTANTIATE_TEST_SUITE_P(Config, Precedence, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<PrecedenceCase>& info) { return info.param.name; });

// TRACING_ENDPOINT and OTEL_SDK_DISABLED/OTEL_TRACES_SAMPLER_ARG appear in
// rows above; every other variable must too.
TEST(PrecedenceTable, CoversEveryRegistryVariable) {
  std::set<std::string> covered;
  for (const auto& c : cases()) {
    for (const auto& [name, value] : c.higher) covered.insert(name);
    for (const auto& [name, value] : c.lower) covered.insert(name);
  }
  for (const auto& row : config_registry()) EXPECT_TRUE(covered.count(std::string(row.name))) << row.name;
}

TEST(PrecedenceRules, BadTracingValueFallsToTheOtelValueAndSaysSo) {
  const auto loaded = load({{"TRACING_BATCH_SIZE", "many"}, {"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "20"}});
  EXPECT_EQ(loaded.config.batch_size, 20u);
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_EQ(loaded.diagnostics[0].message(),
            "TRACING_BATCH_SIZE=many is not accepted (expected an integer from 1 to 1048576, at most the queue "
            "size); using 20");
}

TEST(PrecedenceRules, BadCodeValueIsDiagnosedUnderItsFieldName) {
  Config code;
  code.sample_rate = 1.5;
  code.batch_size = 0;
  const auto loaded = load({}, code);
  EXPECT_DOUBLE_EQ(loaded.config.sample_rate, 0.1);
  EXPECT_EQ(loaded.config.batch_size, 100u);
  EXPECT_EQ(all_messages(loaded),
            "Config::sample_rate=1.5 is not accepted (expected a number from 0.0 to 1.0); using 0.1\n"
            "Config::batch_size=0 is not accepted (expected an integer from 1 to 1048576, at most the queue size); "
            "using 100\n");
}

TEST(PrecedenceRules, OtelSdkDisabledFalseLeavesTheDecisionToCode) {
  Config code;
  code.enabled = true;
  EXPECT_TRUE(load({{"OTEL_SDK_DISABLED", "false"}}, code).config.enabled);
  EXPECT_FALSE(load({{"OTEL_SDK_DISABLED", "false"}}).config.enabled);
  EXPECT_FALSE(load({{"TRACING_ENABLED", "false"}}, code).config.enabled);
}

}  // namespace
}  // namespace parley::tracing::testing
