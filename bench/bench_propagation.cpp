// Propagation benchmarks (fixed definitions, see docs/PERFORMANCE.md):
// inject traceparent for trace id 4bf92f3577b34da6a3ce929d0e0e4736, span id
// 00f067aa0ba902b7, flags 01, no tracestate, into a fresh
// std::map<std::string, std::string>; extract from a constant map holding
// only that header (or its B3 / Jaeger equivalent) and check the result.
#include <benchmark/benchmark.h>

#include <map>
#include <string>

#include "parley/tracing/propagation.h"

namespace {

using namespace parley::tracing;

Context sample_context() {
  SpanContext span;
  span.trace_id = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736");
  span.span_id = SpanId::from_hex("00f067aa0ba902b7");
  span.flags = trace_flags::kSampled;
  return Context(span);
}

void BM_InjectW3C(benchmark::State& state) {
  const auto propagator = make_propagator("tracecontext");
  const Context context = sample_context();
  for (auto _ : state) {
    std::map<std::string, std::string> headers;
    MapCarrier<std::map<std::string, std::string>> carrier(headers);
    propagator->inject(context, carrier);
    benchmark::DoNotOptimize(headers);
  }
}
BENCHMARK(BM_InjectW3C);

void extract_benchmark(benchmark::State& state, const char* format, const std::map<std::string, std::string>& headers) {
  const auto propagator = make_propagator(format);
  const MapCarrier<std::map<std::string, std::string>> carrier(headers);
  for (auto _ : state) {
    const Context context = propagator->extract(carrier, Context());
    if (!context.valid()) state.SkipWithError("extraction failed");
    benchmark::DoNotOptimize(context);
  }
}

void BM_ExtractW3C(benchmark::State& state) {
  extract_benchmark(state, "tracecontext", {{"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}});
}
BENCHMARK(BM_ExtractW3C);

void BM_ExtractB3Multi(benchmark::State& state) {
  extract_benchmark(state, "b3multi",
                    {{"x-b3-traceid", "4bf92f3577b34da6a3ce929d0e0e4736"},
                     {"x-b3-spanid", "00f067aa0ba902b7"},
                     {"x-b3-sampled", "1"}});
}
BENCHMARK(BM_ExtractB3Multi);

void BM_ExtractJaeger(benchmark::State& state) {
  extract_benchmark(state, "jaeger", {{"uber-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1"}});
}
BENCHMARK(BM_ExtractJaeger);

}  // namespace
