// docs/TRACING.md, "Sampling": the built-in conditional sampling (errors and
// slow traces kept whatever the rate), the seed's should_sample(request) in
// C++, and changing the rate at run time. The program checks what was kept
// and exits 1 when it is not what the text says.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

#include <parley/tracing/config.h>
#include <parley/tracing/provider.h>
#include <parley/tracing/tracer.h>

namespace {

auto& tracer = parley::tracing::get_tracer("chat.api");

// [doc:should_sample]
struct Request {
  int status_code = 200;
  std::chrono::milliseconds duration{0};
};

bool should_sample(const Request& request) {
  if (request.status_code >= 500) return true;                  // always sample errors
  if (request.duration > std::chrono::seconds(1)) return true;  // sample slow requests
  return parley::tracing::should_sample_trace();                // otherwise the configured rate
}
// [/doc:should_sample]

// [doc:dynamic]
void adapt_to_load(bool high_traffic) {
  if (high_traffic) {
    tracer.set_sample_rate(0.01);  // 1% during high traffic
  } else {
    tracer.set_sample_rate(0.1);   // 10% during normal traffic
  }
}
// [/doc:dynamic]

}  // namespace

int main() {
  parley::tracing::Config code;
  code.slow_threshold = std::chrono::milliseconds(50);  // TRACING_SLOW_THRESHOLD_MS still wins
  const auto loaded = parley::tracing::finalize(code, parley::tracing::process_environment());
  parley::tracing::init(loaded.config);
  if (!parley::tracing::is_enabled()) {
    std::printf("tracing is off (TRACING_ENABLED=true turns it on); nothing to sample\n");
    return 0;
  }
  int failures = 0;
  if (!should_sample(Request{503, std::chrono::milliseconds(3)})) ++failures;
  if (!should_sample(Request{200, std::chrono::milliseconds(1500)})) ++failures;

  // [doc:conditional]
  parley::tracing::set_sample_rate(0.0);  // keep no trace by rate...
  {
    auto fast = tracer.start_as_current_span("GET /api/rooms");  // ...so this one is dropped,
    fast.set_attribute("http.status_code", 200);
  }
  {
    auto failed = tracer.start_as_current_span("POST /api/messages");  // this one is kept: status >= 500,
    failed.set_attribute("http.status_code", 503);
  }
  {
    auto slow = tracer.start_as_current_span("GET /api/search");  // and so is this one: slower than
    std::this_thread::sleep_for(std::chrono::milliseconds(60));   // TRACING_SLOW_THRESHOLD_MS (here 50)
  }
  // [/doc:conditional]
  parley::tracing::force_flush();
  const auto stats = parley::tracing::stats();
  std::printf("rate 0.0: %llu span(s) kept, %llu dropped by the sampler\n",
              static_cast<unsigned long long>(stats.spans_sampled),
              static_cast<unsigned long long>(stats.spans_unsampled));
  if (loaded.config.sample_errors && loaded.config.slow_threshold.count() == 50 && stats.spans_sampled != 2) {
    ++failures;
  }

  adapt_to_load(true);
  if (std::abs(parley::tracing::sample_rate() - 0.01) > 1e-9) ++failures;
  adapt_to_load(false);
  if (std::abs(parley::tracing::sample_rate() - 0.1) > 1e-9) ++failures;

  parley::tracing::shutdown();
  if (failures != 0) std::fprintf(stderr, "sampling: %d unexpected result(s)\n", failures);
  return failures == 0 ? 0 : 1;
}
