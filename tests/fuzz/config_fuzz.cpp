// Fuzzes configuration parsing: the input is split into variable values and
// fed through finalize(). Whatever the bytes, finalize must not crash or
// throw, and the result must be valid (rate in range, sizes positive,
// every exporter with an endpoint where one is needed).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>

#include "config/parse.h"
#include "parley/tracing/config.h"

namespace {
constexpr const char* kVariables[] = {
    "TRACING_ENABLED", "TRACING_PROVIDER", "TRACING_ENDPOINT", "TRACING_SAMPLE_RATE", "TRACING_BATCH_SIZE",
    "TRACING_BATCH_TIMEOUT", "TRACING_HEADERS", "TRACING_PROPAGATORS", "OTEL_RESOURCE_ATTRIBUTES",
    "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_TRACES_EXPORTER",
    "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_BSP_MAX_QUEUE_SIZE", "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT",
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::string> env;
  std::size_t start = 0, index = 0;
  while (start <= input.size() && index < std::size(kVariables)) {
    const std::size_t end = input.find('\n', start);
    env[kVariables[index++]] = input.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  const auto loaded = parley::tracing::finalize({}, [&](std::string_view name) -> std::optional<std::string> {
    auto found = env.find(std::string(name));
    if (found == env.end()) return std::nullopt;
    return found->second;
  });
  const auto& config = loaded.config;
  if (!(config.sample_rate >= 0.0 && config.sample_rate <= 1.0)) std::abort();
  if (config.batch_size == 0 || config.max_queue_size == 0 || config.batch_size > config.max_queue_size) std::abort();
  for (const auto& exporter : config.exporters) {
    if (exporter.provider != parley::tracing::Provider::console && exporter.endpoint.empty()) std::abort();
  }
  for (const auto& diagnostic : loaded.diagnostics) (void)diagnostic.message();
  (void)parley::tracing::detail::parse_url(input);
  (void)parley::tracing::detail::parse_key_values(input);
  return 0;
}
