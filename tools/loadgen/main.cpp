// parley-loadgen: traced test traffic for parley-chat (the C++ form of
// scripts/generate_test_traces.py --requests 100 --concurrency 10).
//
// Creates its own user and room, sends a mix of plain, @ai (slow), and
// failing requests (unknown room, malformed body) from `--concurrency`
// threads, each request a CLIENT span whose context goes out in the request
// headers, and ends with requests/s, p50/p95/p99 latency, errors by status
// and links to a few traces in the chosen UI.
//
// Tracing is configured like any Parley program (TRACING_* / OTEL_*), except
// that here it defaults to on, with every trace sampled and the service name
// parley-loadgen; TRACING_ENABLED=false turns it off.
//
// Exit status: 0 when the run completed (whatever the server answered), 1
// when the server cannot be reached or the set-up is refused.
#include <CLI/CLI.hpp>
#include <parley/tracing/config.h>
#include <parley/tracing/provider.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <string>

#include "chat_api.h"
#include "load_report.h"
#include "load_runner.h"
#include "progress.h"

namespace {

namespace tracing = parley::tracing;
using namespace parley::tools;

struct Options {
  std::size_t requests = 100;
  std::size_t concurrency = 10;
  std::string url = "http://127.0.0.1:8080";
  std::string mix{kDefaultMix};
  std::string ui;      // jaeger | zipkin | builtin; empty: from the tracing provider
  std::string ui_url;  // base of the UI links; empty: the backend's default
  long timeout_ms = 30000;
};

// Tracing on by default here: the point of the tool is to make traces.
tracing::FinalConfig start_tracing() {
  tracing::Config code;
  code.enabled = true;
  code.sample_rate = 1.0;
  code.service_name = "parley-loadgen";
  auto loaded = tracing::finalize(code, tracing::process_environment());
  for (const auto& diagnostic : loaded.diagnostics) {
    std::fprintf(stderr, "parley-loadgen: warning: %s\n", diagnostic.message().c_str());
  }
  tracing::init(loaded.config);
  return loaded.config;
}

TraceBackend choose_backend(const Options& options, const tracing::FinalConfig& config) {
  if (options.ui == "jaeger") return TraceBackend::jaeger;
  if (options.ui == "zipkin") return TraceBackend::zipkin;
  if (options.ui == "builtin") return TraceBackend::builtin;
  if (!config.enabled || config.exporters.empty()) return TraceBackend::builtin;
  switch (config.exporters.front().provider) {
    case tracing::Provider::jaeger:
    case tracing::Provider::otlp: return TraceBackend::jaeger;
    case tracing::Provider::zipkin: return TraceBackend::zipkin;
    default: return TraceBackend::builtin;
  }
}

std::string unique_suffix() {
  std::random_device device;
  char text[32];
  std::snprintf(text, sizeof(text), "%d-%08x", static_cast<int>(getpid()), device());
  return text;
}

int run(const Options& options, const RequestMix& mix) {
  const auto config = start_tracing();
  http_global_init();
  std::string base_url = options.url;
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  const std::chrono::milliseconds timeout(options.timeout_ms);
  HttpClient setup_client(timeout);
  const auto setup = set_up(setup_client, base_url, unique_suffix());
  if (!setup.target) {
    std::fprintf(stderr, "parley-loadgen: %s\n", setup.error.c_str());
    if (setup.unreachable) {
      std::fprintf(stderr, "parley-loadgen: is parley-chat running? Start it (make run) or pass --url\n");
    }
    tracing::shutdown(std::chrono::milliseconds(2000));
    return 1;
  }
  std::fprintf(stderr, "parley-loadgen: %zu requests, %zu workers, mix %s, user %s, room %lld\n", options.requests,
               options.concurrency, options.mix.c_str(), setup.target->username.c_str(),
               static_cast<long long>(setup.target->room_id));
  Progress progress(options.requests, isatty(STDERR_FILENO) != 0, stderr);
  const auto start = std::chrono::steady_clock::now();
  RunReport report;
  report.results = run_load(LoadPlan{options.requests, options.concurrency, timeout, mix}, *setup.target,
                            [&](const RequestResult& result) { progress.record(result.ok()); });
  report.elapsed = std::chrono::steady_clock::now() - start;
  progress.finish();
  report.url = base_url;
  report.concurrency = options.concurrency;
  report.backend = choose_backend(options, config);
  report.ui_base = !options.ui_url.empty() ? options.ui_url
                   : report.backend == TraceBackend::builtin
                       ? (setup.target->admin_base.empty() ? base_url : setup.target->admin_base)
                                                             : std::string(default_ui_base(report.backend));
  tracing::shutdown(std::chrono::milliseconds(5000));
  std::fputs(render_summary(report).c_str(), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"parley-loadgen: traced test traffic for parley-chat; ends with throughput, latency percentiles, "
               "errors by status and links to a few traces.\nTracing follows TRACING_* / OTEL_* (here on by "
               "default, every trace sampled). Exit status 1 when the server cannot be reached."};
  Options options;
  app.add_option("-n,--requests", options.requests, "requests to send")->check(CLI::Range(1, 10'000'000));
  app.add_option("-c,--concurrency", options.concurrency, "worker threads, one connection each")
      ->check(CLI::Range(1, 1000));
  app.add_option("-u,--url", options.url, "parley-chat's base URL")->capture_default_str();
  app.add_option("--mix", options.mix, "kind=weight list of plain, ai, bad_room, bad_body")->capture_default_str();
  app.add_option("--ui", options.ui, "where the trace links point (default: from TRACING_PROVIDER)")
      ->check(CLI::IsMember({"jaeger", "zipkin", "builtin"}));
  app.add_option("--ui-url", options.ui_url,
                 "base of the trace links (default: http://localhost:16686, http://localhost:9411, or the server's admin address)");
  app.add_option("--timeout-ms", options.timeout_ms, "per-request timeout")->check(CLI::Range(1L, 600'000L));
  CLI11_PARSE(app, argc, argv);
  std::string error;
  const auto mix = RequestMix::parse(options.mix, error);
  if (!mix) {
    std::fprintf(stderr, "parley-loadgen: --mix %s: %s\n", options.mix.c_str(), error.c_str());
    return 1;
  }
  return run(options, *mix);
}
