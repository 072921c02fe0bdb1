// Encoder benchmarks (fixed definitions, see docs/PERFORMANCE.md): a batch of
// 512 finished spans, each with http.method="GET",
// http.url="https://example.com/api/v1/users/12345", http.status_code=200,
// cache.hit=true, from a resource of 4 attributes. Reports ns and bytes per span.
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "export/jaeger/jaeger_thrift_encoder.h"
#include "export/otlp/otlp_json_encoder.h"
#include "export/otlp/otlp_proto_encoder.h"
#include "export/zipkin/zipkin_json_encoder.h"
#include "support/span_builder.h"

namespace {

using namespace parley::tracing;

struct Batch {
  std::vector<std::unique_ptr<testing::SpanBuilder>> spans;
  std::vector<const SpanData*> views;
  Resource resource;
};

const Batch& batch512() {
  static const Batch* batch = [] {
    auto* b = new Batch();
    b->resource.set("service.name", "bench");
    b->resource.set("service.version", "1.0.0");
    b->resource.set("host.name", "bench-host");
    b->resource.set("deployment.environment.name", "bench");
    for (int i = 0; i < 512; ++i) {
      auto span = std::make_unique<testing::SpanBuilder>("span", SpanKind::server);
      span->ids("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "b7ad6b7169203331")
          .flags(trace_flags::kSampled)
          .times(1544712660000000000ULL + static_cast<std::uint64_t>(i) * 1000, 1544712660000500000ULL)
          .attribute("http.method", "GET")
          .attribute("http.url", "https://example.com/api/v1/users/12345")
          .attribute("http.status_code", std::int64_t{200})
          .attribute("cache.hit", true);
      b->views.push_back(&span->data());
      b->spans.push_back(std::move(span));
    }
    return b;
  }();
  return *batch;
}

void encode_benchmark(benchmark::State& state, const SpanEncoder& encoder) {
  const Batch& batch = batch512();
  std::string out;
  for (auto _ : state) {
    out.clear();
    encoder.encode(batch.views, batch.resource, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["ns_per_span"] = benchmark::Counter(static_cast<double>(state.iterations()) * 512,
                                                     benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["bytes_per_span"] = static_cast<double>(out.size()) / 512.0;
}

void BM_EncodeOtlpProto512(benchmark::State& state) { encode_benchmark(state, detail::OtlpProtoEncoder()); }
void BM_EncodeOtlpJson512(benchmark::State& state) { encode_benchmark(state, detail::OtlpJsonEncoder()); }
void BM_EncodeZipkinJson512(benchmark::State& state) { encode_benchmark(state, detail::ZipkinJsonEncoder()); }
void BM_EncodeJaegerThrift512(benchmark::State& state) { encode_benchmark(state, detail::JaegerThriftEncoder()); }
BENCHMARK(BM_EncodeOtlpProto512);
BENCHMARK(BM_EncodeOtlpJson512);
BENCHMARK(BM_EncodeZipkinJson512);
BENCHMARK(BM_EncodeJaegerThrift512);

}  // namespace

#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#include "support/test_http_server.h"

namespace {

// End to end: spans made on this thread, exported as OTLP/HTTP protobuf by
// the pipeline to a local receiver; reports exported spans per second.
void BM_ExportOtlpHttpEndToEnd(benchmark::State& state) {
  std::atomic<std::uint64_t> bytes{0};
  testing::TestHttpServer receiver([&](const testing::TestRequest& request) {
    bytes += request.body.size();
    return testing::TestResponse{200, "", {}, std::chrono::milliseconds(0), false};
  });
  FinalConfig config;
  config.enabled = true;
  config.root_sampler = RootSampler::always_on;
  config.batch_size = 512;
  config.max_queue_size = 65536;
  config.exporters = {ExporterConfig{Provider::otlp, receiver.url("/v1/traces"), OtlpProtocol::http_protobuf}};
  init(config);
  auto& tracer = get_tracer("bench.export");
  const auto before = stats();
  for (auto _ : state) {
    for (int i = 0; i < 10000; ++i) {
      auto span = tracer.start_span("span");
      span.set_attribute("http.method", "GET");
      span.set_attribute("http.status_code", std::int64_t{200});
    }
    force_flush(std::chrono::seconds(30));
  }
  const auto after = stats();
  shutdown();
  state.counters["exported_spans_per_s"] =
      benchmark::Counter(static_cast<double>(after.spans_exported - before.spans_exported), benchmark::Counter::kIsRate);
  state.counters["dropped"] = static_cast<double>(after.dropped_queue_full - before.dropped_queue_full);
  state.counters["bytes_per_span"] =
      static_cast<double>(bytes.load()) / static_cast<double>(std::max<std::uint64_t>(1, after.spans_exported - before.spans_exported));
}
BENCHMARK(BM_ExportOtlpHttpEndToEnd)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
