// docs/TRACING.md, "Settings in code": reading the validated settings, giving
// defaults in code that the environment can still override, and printing the
// effective configuration with the source of every value.
#include <chrono>
#include <cstdio>
#include <string>

#include <parley/tracing/config.h>
#include <parley/tracing/provider.h>
#include <parley/tracing/tracer.h>

namespace {

void print_settings() {
  // [doc:read_settings]
  const auto loaded = parley::tracing::load_config_from_env();  // validated; prints nothing
  for (const auto& diagnostic : loaded.diagnostics) {
    std::fprintf(stderr, "config: %s\n", diagnostic.message().c_str());
  }
  const auto& config = loaded.config;
  if (config.enabled) {
    const auto& exporter = config.exporters.front();  // one per listed provider
    std::printf("provider %s, endpoint %s, sample rate %.2f\n",
                std::string(parley::tracing::to_string(exporter.provider)).c_str(),
                exporter.endpoint.c_str(), config.sample_rate);
  }
  // [/doc:read_settings]
}

}  // namespace

int main() {
  print_settings();

  // [doc:config_in_code]
  parley::tracing::Config code;              // every field optional
  code.enabled = true;
  code.provider = "console";                 // the same text as TRACING_PROVIDER
  code.sample_rate = 1.0;
  code.service_name = "chat-worker";
  code.slow_threshold = std::chrono::milliseconds(500);

  const auto env = parley::tracing::process_environment();
  const auto loaded = parley::tracing::finalize(code, env);  // TRACING_* > OTEL_* > code > default
  for (const auto& diagnostic : loaded.diagnostics) {
    std::fprintf(stderr, "config: %s\n", diagnostic.message().c_str());
  }
  parley::tracing::init(loaded.config);
  // [/doc:config_in_code]

  // [doc:describe]
  std::fputs(parley::tracing::describe(loaded, env).c_str(), stdout);  // NAME = value (source)
  // [/doc:describe]

  {
    auto span = parley::tracing::get_tracer("chat.worker").start_as_current_span("configured");
    span.set_attribute("config.service_name", loaded.config.service_name);
  }
  parley::tracing::shutdown();
  return 0;
}
