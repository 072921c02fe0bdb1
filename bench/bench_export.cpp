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
