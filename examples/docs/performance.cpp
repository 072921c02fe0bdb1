// docs/TRACING.md, "Performance options": batching, the span filter and the
// pipeline's counters. The program checks that the filter dropped the short
// spans and kept the long one, and exits 1 when it did not.
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include <parley/tracing/provider.h>
#include <parley/tracing/span_data.h>
#include <parley/tracing/tracer.h>

int main() {
  parley::tracing::init_from_env();
  if (!parley::tracing::is_enabled()) {
    std::printf("tracing is off (TRACING_ENABLED=true turns it on)\n");
    return 0;
  }
  parley::tracing::set_sample_rate(1.0);

  // [doc:batching]
  auto& tracer = parley::tracing::get_async_tracer("chat.api");  // export is always on a background thread
  tracer.set_batch_size(100);                                    // spans per export request
  tracer.set_batch_timeout(std::chrono::seconds(5));             // longest wait for a partial batch
  // [/doc:batching]

  // [doc:span_filter]
  parley::tracing::set_span_filter([](const parley::tracing::SpanData& span) {
    return span.duration_ns() > 10'000'000;  // only export spans longer than 10 ms
  });
  // [/doc:span_filter]

  for (int i = 0; i < 5; ++i) {
    auto quick = tracer.start_as_current_span("cache.get");
  }
  {
    auto slow = tracer.start_as_current_span("search.rebuild");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  parley::tracing::force_flush();

  // [doc:stats]
  const auto stats = parley::tracing::stats();
  std::printf("spans started %llu, exported %llu, filtered %llu, dropped (queue full) %llu, queue %llu/%llu\n",
              static_cast<unsigned long long>(stats.spans_started),
              static_cast<unsigned long long>(stats.spans_exported),
              static_cast<unsigned long long>(stats.dropped_filtered),
              static_cast<unsigned long long>(stats.dropped_queue_full),
              static_cast<unsigned long long>(stats.queue_size),
              static_cast<unsigned long long>(stats.queue_capacity));
  for (const auto& [name, exporter] : stats.exporters) {
    std::printf("exporter %s: %llu batch(es) sent, %llu failed, circuit %s%s%s\n", name.c_str(),
                static_cast<unsigned long long>(exporter.batches_sent),
                static_cast<unsigned long long>(exporter.batches_failed), exporter.circuit_state.c_str(),
                exporter.last_error.empty() ? "" : ", last error: ", exporter.last_error.c_str());
  }
  // [/doc:stats]

  parley::tracing::set_span_filter({});  // an empty function removes the filter
  parley::tracing::shutdown();
  const bool ok = stats.dropped_filtered == 5 && stats.spans_started == 6;
  if (!ok) std::fprintf(stderr, "performance: expected 5 spans filtered out of 6\n");
  return ok ? 0 : 1;
}
