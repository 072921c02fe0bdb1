// parley/tracing/config.h — configuration: raw -> validated, diagnostics as data.
//
// Config holds what code says (every field optional). finalize() merges it
// with the environment — TRACING_* wins over OTEL_*, which wins over code,
// which wins over the defaults — and returns a FinalConfig in which every
// field is valid, plus one Diagnostic per rejected value. A bad value never
// stops the service: that key falls back to its default. Only FinalConfig can
// start tracing (parley/tracing/provider.h).
//
// One registry (config_registry()) lists every variable with its type,
// default, accepted values and doc line; the docs table and the effective
// configuration printout are generated from it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::tracing {

enum class Provider : std::uint8_t { jaeger, zipkin, otlp, console, file, none };
enum class OtlpProtocol : std::uint8_t { grpc, http_protobuf, http_json };
enum class Compression : std::uint8_t { none, gzip };
enum class RootSampler : std::uint8_t { always_on, always_off, ratio };

std::string_view to_string(Provider provider) noexcept;
std::string_view to_string(OtlpProtocol protocol) noexcept;

// OTel span limits (defaults from the spec).
struct SpanLimits {
  std::uint32_t attribute_count = 128;
  std::uint32_t attribute_value_length = UINT32_MAX;  // no limit
  std::uint32_t event_count = 128;
  std::uint32_t link_count = 128;
  std::uint32_t event_attribute_count = 128;
  std::uint32_t link_attribute_count = 128;
};

struct ExporterConfig {
  Provider provider = Provider::jaeger;
  std::string endpoint;  // URL, udp://host:port, or file path; empty only for console
  OtlpProtocol otlp_protocol = OtlpProtocol::grpc;  // otlp only
};

struct FinalConfig {
  bool enabled = false;
  std::vector<ExporterConfig> exporters{ExporterConfig{}};
  std::string service_name = "chat-system";
  std::string service_version;
  std::vector<std::pair<std::string, std::string>> resource_attributes;
  RootSampler root_sampler = RootSampler::ratio;
  bool parent_based = true;
  double sample_rate = 0.1;
  bool sample_errors = true;                         // conditional: keep errors
  std::chrono::milliseconds slow_threshold{1000};    // conditional: keep slow (0: off)
  std::size_t batch_size = 100;
  std::chrono::milliseconds batch_timeout{5000};
  std::size_t max_queue_size = 2048;
  std::size_t max_pending_spans = 8192;              // spans held for conditional decisions
  std::chrono::milliseconds min_span_duration{0};
  std::chrono::milliseconds export_timeout{10000};
  std::vector<std::pair<std::string, std::string>> headers;
  Compression compression = Compression::none;
  std::vector<std::string> propagators{"tracecontext", "baggage"};
  SpanLimits limits;

  // True when conditional sampling can keep an unsampled trace.
  bool conditional() const noexcept { return sample_errors || slow_threshold.count() > 0; }
};

// What code says; unset fields fall to env or defaults.
struct Config {
  std::optional<bool> enabled;
  std::optional<std::string> provider;  // comma list, as the env variable
  std::optional<std::string> endpoint;
  std::optional<double> sample_rate;
  std::optional<std::string> service_name;
  std::optional<std::string> service_version;
  std::optional<std::size_t> batch_size;
  std::optional<std::chrono::milliseconds> batch_timeout;
  std::optional<std::size_t> max_queue_size;
  std::optional<std::chrono::milliseconds> min_span_duration;
  std::optional<bool> sample_errors;
  std::optional<std::chrono::milliseconds> slow_threshold;
  std::optional<std::chrono::milliseconds> export_timeout;
  std::optional<std::string> propagators;
};

// One rejected value.
struct Diagnostic {
  std::string variable;
  std::string value;
  std::string accepted;  // what would have been accepted
  std::string fallback;  // what is used instead
  // "TRACING_SAMPLE_RATE=1.5 is not accepted (expected a number from 0.0 to 1.0); using 0.1"
  std::string message() const;
};

// Reads variables; the default reads the process environment.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
EnvLookup process_environment();

// Where the effective value behind one variable came from (for describe()).
struct SettingOrigin {
  std::string variable;  // a registry name
  std::string value;     // the effective value of what it configures, as text
  std::string source;    // "env", "env: <variable that won>", "code", "default",
                         // "implied by the endpoint" or "not used: <why>"
};

struct LoadedConfig {
  FinalConfig config;
  std::vector<Diagnostic> diagnostics;
  std::vector<SettingOrigin> origins;  // one per registry variable, in registry order
};

LoadedConfig finalize(const Config& code, const EnvLookup& env);
inline LoadedConfig load_config_from_env() { return finalize(Config{}, process_environment()); }

// The registry of variables.
struct VariableInfo {
  std::string_view name;
  std::string_view type;      // bool, enum, number, duration_ms, url, list, text
  std::string_view default_value;
  std::string_view accepted;
  std::string_view doc;
};
std::span<const VariableInfo> config_registry() noexcept;

// Markdown table of every variable (docs/CONFIGURATION.md is generated from it).
std::string registry_markdown();
// Human-readable effective configuration, one "NAME = value (source)" line
// per variable, then one "diagnostic: ..." line per diagnostic, as
// --check-config prints it. Header values are never shown.
std::string describe(const LoadedConfig& loaded, const EnvLookup& env);

}  // namespace parley::tracing
