// Every variable: a good value, a bad value (one diagnostic naming the
// variable, the value and what is accepted; the default is used), and
// precedence (TRACING_* over OTEL_* over code over default).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "config/parse.h"
#include "parley/tracing/config.h"
#include "support/env_guard.h"

namespace parley::tracing {
namespace {

EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto found = values.find(std::string(name));
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

LoadedConfig load(std::map<std::string, std::string> values, const Config& code = {}) {
  return finalize(code, env_of(std::move(values)));
}

void expect_one_diagnostic(const LoadedConfig& loaded, const std::string& variable, const std::string& value) {
  ASSERT_EQ(loaded.diagnostics.size(), 1u) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].message());
  EXPECT_EQ(loaded.diagnostics[0].variable, variable);
  EXPECT_EQ(loaded.diagnostics[0].value, value);
  const std::string message = loaded.diagnostics[0].message();
  EXPECT_NE(message.find(variable + "=" + value + " is not accepted (expected "), std::string::npos) << message;
}

TEST(ConfigDefaults, MatchTheSeed) {
  const auto loaded = load({});
  EXPECT_TRUE(loaded.diagnostics.empty());
  const auto& c = loaded.config;
  EXPECT_FALSE(c.enabled);
  ASSERT_EQ(c.exporters.size(), 1u);
  EXPECT_EQ(c.exporters[0].provider, Provider::jaeger);
  EXPECT_EQ(c.exporters[0].endpoint, "http://localhost:14268/api/traces");
  EXPECT_DOUBLE_EQ(c.sample_rate, 0.1);
  EXPECT_EQ(c.service_name, "chat-system");
  EXPECT_EQ(c.batch_size, 100u);
  EXPECT_EQ(c.batch_timeout, std::chrono::milliseconds(5000));
  EXPECT_EQ(c.max_queue_size, 2048u);
  EXPECT_EQ(c.min_span_duration.count(), 0);
  EXPECT_TRUE(c.sample_errors);
  EXPECT_EQ(c.slow_threshold, std::chrono::milliseconds(1000));
  EXPECT_EQ(c.export_timeout, std::chrono::milliseconds(10000));
  EXPECT_EQ(c.propagators, (std::vector<std::string>{"tracecontext", "baggage", "jaeger"}));
}

TEST(TracingEnabled, GoodBadAndPrecedence) {
  EXPECT_TRUE(load({{"TRACING_ENABLED", "TRUE"}}).config.enabled);
  EXPECT_FALSE(load({{"TRACING_ENABLED", "false"}}).config.enabled);
  const auto bad = load({{"TRACING_ENABLED", "yes"}});
  expect_one_diagnostic(bad, "TRACING_ENABLED", "yes");
  EXPECT_FALSE(bad.config.enabled);
  EXPECT_TRUE(load({{"TRACING_ENABLED", "true"}, {"OTEL_SDK_DISABLED", "true"}}).config.enabled);
  Config code;
  code.enabled = true;
  EXPECT_TRUE(load({}, code).config.enabled);
  EXPECT_FALSE(load({{"OTEL_SDK_DISABLED", "true"}}, code).config.enabled);
  expect_one_diagnostic(load({{"OTEL_SDK_DISABLED", "maybe"}}), "OTEL_SDK_DISABLED", "maybe");
  EXPECT_TRUE(load({{"TRACING_ENABLED", ""}}, code).config.enabled);  // empty = unset
}

TEST(TracingProvider, EachProviderGetsItsDefaultEndpoint) {
  const auto one = [](const std::string& provider) { return load({{"TRACING_PROVIDER", provider}}).config.exporters; };
  EXPECT_EQ(one("zipkin")[0].endpoint, "http://localhost:9411/api/v2/spans");
  EXPECT_EQ(one("otlp")[0].endpoint, "http://localhost:4317");
  EXPECT_EQ(one("otlp")[0].otlp_protocol, OtlpProtocol::grpc);
  EXPECT_EQ(one("file")[0].endpoint, "./traces.jsonl");
  EXPECT_EQ(one("Console")[0].provider, Provider::console);
  EXPECT_TRUE(one("none").empty());
}

TEST(TracingProvider, CommaListSendsToSeveralAndEndpointGoesToTheFirst) {
  const auto loaded = load({{"TRACING_PROVIDER", "otlp,console,file"},
                            {"TRACING_ENDPOINT", "http://collector:4318/v1/traces"},
                            {"TRACING_FILE_PATH", "/tmp/t.jsonl"}});
  EXPECT_TRUE(loaded.diagnostics.empty());
  const auto& e = loaded.config.exporters;
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].endpoint, "http://collector:4318/v1/traces");
  EXPECT_EQ(e[0].otlp_protocol, OtlpProtocol::http_protobuf);
  EXPECT_EQ(e[1].provider, Provider::console);
  EXPECT_EQ(e[2].endpoint, "/tmp/t.jsonl");
}

TEST(TracingProvider, UnknownProviderFallsBackToJaeger) {
  const auto loaded = load({{"TRACING_PROVIDER", "datadog"}});
  ASSERT_FALSE(loaded.diagnostics.empty());
  EXPECT_EQ(loaded.diagnostics[0].variable, "TRACING_PROVIDER");
  EXPECT_EQ(loaded.diagnostics[0].value, "datadog");
  ASSERT_EQ(loaded.config.exporters.size(), 1u);
  EXPECT_EQ(loaded.config.exporters[0].provider, Provider::jaeger);
}

TEST(TracingProvider, TracingWinsOverOtelTracesExporterAndCode) {
  Config code;
  code.provider = "console";
  EXPECT_EQ(load({{"TRACING_PROVIDER", "zipkin"}, {"OTEL_TRACES_EXPORTER", "otlp"}}, code).config.exporters[0].provider,
            Provider::zipkin);
  EXPECT_EQ(load({{"OTEL_TRACES_EXPORTER", "otlp"}}, code).config.exporters[0].provider, Provider::otlp);
  EXPECT_EQ(load({}, code).config.exporters[0].provider, Provider::console);
}

TEST(TracingEndpoint, MalformedUrlGivesOneDiagnosticAndTheDefault) {
  const auto loaded = load({{"TRACING_PROVIDER", "zipkin"}, {"TRACING_ENDPOINT", "localhost:9411"}});
  expect_one_diagnostic(loaded, "TRACING_ENDPOINT", "localhost:9411");
  EXPECT_EQ(loaded.config.exporters[0].endpoint, "http://localhost:9411/api/v2/spans");
  expect_one_diagnostic(load({{"TRACING_ENDPOINT", "http://:80/x"}}), "TRACING_ENDPOINT", "http://:80/x");
  expect_one_diagnostic(load({{"TRACING_ENDPOINT", "http://host:99999/"}}), "TRACING_ENDPOINT", "http://host:99999/");
}

TEST(TracingEndpoint, JaegerAcceptsTheAgentUdpAddress) {
  const auto loaded = load({{"TRACING_ENDPOINT", "udp://localhost:6831"}});
  EXPECT_TRUE(loaded.diagnostics.empty());
  EXPECT_EQ(loaded.config.exporters[0].endpoint, "udp://localhost:6831");
}

TEST(TracingEndpoint, WinsOverOtelEndpointsAndCode) {
  Config code;
  code.endpoint = "http://code:4318/v1/traces";
  const auto env = std::map<std::string, std::string>{{"TRACING_PROVIDER", "otlp"},
                                                      {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://otel:4318/v1/traces"}};
  auto with_tracing = env;
  with_tracing["TRACING_ENDPOINT"] = "http://tracing:4317";
  EXPECT_EQ(load(with_tracing, code).config.exporters[0].endpoint, "http://tracing:4317");
  EXPECT_EQ(load(with_tracing, code).config.exporters[0].otlp_protocol, OtlpProtocol::grpc);
  EXPECT_EQ(load({{"TRACING_PROVIDER", "otlp"}}, code).config.exporters[0].endpoint, "http://code:4318/v1/traces");
}

TEST(OtlpEndpoint, FollowsTheSpecUrlRules) {
  const auto endpoint = [](std::map<std::string, std::string> env) {
    env["OTEL_TRACES_EXPORTER"] = "otlp";
    return load(env).config.exporters.at(0);
  };
  EXPECT_EQ(endpoint({{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"}}).endpoint,
            "http://collector:4318/v1/traces");
  EXPECT_EQ(endpoint({{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/mycollector/"}}).endpoint,
            "http://collector:4318/mycollector/v1/traces");
  EXPECT_EQ(endpoint({{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/v1/traces"}}).endpoint,
            "http://collector:4318/v1/traces");  // never /v1/v1/traces
  EXPECT_EQ(endpoint({{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318"}}).endpoint,
            "http://collector:4318/");
  EXPECT_EQ(endpoint({{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/custom"}}).endpoint, "http://c:4318/custom");
  const auto grpc = endpoint({{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"}, {"OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"}});
  EXPECT_EQ(grpc.endpoint, "http://collector:4317");
  EXPECT_EQ(grpc.otlp_protocol, OtlpProtocol::grpc);
  EXPECT_EQ(endpoint({}).endpoint, "http://localhost:4318/v1/traces");  // OTel default protocol
}

TEST(OtlpProtocol, GoodBadAndPrecedence) {
  EXPECT_EQ(load({{"TRACING_PROVIDER", "otlp"}, {"TRACING_OTLP_PROTOCOL", "http/json"}}).config.exporters[0].otlp_protocol,
            OtlpProtocol::http_json);
  const auto bad = load({{"TRACING_PROVIDER", "otlp"}, {"TRACING_OTLP_PROTOCOL", "thrift"}});
  expect_one_diagnostic(bad, "TRACING_OTLP_PROTOCOL", "thrift");
  EXPECT_EQ(bad.config.exporters[0].otlp_protocol, OtlpProtocol::grpc);
  EXPECT_EQ(load({{"TRACING_PROVIDER", "otlp"},
                  {"OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"},
                  {"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"}})
                .config.exporters[0]
                .otlp_protocol,
            OtlpProtocol::http_protobuf);
}

TEST(TracingSampleRate, GoodBadAndPrecedence) {
  EXPECT_DOUBLE_EQ(load({{"TRACING_SAMPLE_RATE", "0.25"}}).config.sample_rate, 0.25);
  for (const char* bad : {"abc", "1.5", "-0.1", "nan"}) {
    const auto loaded = load({{"TRACING_SAMPLE_RATE", bad}});
    expect_one_diagnostic(loaded, "TRACING_SAMPLE_RATE", bad);
    EXPECT_DOUBLE_EQ(loaded.config.sample_rate, 0.1);
    EXPECT_EQ(loaded.diagnostics[0].message(),
              std::string("TRACING_SAMPLE_RATE=") + bad + " is not accepted (expected a number from 0.0 to 1.0); using 0.1");
  }
  const auto both = load({{"TRACING_SAMPLE_RATE", "0.5"}, {"OTEL_TRACES_SAMPLER", "traceidratio"},
                          {"OTEL_TRACES_SAMPLER_ARG", "0.2"}});
  EXPECT_DOUBLE_EQ(both.config.sample_rate, 0.5);
  Config code;
  code.sample_rate = 0.7;
  EXPECT_DOUBLE_EQ(load({}, code).config.sample_rate, 0.7);
  EXPECT_DOUBLE_EQ(load({{"TRACING_SAMPLE_RATE", "0.3"}}, code).config.sample_rate, 0.3);
}

TEST(OtelTracesSampler, MapsEveryNamedSampler) {
  auto sampler = [](const std::string& name, const std::string& arg = "") {
    std::map<std::string, std::string> env{{"OTEL_TRACES_SAMPLER", name}};
    if (!arg.empty()) env["OTEL_TRACES_SAMPLER_ARG"] = arg;
    return load(env).config;
  };
  EXPECT_EQ(sampler("always_on").root_sampler, RootSampler::always_on);
  EXPECT_FALSE(sampler("always_on").parent_based);
  EXPECT_EQ(sampler("parentbased_always_off").root_sampler, RootSampler::always_off);
  EXPECT_TRUE(sampler("parentbased_always_off").parent_based);
  EXPECT_DOUBLE_EQ(sampler("traceidratio", "0.05").sample_rate, 0.05);
  EXPECT_FALSE(sampler("traceidratio", "0.05").parent_based);
  EXPECT_DOUBLE_EQ(sampler("parentbased_traceidratio").sample_rate, 1.0);  // ARG default
  const auto bad_arg = load({{"OTEL_TRACES_SAMPLER", "traceidratio"}, {"OTEL_TRACES_SAMPLER_ARG", "2"}});
  expect_one_diagnostic(bad_arg, "OTEL_TRACES_SAMPLER_ARG", "2");
  EXPECT_DOUBLE_EQ(bad_arg.config.sample_rate, 1.0);
  expect_one_diagnostic(load({{"OTEL_TRACES_SAMPLER", "jaeger_magic"}}), "OTEL_TRACES_SAMPLER", "jaeger_magic");
}

struct NumberCase {
  const char* variable;
  const char* good;
  const char* bad;
};

TEST(NumericVariables, GoodValuesApplyAndBadOnesFallBack) {
  const NumberCase cases[] = {
      {"TRACING_BATCH_SIZE", "50", "-5"},       {"TRACING_MAX_QUEUE_SIZE", "4096", "lots"},
      {"TRACING_MAX_PENDING_SPANS", "10", "0"}, {"TRACING_MIN_SPAN_DURATION_MS", "100", "-1"},
      {"TRACING_SLOW_THRESHOLD_MS", "250", "1s"}, {"TRACING_EXPORT_TIMEOUT_MS", "0", "fast"},
      {"TRACING_BATCH_TIMEOUT", "0.5", "five"},  {"OTEL_BSP_SCHEDULE_DELAY", "200", "x"},
      {"OTEL_BSP_MAX_QUEUE_SIZE", "100", "0"},   {"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "64", "-1"},
      {"OTEL_EXPORTER_OTLP_TIMEOUT", "500", "-2"}, {"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "700", "z"},
      {"OTEL_BSP_EXPORT_TIMEOUT", "900", "-9"},  {"OTEL_ATTRIBUTE_COUNT_LIMIT", "10", "-1"},
      {"OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "12", "many"}, {"OTEL_SPAN_EVENT_COUNT_LIMIT", "3", "-3"},
      {"OTEL_SPAN_LINK_COUNT_LIMIT", "4", "x"},  {"OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", "5", "y"},
      {"OTEL_LINK_ATTRIBUTE_COUNT_LIMIT", "6", "-6"}, {"OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "64", "long"},
      {"OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "32", "-32"},
  };
  const FinalConfig defaults = load({}).config;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.variable);
    const auto good = load({{c.variable, c.good}});
    EXPECT_TRUE(good.diagnostics.empty()) << good.diagnostics[0].message();
    const auto bad = load({{c.variable, c.bad}});
    expect_one_diagnostic(bad, c.variable, c.bad);
    EXPECT_EQ(bad.config.batch_size, defaults.batch_size);
    EXPECT_EQ(bad.config.max_queue_size, defaults.max_queue_size);
    EXPECT_EQ(bad.config.limits.attribute_count, defaults.limits.attribute_count);
  }
  EXPECT_EQ(load({{"TRACING_BATCH_SIZE", "50"}}).config.batch_size, 50u);
  EXPECT_EQ(load({{"TRACING_BATCH_TIMEOUT", "0.5"}}).config.batch_timeout, std::chrono::milliseconds(500));
  EXPECT_EQ(load({{"TRACING_MIN_SPAN_DURATION_MS", "100"}}).config.min_span_duration, std::chrono::milliseconds(100));
  EXPECT_EQ(load({{"TRACING_EXPORT_TIMEOUT_MS", "0"}}).config.export_timeout.count(), 0);
  EXPECT_EQ(load({{"OTEL_SPAN_EVENT_COUNT_LIMIT", "3"}}).config.limits.event_count, 3u);
  EXPECT_EQ(load({{"OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "64"}}).config.limits.attribute_value_length, 64u);
}

TEST(NumericVariables, TracingWinsOverOtelAndSpanSpecificOverGeneral) {
  EXPECT_EQ(load({{"TRACING_BATCH_SIZE", "10"}, {"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "20"}}).config.batch_size, 10u);
  EXPECT_EQ(load({{"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "20"}}).config.batch_size, 20u);
  EXPECT_EQ(load({{"TRACING_MAX_QUEUE_SIZE", "10"}, {"OTEL_BSP_MAX_QUEUE_SIZE", "20"}}).config.max_queue_size, 10u);
  EXPECT_EQ(load({{"TRACING_BATCH_TIMEOUT", "2"}, {"OTEL_BSP_SCHEDULE_DELAY", "300"}}).config.batch_timeout,
            std::chrono::milliseconds(2000));
  EXPECT_EQ(load({{"OTEL_BSP_SCHEDULE_DELAY", "300"}}).config.batch_timeout, std::chrono::milliseconds(300));
  EXPECT_EQ(load({{"TRACING_EXPORT_TIMEOUT_MS", "1"}, {"OTEL_EXPORTER_OTLP_TIMEOUT", "2"}}).config.export_timeout.count(), 1);
  EXPECT_EQ(load({{"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "3"}, {"OTEL_EXPORTER_OTLP_TIMEOUT", "2"}}).config.export_timeout.count(), 3);
  EXPECT_EQ(load({{"OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "7"}, {"OTEL_ATTRIBUTE_COUNT_LIMIT", "9"}}).config.limits.attribute_count, 7u);
  Config code;
  code.batch_size = 30;
  code.max_queue_size = 300;
  EXPECT_EQ(load({}, code).config.batch_size, 30u);
  EXPECT_EQ(load({{"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "20"}}, code).config.batch_size, 20u);
}

TEST(NumericVariables, BatchLargerThanTheQueueIsClamped) {
  const auto loaded = load({{"TRACING_BATCH_SIZE", "5000"}, {"TRACING_MAX_QUEUE_SIZE", "1000"}});
  expect_one_diagnostic(loaded, "TRACING_BATCH_SIZE", "5000");
  EXPECT_EQ(loaded.config.batch_size, 1000u);
}

TEST(BooleanVariables, SampleErrors) {
  EXPECT_FALSE(load({{"TRACING_SAMPLE_ERRORS", "false"}}).config.sample_errors);
  const auto bad = load({{"TRACING_SAMPLE_ERRORS", "0"}});
  expect_one_diagnostic(bad, "TRACING_SAMPLE_ERRORS", "0");
  EXPECT_TRUE(bad.config.sample_errors);
  Config code;
  code.sample_errors = false;
  EXPECT_FALSE(load({}, code).config.sample_errors);
  EXPECT_TRUE(load({{"TRACING_SAMPLE_ERRORS", "true"}}, code).config.sample_errors);
}

TEST(ServiceName, PrecedenceAcrossVariablesAndResourceAttributes) {
  Config code;
  code.service_name = "from-code";
  EXPECT_EQ(load({}, code).config.service_name, "from-code");
  EXPECT_EQ(load({{"OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attrs"}}, code).config.service_name, "from-attrs");
  EXPECT_EQ(load({{"OTEL_SERVICE_NAME", "otel"}, {"OTEL_RESOURCE_ATTRIBUTES", "service.name=a"}}).config.service_name, "otel");
  EXPECT_EQ(load({{"TRACING_SERVICE_NAME", "tracing"}, {"OTEL_SERVICE_NAME", "otel"}}).config.service_name, "tracing");
  EXPECT_EQ(load({{"TRACING_SERVICE_VERSION", "1.2.3"}}).config.service_version, "1.2.3");
}

TEST(ResourceAttributes, PercentDecodedAndDiscardedWholeWhenMalformed) {
  const auto good = load({{"OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=prod,team=chat%2Cai,k=a%3Db"}});
  EXPECT_TRUE(good.diagnostics.empty());
  ASSERT_EQ(good.config.resource_attributes.size(), 3u);
  EXPECT_EQ(good.config.resource_attributes[1].second, "chat,ai");
  EXPECT_EQ(good.config.resource_attributes[2].second, "a=b");
  const auto bad = load({{"OTEL_RESOURCE_ATTRIBUTES", "a=1,broken,b=%zz"}});
  expect_one_diagnostic(bad, "OTEL_RESOURCE_ATTRIBUTES", "a=1,broken,b=%zz");
  EXPECT_TRUE(bad.config.resource_attributes.empty());
}

TEST(Headers, ParsedDecodedAndPrecedence) {
  const auto loaded = load({{"TRACING_HEADERS", "authorization=Bearer%20abc,x-tenant=chat"},
                            {"OTEL_EXPORTER_OTLP_HEADERS", "ignored=1"}});
  ASSERT_EQ(loaded.config.headers.size(), 2u);
  EXPECT_EQ(loaded.config.headers[0].second, "Bearer abc");
  EXPECT_EQ(load({{"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "a=1"}, {"OTEL_EXPORTER_OTLP_HEADERS", "b=2"}}).config.headers[0].first, "a");
  expect_one_diagnostic(load({{"TRACING_HEADERS", "novalue"}}), "TRACING_HEADERS", "novalue");
  expect_one_diagnostic(load({{"OTEL_EXPORTER_OTLP_HEADERS", "=x"}}), "OTEL_EXPORTER_OTLP_HEADERS", "=x");
}

TEST(Compression, GoodBadAndPrecedence) {
  EXPECT_EQ(load({{"TRACING_COMPRESSION", "GZIP"}}).config.compression, Compression::gzip);
  EXPECT_EQ(load({{"OTEL_EXPORTER_OTLP_COMPRESSION", "gzip"}}).config.compression, Compression::gzip);
  EXPECT_EQ(load({{"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "none"}, {"OTEL_EXPORTER_OTLP_COMPRESSION", "gzip"}})
                .config.compression,
            Compression::none);
  expect_one_diagnostic(load({{"TRACING_COMPRESSION", "zstd"}}), "TRACING_COMPRESSION", "zstd");
}

TEST(Propagators, DefaultsFollowTheProviderAndVariablesOverride) {
  EXPECT_EQ(load({{"TRACING_PROVIDER", "zipkin"}}).config.propagators,
            (std::vector<std::string>{"tracecontext", "baggage", "b3multi"}));
  EXPECT_EQ(load({{"TRACING_PROVIDER", "otlp"}}).config.propagators, (std::vector<std::string>{"tracecontext", "baggage"}));
  EXPECT_EQ(load({{"TRACING_PROPAGATORS", "b3,jaeger,b3"}, {"OTEL_PROPAGATORS", "tracecontext"}}).config.propagators,
            (std::vector<std::string>{"b3", "jaeger"}));
  EXPECT_EQ(load({{"OTEL_PROPAGATORS", "TraceContext"}}).config.propagators, (std::vector<std::string>{"tracecontext"}));
  EXPECT_TRUE(load({{"TRACING_PROPAGATORS", "none"}}).config.propagators.empty());
  const auto bad = load({{"TRACING_PROPAGATORS", "tracecontext,xray"}});
  expect_one_diagnostic(bad, "TRACING_PROPAGATORS", "xray");
  EXPECT_EQ(bad.config.propagators, (std::vector<std::string>{"tracecontext"}));
}

TEST(ZipkinEndpoint, OtelVariableIsTheFallback) {
  EXPECT_EQ(load({{"TRACING_PROVIDER", "zipkin"}, {"OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://z:9411/api/v2/spans"}})
                .config.exporters[0]
                .endpoint,
            "http://z:9411/api/v2/spans");
}

TEST(ProcessEnvironment, ReadsRealVariables) {
  testing::EnvGuard enabled("TRACING_ENABLED", "true");
  testing::EnvGuard rate("TRACING_SAMPLE_RATE", "abc");
  const auto loaded = load_config_from_env();
  EXPECT_TRUE(loaded.config.enabled);
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_EQ(loaded.diagnostics[0].message(),
            "TRACING_SAMPLE_RATE=abc is not accepted (expected a number from 0.0 to 1.0); using 0.1");
}

TEST(Registry, ListsEveryVariableOnceAndMatchesTheDocs) {
  std::set<std::string_view> names;
  for (const auto& row : config_registry()) {
    EXPECT_TRUE(names.insert(row.name).second) << row.name;
    EXPECT_FALSE(row.doc.empty()) << row.name;
  }
  EXPECT_TRUE(names.count("TRACING_SAMPLE_RATE"));
  EXPECT_TRUE(names.count("OTEL_BSP_MAX_EXPORT_BATCH_SIZE"));
  // docs/CONFIGURATION.md is generated: `make docs` rewrites it.
  std::ifstream doc(PARLEY_SOURCE_DIR "/docs/CONFIGURATION.md");
  std::stringstream text;
  text << doc.rdbuf();
  EXPECT_EQ(text.str(), registry_markdown()) << "docs/CONFIGURATION.md is stale: run `make docs`";
}

TEST(Describe, PrintsEffectiveValuesSourcesAndDiagnostics) {
  const auto env = env_of({{"TRACING_ENABLED", "true"}, {"TRACING_SAMPLE_RATE", "2"}});
  const auto loaded = finalize({}, env);
  const std::string text = describe(loaded, env);
  EXPECT_NE(text.find("tracing: enabled"), std::string::npos) << text;
  EXPECT_NE(text.find("exporter: jaeger -> http://localhost:14268/api/traces"), std::string::npos) << text;
  EXPECT_NE(text.find("TRACING_ENABLED = true (environment)"), std::string::npos) << text;
  EXPECT_NE(text.find("TRACING_BATCH_SIZE = 100 (default)"), std::string::npos) << text;
  EXPECT_NE(text.find("diagnostic: TRACING_SAMPLE_RATE=2 is not accepted"), std::string::npos) << text;
}

TEST(UrlParser, AcceptsAndRejects) {
  const auto url = detail::parse_url("https://user@collector.example:4318/v1/traces?x=1");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "collector.example");
  EXPECT_EQ(url->port, 4318);
  EXPECT_EQ(url->path, "/v1/traces");
  EXPECT_EQ(detail::parse_url("http://[::1]:4317")->host, "::1");
  EXPECT_EQ(detail::parse_url("http://localhost")->effective_port(), 80);
  EXPECT_FALSE(detail::parse_url("localhost:4317").has_value());
  EXPECT_FALSE(detail::parse_url("http://").has_value());
  EXPECT_FALSE(detail::parse_url("http://host:0").has_value());
  EXPECT_FALSE(detail::parse_url("http://host:abc").has_value());
  EXPECT_FALSE(detail::parse_url("http://[::1").has_value());
}

}  // namespace
}  // namespace parley::tracing
