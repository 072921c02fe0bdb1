// Fuzzes the configuration value parsers and finalize().
//
// Input: lines "NAME=value". A known variable name sets that variable; any
// other line gives its whole text to a variable picked by its length. Every
// value also goes through each parser on its own (sample rate, booleans,
// durations, lists, URLs, key/value lists, headers). Whatever the bytes,
// nothing may crash, throw or leak, and every result must be valid: rates in
// range, sizes positive with batch <= queue, endpoints valid for their
// provider, propagators known and unique, headers safe to send, one origin per
// variable, diagnostics complete and printable on one line.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "config/parse.h"
#include "parley/tracing/config.h"

namespace {

using namespace parley::tracing;

void require(bool condition) {
  if (!condition) std::abort();
}

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

void check_parsers(const std::string& value) {
  if (auto rate = detail::parse_rate(value)) require(*rate >= 0.0 && *rate <= 1.0);
  if (auto number = detail::parse_double(value)) require(detail::parse_double(detail::format_number(*number)) == *number);
  if (auto ms = detail::parse_seconds_as_ms(value)) require(*ms >= 1 && *ms <= INT32_MAX);
  (void)detail::parse_bool(value);
  (void)detail::parse_int(value);
  for (const auto& item : detail::parse_list(value)) {
    require(!item.empty() && item.find(',') == std::string::npos && item == detail::lowercase(item));
  }
  if (auto pairs = detail::parse_key_values(value)) {
    for (const auto& pair : *pairs) require(!pair.first.empty());
  }
  if (auto headers = detail::parse_headers(value)) {
    for (const auto& [name, header_value] : *headers) {
      require(!name.empty() && name.find_first_of(" :\r\n") == std::string::npos);
      require(header_value.find_first_of("\r\n") == std::string::npos);
    }
  }
  require(!has_control(detail::escape_control(value)));
  (void)detail::redact_headers(value);
  if (auto url = detail::parse_url(value)) {
    require(!url->scheme.empty() && !url->host.empty());
    require(url->port >= 0 && url->port <= 65535);
    require(url->path.empty() || url->path.front() == '/');
  }
}

void check_exporter(const ExporterConfig& exporter) {
  require(exporter.provider != Provider::none);
  if (exporter.provider == Provider::console) {
    require(exporter.endpoint.empty());
    return;
  }
  require(!exporter.endpoint.empty());
  if (exporter.provider == Provider::file) {
    require(!has_control(exporter.endpoint));
    return;
  }
  const auto url = detail::parse_url(exporter.endpoint);
  require(url.has_value());
  require(url->scheme == "http" || url->scheme == "https" ||
          (exporter.provider == Provider::jaeger && url->scheme == "udp" && url->port != 0));
}

void check_config(const LoadedConfig& loaded, const EnvLookup& env) {
  const FinalConfig& config = loaded.config;
  require(config.sample_rate >= 0.0 && config.sample_rate <= 1.0);
  require(config.max_queue_size >= 1 && config.max_queue_size <= (1u << 20));
  require(config.batch_size >= 1 && config.batch_size <= config.max_queue_size);
  require(config.max_pending_spans >= 1 && config.max_pending_spans <= (1u << 20));
  require(config.batch_timeout.count() >= 1);
  require(config.min_span_duration.count() >= 0 && config.slow_threshold.count() >= 0);
  require(config.export_timeout.count() >= 0);
  require(!config.service_name.empty() && !has_control(config.service_name) && !has_control(config.service_version));
  std::set<Provider> providers;
  for (const auto& exporter : config.exporters) {
    require(providers.insert(exporter.provider).second);
    check_exporter(exporter);
  }
  const std::set<std::string> known = {"tracecontext", "baggage", "b3", "b3multi", "jaeger"};
  std::set<std::string> propagators;
  for (const auto& name : config.propagators) require(known.count(name) && propagators.insert(name).second);
  for (const auto& [name, value] : config.headers) require(!name.empty() && value.find_first_of("\r\n") == std::string::npos);
  require(loaded.origins.size() == config_registry().size());
  for (const auto& diagnostic : loaded.diagnostics) {
    require(!diagnostic.accepted.empty() && !diagnostic.fallback.empty());
    require(!has_control(diagnostic.message()));
  }
  const std::string text = describe(loaded, env);
  require(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) ==
          config_registry().size() + loaded.diagnostics.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto registry = config_registry();
  std::map<std::string, std::string, std::less<>> values;
  std::size_t start = 0;
  while (start <= input.size()) {
    const std::size_t end = std::min(input.find('\n', start), input.size());
    const std::string line = input.substr(start, end - start);
    const std::size_t equals = line.find('=');
    const std::string name = line.substr(0, equals == std::string::npos ? 0 : equals);
    const bool known = std::any_of(registry.begin(), registry.end(), [&](const VariableInfo& row) { return row.name == name; });
    const std::string value = known ? line.substr(equals + 1) : line;
    values[known ? name : std::string(registry[line.size() % registry.size()].name)] = value;
    check_parsers(value);
    start = end + 1;
  }
  const EnvLookup env = [&](std::string_view name) -> std::optional<std::string> {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
  check_config(finalize({}, env), env);
  return 0;
}
