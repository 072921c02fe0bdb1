// Propagation benchmarks (fixed definitions, see docs/PERFORMANCE.md):
// inject traceparent for trace id 4bf92f3577b34da6a3ce929d0e0e4736, span id
// 00f067aa0ba902b7, flags 01, no tracestate, into a fresh
// std::map<std::string, std::string>; extract from a constant map holding
// only that header (or its B3 / Jaeger equivalent) and check the result.
// BM_InjectW3CMapFloor is the std::map part of BM_InjectW3C alone (the same
// key and value inserted without any Parley code): the floor of that
// definition on the machine at hand.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <string>

#include "parley/tracing/propagation.h"

namespace {

using namespace parley::tracing;
using Headers = std::map<std::string, std::string>;

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
    Headers headers;
    MapCarrier<Headers> carrier(headers);
    propagator->inject(context, carrier);
    benchmark::DoNotOptimize(headers);
  }
  Headers check;
  MapCarrier<Headers> carrier(check);
  propagator->inject(context, carrier);
  if (check["traceparent"] != "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") {
    state.SkipWithError("wrong traceparent");
  }
}

void BM_InjectW3CMapFloor(benchmark::State& state) {
  static constexpr std::string_view kValue = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  for (auto _ : state) {
    Headers headers;
    headers.try_emplace("traceparent", kValue);
    benchmark::DoNotOptimize(headers);
  }
}

void extract_benchmark(benchmark::State& state, const char* format, const Headers& headers) {
  const auto propagator = make_propagator(format);
  const MapCarrier<Headers> carrier(headers);
  for (auto _ : state) {
    const Context context = propagator->extract(carrier, Context());
    if (!context.valid()) state.SkipWithError("extraction failed");
    benchmark::DoNotOptimize(context);
  }
}

void BM_ExtractW3C(benchmark::State& state) {
  extract_benchmark(state, "tracecontext", {{"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}});
}

void BM_ExtractB3Multi(benchmark::State& state) {
  extract_benchmark(state, "b3multi",
                    {{"x-b3-traceid", "4bf92f3577b34da6a3ce929d0e0e4736"},
                     {"x-b3-spanid", "00f067aa0ba902b7"},
                     {"x-b3-sampled", "1"}});
}

void BM_ExtractJaeger(benchmark::State& state) {
  extract_benchmark(state, "jaeger", {{"uber-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1"}});
}

// PARLEY_BENCH_ITERATIONS=n fixes the iteration count (for instruction
// counts under callgrind, as scripts/bench-instructions does).
const bool registered = [] {
  const char* fixed = std::getenv("PARLEY_BENCH_ITERATIONS");
  const benchmark::IterationCount iterations = fixed != nullptr ? std::strtoll(fixed, nullptr, 10) : 0;
  const std::pair<const char*, void (*)(benchmark::State&)> benchmarks[] = {
      {"BM_InjectW3C", BM_InjectW3C},           {"BM_InjectW3CMapFloor", BM_InjectW3CMapFloor},
      {"BM_ExtractW3C", BM_ExtractW3C},         {"BM_ExtractB3Multi", BM_ExtractB3Multi},
      {"BM_ExtractJaeger", BM_ExtractJaeger},
  };
  for (const auto& [name, function] : benchmarks) {
    auto* bench = benchmark::RegisterBenchmark(name, function);
    if (iterations > 0) bench->Iterations(iterations);
  }
  return true;
}();

}  // namespace
