// Providers, endpoints and the OTLP protocol: comma lists, which provider
// TRACING_ENDPOINT serves, the OTLP endpoint URL rules of the OTel spec and
// the protocol an endpoint implies.
#include "config_test_support.h"

namespace parley::tracing::testing {
namespace {

std::string exporters(const Env& env) {
  const auto loaded = load(env);
  EXPECT_EQ(all_messages(loaded), "");
  return exporters_view(loaded.config);
}

TEST(Providers, EachGetsItsDefaultEndpoint) {
  EXPECT_EQ(exporters({}), "jaeger http://localhost:14268/api/traces");
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "zipkin"}}), "zipkin http://localhost:9411/api/v2/spans");
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "otlp"}}), "otlp http://localhost:4317 grpc");
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "file"}}), "file ./traces.jsonl");
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "Console"}}), "console");
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "none"}}), "none");
}

TEST(Providers, CommaListIsDeduplicatedAndNoneDropped) {
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "otlp,console,otlp,none"}}), "otlp http://localhost:4317 grpc|console");
}

TEST(Providers, OneUnknownNameGivesOneDiagnosticAndTheRestIsUsed) {
  const auto loaded = load({{"TRACING_PROVIDER", "otlp,datadog,honeycomb"}});
  EXPECT_EQ(exporters_view(loaded.config), "otlp http://localhost:4317 grpc");
  EXPECT_EQ(all_messages(loaded),
            "TRACING_PROVIDER=otlp,datadog,honeycomb is not accepted (expected a comma list of jaeger, zipkin, otlp, "
            "console, file, none); using otlp\n");
}

TEST(Providers, OnlyCommasIsBad) {
  const auto loaded = load({{"TRACING_PROVIDER", ",,"}});
  EXPECT_EQ(exporters_view(loaded.config), "jaeger http://localhost:14268/api/traces");
  EXPECT_EQ(loaded.diagnostics.size(), 1u);
}

TEST(SharedEndpoint, ServesTheFirstProviderThatTakesOne) {
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "console,zipkin,jaeger"}, {"TRACING_ENDPOINT", "http://z:9411/api/v2/spans"}}),
            "console|zipkin http://z:9411/api/v2/spans|jaeger http://localhost:14268/api/traces");
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "otlp,file"}, {"TRACING_ENDPOINT", "http://c:4318/v1/traces"}}),
            "otlp http://c:4318/v1/traces http/protobuf|file ./traces.jsonl");
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "otlp,file"},
                       {"TRACING_ENDPOINT", "http://c:4318/v1/traces"},
                       {"TRACING_FILE_PATH", "/var/log/spans.jsonl"}}),
            "otlp http://c:4318/v1/traces http/protobuf|file /var/log/spans.jsonl");
}

TEST(SharedEndpoint, FileFirstTakesItUnlessItHasItsOwnPath) {
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "file,zipkin"}, {"TRACING_ENDPOINT", "/tmp/x.jsonl"}}),
            "file /tmp/x.jsonl|zipkin http://localhost:9411/api/v2/spans");
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "file,zipkin"},
                       {"TRACING_ENDPOINT", "http://z:9411/api/v2/spans"},
                       {"TRACING_FILE_PATH", "/tmp/x.jsonl"}}),
            "file /tmp/x.jsonl|zipkin http://z:9411/api/v2/spans");
}

TEST(SharedEndpoint, JaegerAcceptsTheAgentUdpAddressOnly) {
  EXPECT_EQ(exporters({{"TRACING_ENDPOINT", "udp://agent:6831"}}), "jaeger udp://agent:6831");
  const auto zipkin = load({{"TRACING_PROVIDER", "zipkin"}, {"TRACING_ENDPOINT", "udp://agent:6831"}});
  EXPECT_EQ(exporters_view(zipkin.config), "zipkin http://localhost:9411/api/v2/spans");
  EXPECT_EQ(zipkin.diagnostics.size(), 1u);
  EXPECT_EQ(load({{"TRACING_ENDPOINT", "udp://agent"}}).diagnostics.size(), 1u);  // a port is needed
}

TEST(SharedEndpoint, MalformedUrlsAreDiagnosedOnce) {
  for (const char* bad : {"localhost:9411", "http://", "http://:80/x", "http://host:0", "http://host:65536",
                          "http://host:abc", "http://ho st", "ftp://host/x", "http://[::1", "http://host:80:90"}) {
    SCOPED_TRACE(bad);
    const auto loaded = load({{"TRACING_PROVIDER", "zipkin"}, {"TRACING_ENDPOINT", bad}});
    ASSERT_EQ(loaded.diagnostics.size(), 1u);
    EXPECT_EQ(loaded.diagnostics[0].fallback, "http://localhost:9411/api/v2/spans");
  }
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "zipkin"}, {"TRACING_ENDPOINT", "https://[::1]:9411/api/v2/spans"}}),
            "zipkin https://[::1]:9411/api/v2/spans");
}

struct OtlpUrlVector {
  Env env;
  std::string want;  // exporters_view
};

// The OTel spec's OTLP endpoint examples plus the protocol inference.
TEST(OtlpEndpoint, FollowsTheSpecUrlRules) {
  const OtlpUrlVector vectors[] = {
      // Generic endpoint: v1/traces appended for HTTP, nothing for grpc.
      {{{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"}}, "otlp http://collector:4318/v1/traces http/protobuf"},
      {{{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"}}, "otlp http://collector:4318/v1/traces http/protobuf"},
      {{{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/mycollector/"}},
       "otlp http://collector:4318/mycollector/v1/traces http/protobuf"},
      {{{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/v1/traces"}},
       "otlp http://collector:4318/v1/traces http/protobuf"},
      {{{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/v1"}}, "otlp http://collector:4318/v1/traces http/protobuf"},
      {{{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"}}, "otlp http://collector:4317 grpc"},
      {{{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"}, {"OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"}},
       "otlp http://collector:4317/v1/traces http/json"},
      {{{"OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector"}}, "otlp https://collector/v1/traces http/protobuf"},
      {{{"OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector"}, {"OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"}},
       "otlp https://collector grpc"},
      // Per-signal endpoint: as-is, "/" when it has no path.
      {{{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318"}}, "otlp http://collector:4318/ http/protobuf"},
      {{{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/custom/path"}},
       "otlp http://collector:4318/custom/path http/protobuf"},
      {{{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/v1/traces"}, {"OTEL_EXPORTER_OTLP_ENDPOINT", "http://g:4318"}},
       "otlp http://c:4318/v1/traces http/protobuf"},
      // Nothing but the exporter: the OTel default, http/protobuf on 4318.
      {{}, "otlp http://localhost:4318/v1/traces http/protobuf"},
      {{{"OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"}}, "otlp http://localhost:4317 grpc"},
  };
  for (const auto& vector : vectors) {
    Env env = vector.env;
    env["OTEL_TRACES_EXPORTER"] = "otlp";
    EXPECT_EQ(exporters(env), vector.want) << vector.want;
  }
}

TEST(OtlpEndpoint, TracingProviderDefaultsToGrpcAndInfersFromTheEndpoint) {
  const Env otlp{{"TRACING_PROVIDER", "otlp"}};
  const auto with = [&](const std::string& endpoint) {
    Env env = otlp;
    env["TRACING_ENDPOINT"] = endpoint;
    return exporters(env);
  };
  EXPECT_EQ(exporters(otlp), "otlp http://localhost:4317 grpc");
  EXPECT_EQ(with("http://c:4317"), "otlp http://c:4317 grpc");
  EXPECT_EQ(with("http://c:4318"), "otlp http://c:4318/v1/traces http/protobuf");  // a bare server gets the path
  EXPECT_EQ(with("http://c:4318/custom"), "otlp http://c:4318/custom http/protobuf");
  EXPECT_EQ(with("https://c/v1/traces"), "otlp https://c/v1/traces http/protobuf");
  EXPECT_EQ(with("https://c"), "otlp https://c grpc");
  EXPECT_EQ(exporters({{"TRACING_PROVIDER", "otlp"}, {"TRACING_ENDPOINT", "http://c:4317"},
                       {"TRACING_OTLP_PROTOCOL", "http/protobuf"}}),
            "otlp http://c:4317/v1/traces http/protobuf");
}

TEST(OtlpEndpoint, GrpcSchemeIsRejectedWithTheAdvice) {
  const auto loaded = load({{"TRACING_PROVIDER", "otlp"}, {"TRACING_ENDPOINT", "grpc://c:4317"}});
  EXPECT_EQ(all_messages(loaded),
            "TRACING_ENDPOINT=grpc://c:4317 is not accepted (expected an http(s) URL with a host and a port from 1 to "
            "65535; for gRPC too, e.g. http://host:4317); using http://localhost:4317\n");
}

TEST(OtlpEndpoint, ProviderSpecificVariablesAreIgnoredForOtherProviders) {
  const auto loaded = load({{"OTEL_EXPORTER_OTLP_ENDPOINT", "not a url"}, {"TRACING_OTLP_PROTOCOL", "bad"},
                            {"OTEL_EXPORTER_ZIPKIN_ENDPOINT", "bad"}, {"TRACING_FILE_PATH", "/x"}});
  EXPECT_EQ(all_messages(loaded), "");
  EXPECT_EQ(exporters_view(loaded.config), "jaeger http://localhost:14268/api/traces");
}

TEST(Propagators, DefaultFollowsTheProviders) {
  EXPECT_EQ(list_view(load({{"TRACING_PROVIDER", "zipkin"}}).config.propagators), "tracecontext,baggage,b3multi");
  EXPECT_EQ(list_view(load({{"TRACING_PROVIDER", "otlp"}}).config.propagators), "tracecontext,baggage");
  EXPECT_EQ(list_view(load({{"TRACING_PROVIDER", "zipkin,jaeger,console"}}).config.propagators),
            "tracecontext,baggage,b3multi,jaeger");
  EXPECT_EQ(list_view(load({{"TRACING_PROPAGATORS", "none"}}).config.propagators), "none");
  const auto partly = load({{"TRACING_PROPAGATORS", "tracecontext,xray,b3,tracecontext"}});
  EXPECT_EQ(list_view(partly.config.propagators), "tracecontext,b3");
  EXPECT_EQ(all_messages(partly),
            "TRACING_PROPAGATORS=tracecontext,xray,b3,tracecontext is not accepted (expected a comma list of "
            "tracecontext, baggage, b3, b3multi, jaeger, none); using tracecontext,b3\n");
}

TEST(BatchSize, LargerThanTheQueueIsCutToTheQueue) {
  const auto loaded = load({{"TRACING_BATCH_SIZE", "5000"}, {"TRACING_MAX_QUEUE_SIZE", "1000"}});
  EXPECT_EQ(loaded.config.batch_size, 1000u);
  EXPECT_EQ(all_messages(loaded),
            "TRACING_BATCH_SIZE=5000 is not accepted (expected an integer from 1 to the queue size (1000)); using "
            "1000\n");
  const auto small_queue = load({{"OTEL_BSP_MAX_QUEUE_SIZE", "50"}});  // default batch 100 follows silently
  EXPECT_EQ(small_queue.config.batch_size, 50u);
  EXPECT_EQ(all_messages(small_queue), "");
}

TEST(Headers, DecodedValuesMayNotInjectHeaders) {
  const auto loaded = load({{"TRACING_HEADERS", "x-a=1%0D%0AX-Evil: 2"}});
  EXPECT_EQ(pairs_view(loaded.config.headers), "none");
  EXPECT_EQ(all_messages(loaded),
            "TRACING_HEADERS=x-a=*** is not accepted (expected name=value pairs separated by commas, percent-encoded, "
            "names being HTTP tokens); using none\n");
}

TEST(ResourceAttributes, ServiceNameAndVersionGoToTheirFields) {
  const auto loaded = load({{"OTEL_RESOURCE_ATTRIBUTES", "service.name=svc,service.version=2.0,k=a%3Db"}});
  EXPECT_EQ(loaded.config.service_name, "svc");
  EXPECT_EQ(loaded.config.service_version, "2.0");
  EXPECT_EQ(pairs_view(loaded.config.resource_attributes), "k:a=b");
  EXPECT_EQ(all_messages(load({{"OTEL_RESOURCE_ATTRIBUTES", "a=%zz"}})),
            "OTEL_RESOURCE_ATTRIBUTES=a=%zz is not accepted (expected key=value pairs separated by commas, with ',', "
            "'=' and '%' percent-encoded; no control characters in keys, service.name or service.version); using "
            "none\n");
  EXPECT_EQ(load({{"OTEL_RESOURCE_ATTRIBUTES", "service.name=a%0Ab"}}).diagnostics.size(), 1u);
  EXPECT_EQ(pairs_view(load({{"OTEL_RESOURCE_ATTRIBUTES", "note=a%0Ab"}}).config.resource_attributes), "note:a\nb");
}

TEST(Sampler, EveryOtelSamplerMaps) {
  const auto sampler = [](const std::string& name) {
    return sampler_view(load({{"OTEL_TRACES_SAMPLER", name}, {"OTEL_TRACES_SAMPLER_ARG", "0.3"}}).config);
  };
  EXPECT_EQ(sampler("always_on"), "always_on");
  EXPECT_EQ(sampler("always_off"), "always_off");
  EXPECT_EQ(sampler("traceidratio"), "ratio 0.3");
  EXPECT_EQ(sampler("parentbased_always_on"), "always_on parent");
  EXPECT_EQ(sampler("parentbased_always_off"), "always_off parent");
  EXPECT_EQ(sampler("parentbased_traceidratio"), "ratio 0.3 parent");
  EXPECT_EQ(sampler_view(load({{"OTEL_TRACES_SAMPLER", "traceidratio"}}).config), "ratio 1.0");
  // The argument only matters to the ratio samplers.
  EXPECT_EQ(all_messages(load({{"OTEL_TRACES_SAMPLER", "always_on"}, {"OTEL_TRACES_SAMPLER_ARG", "x"}})), "");
}

TEST(SampleRate, EdgesAndBadForms) {
  EXPECT_EQ(sampler_view(load({{"TRACING_SAMPLE_RATE", "0"}}).config), "ratio 0.0 parent");
  EXPECT_EQ(sampler_view(load({{"TRACING_SAMPLE_RATE", "1.0"}}).config), "ratio 1.0 parent");
  EXPECT_EQ(sampler_view(load({{"TRACING_SAMPLE_RATE", " 0.5 "}}).config), "ratio 0.5 parent");
  for (const char* bad : {"1.5", "-0.1", "nan", "inf", "0.5x", "1e400", "0,5"}) {
    EXPECT_EQ(all_messages(load({{"TRACING_SAMPLE_RATE", bad}})),
              std::string("TRACING_SAMPLE_RATE=") + bad +
                  " is not accepted (expected a number from 0.0 to 1.0); using 0.1\n");
  }
}

}  // namespace
}  // namespace parley::tracing::testing
