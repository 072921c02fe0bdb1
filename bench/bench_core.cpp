// Span hot-path benchmarks. The definitions are fixed so figures compare with
// the same work measured elsewhere (docs/PERFORMANCE.md):
// one tracer from a provider with a resource of 4 attributes, root spans
// named "span", random ids, the batch processor with default options (queue
// 2048, batch 512, 5 s) and an exporter that counts each batch and discards it.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <atomic>
#include <cstdlib>
#include <utility>

#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"

namespace {

using namespace parley::tracing;

std::atomic<std::uint64_t> g_batches{0};
std::atomic<std::uint64_t> g_exported{0};

class CountingExporter final : public SpanExporter {
 public:
  std::string_view name() const noexcept override { return "counting"; }
  ExportResult export_spans(std::span<const SpanData* const> batch, const Resource&) noexcept override {
    g_batches.fetch_add(1, std::memory_order_relaxed);
    g_exported.fetch_add(batch.size(), std::memory_order_relaxed);
    return ExportResult::success;
  }
};

enum class Mode { disabled, unsampled, conditional, sampled };

void start(Mode mode) {
  FinalConfig config;
  config.enabled = mode != Mode::disabled;
  config.service_name = "bench";
  config.resource_attributes = {{"service.version", "1.0.0"}, {"deployment.environment.name", "bench"},
                                {"host.name", "bench-host"}};
  config.max_queue_size = 2048;
  config.batch_size = 512;
  config.batch_timeout = std::chrono::milliseconds(5000);
  config.root_sampler = mode == Mode::sampled ? RootSampler::always_on : RootSampler::ratio;
  config.sample_rate = 0.0;
  config.sample_errors = mode == Mode::conditional;
  config.slow_threshold = std::chrono::milliseconds(mode == Mode::conditional ? 1000 : 0);
  std::vector<std::unique_ptr<SpanExporter>> exporters;
  exporters.push_back(std::make_unique<CountingExporter>());
  init(config, std::move(exporters));
}

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Runs the loop, then reports process CPU per span (export thread included).
template <typename Body>
void run_spans(benchmark::State& state, Body body) {
  const double cpu_before = process_cpu_seconds();
  for (auto _ : state) body();
  if (state.thread_index() == 0) {
    force_flush(std::chrono::seconds(10));
    const double cpu = process_cpu_seconds() - cpu_before;
    state.counters["cpu_ns_per_span"] =
        benchmark::Counter(cpu * 1e9 / static_cast<double>(state.iterations() * state.threads()));
  }
}

Tracer& bench_tracer() {
  static Tracer& tracer = get_tracer("bench");
  return tracer;
}

void BM_SpanDisabled(benchmark::State& state) {
  start(Mode::disabled);
  auto& tracer = bench_tracer();
  for (auto _ : state) {
    auto span = tracer.start_span("span");
    benchmark::DoNotOptimize(span);
  }
  shutdown();
}

void BM_SpanUnsampled(benchmark::State& state) {
  start(Mode::unsampled);
  auto& tracer = bench_tracer();
  for (auto _ : state) {
    auto span = tracer.start_span("span");
    benchmark::DoNotOptimize(span);
  }
  shutdown();
}

void BM_SpanConditionalDropped(benchmark::State& state) {
  start(Mode::conditional);
  auto& tracer = bench_tracer();
  run_spans(state, [&] {
    auto span = tracer.start_span("span");
    benchmark::DoNotOptimize(span);
  });
  shutdown();
}

void BM_SpanSampled(benchmark::State& state) {
  start(Mode::sampled);
  auto& tracer = bench_tracer();
  const auto dropped_before = stats().dropped_queue_full;
  run_spans(state, [&] {
    auto span = tracer.start_span("span");
    benchmark::DoNotOptimize(span);
  });
  state.counters["dropped"] = static_cast<double>(stats().dropped_queue_full - dropped_before);
  shutdown();
}

void sampled_with_attributes(Tracer& tracer) {
  auto span = tracer.start_span("span");
  span.set_attribute("http.method", "GET");
  span.set_attribute("http.url", "https://example.com/api/v1/users/12345");
  span.set_attribute("http.status_code", std::int64_t{200});
  span.set_attribute("cache.hit", true);
  span.add_event("cache-miss");
}

void BM_SpanSampled4Attrs1Event(benchmark::State& state) {
  start(Mode::sampled);
  auto& tracer = bench_tracer();
  const auto dropped_before = stats().dropped_queue_full;
  run_spans(state, [&] { sampled_with_attributes(tracer); });
  state.counters["dropped"] = static_cast<double>(stats().dropped_queue_full - dropped_before);
  shutdown();
}

std::uint64_t g_two_thread_dropped_before = 0;
std::uint64_t g_two_thread_sampled_before = 0;

void BM_SpanSampled2Threads(benchmark::State& state) {
  auto& tracer = bench_tracer();
  run_spans(state, [&] { sampled_with_attributes(tracer); });
  if (state.thread_index() == 0) {
    const auto now = stats();
    const auto sampled = now.spans_sampled - g_two_thread_sampled_before;
    const auto dropped = now.dropped_queue_full - g_two_thread_dropped_before;
    state.counters["spans_per_s"] = benchmark::Counter(static_cast<double>(state.iterations() * state.threads()),
                                                       benchmark::Counter::kIsRate);
    state.counters["dropped_fraction"] = sampled > 0 ? static_cast<double>(dropped) / static_cast<double>(sampled) : 0;
  }
}
BENCHMARK(BM_SpanSampled2Threads)
    ->Threads(2)
    ->UseRealTime()
    ->Setup([](const benchmark::State&) {
      start(Mode::sampled);
      const auto now = stats();
      g_two_thread_dropped_before = now.dropped_queue_full;
      g_two_thread_sampled_before = now.spans_sampled;
    })
    ->Teardown([](const benchmark::State&) { shutdown(); });

void BM_NestedScopedSpans(benchmark::State& state) {
  start(Mode::sampled);
  auto& tracer = bench_tracer();
  run_spans(state, [&] {
    auto parent = tracer.start_as_current_span("span");
    auto child = tracer.start_span("child");
    benchmark::DoNotOptimize(child);
  });
  shutdown();
}

// PARLEY_BENCH_ITERATIONS=n fixes the iteration count of the single-thread
// benchmarks (scripts/bench-instructions runs them under callgrind that way).
const bool registered = [] {
  const char* fixed = std::getenv("PARLEY_BENCH_ITERATIONS");
  const benchmark::IterationCount iterations = fixed != nullptr ? std::strtoll(fixed, nullptr, 10) : 0;
  const std::pair<const char*, void (*)(benchmark::State&)> single_thread[] = {
      {"BM_SpanDisabled", BM_SpanDisabled},
      {"BM_SpanUnsampled", BM_SpanUnsampled},
      {"BM_SpanConditionalDropped", BM_SpanConditionalDropped},
      {"BM_SpanSampled", BM_SpanSampled},
      {"BM_SpanSampled4Attrs1Event", BM_SpanSampled4Attrs1Event},
      {"BM_NestedScopedSpans", BM_NestedScopedSpans},
  };
  for (const auto& [name, function] : single_thread) {
    auto* bench = benchmark::RegisterBenchmark(name, function);
    if (iterations > 0) bench->Iterations(iterations);
  }
  return true;
}();

}  // namespace
