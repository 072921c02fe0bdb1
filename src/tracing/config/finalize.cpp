// Config + environment -> FinalConfig + diagnostics.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "config/parse.h"
#include "parley/tracing/config.h"

namespace parley::tracing {

std::string_view to_string(Provider provider) noexcept {
  switch (provider) {
    case Provider::jaeger: return "jaeger";
    case Provider::zipkin: return "zipkin";
    case Provider::otlp: return "otlp";
    case Provider::console: return "console";
    case Provider::file: return "file";
    case Provider::none: return "none";
  }
  return "none";
}

std::string_view to_string(OtlpProtocol protocol) noexcept {
  switch (protocol) {
    case OtlpProtocol::grpc: return "grpc";
    case OtlpProtocol::http_protobuf: return "http/protobuf";
    case OtlpProtocol::http_json: return "http/json";
  }
  return "grpc";
}

std::string Diagnostic::message() const {
  return variable + "=" + value + " is not accepted (expected " + accepted + "); using " + fallback;
}

namespace {

using detail::lowercase;
using detail::trim;

constexpr std::string_view kJaegerDefault = "http://localhost:14268/api/traces";
constexpr std::string_view kZipkinDefault = "http://localhost:9411/api/v2/spans";
constexpr std::string_view kOtlpGrpcDefault = "http://localhost:4317";
constexpr std::string_view kOtlpHttpDefault = "http://localhost:4318/v1/traces";
constexpr std::string_view kFileDefault = "./traces.jsonl";

class Loader {
 public:
  Loader(const EnvLookup& env, std::vector<Diagnostic>& diagnostics) : env_(env), diagnostics_(diagnostics) {}

  // The value of a variable, or nullopt when unset or empty.
  std::optional<std::string> get(std::string_view name) const {
    if (!env_) return std::nullopt;
    auto value = env_(name);
    if (!value || trim(*value).empty()) return std::nullopt;
    return value;
  }

  void reject(std::string_view name, std::string_view value, std::string_view accepted, std::string fallback) {
    diagnostics_.push_back(Diagnostic{std::string(name), std::string(value), std::string(accepted), std::move(fallback)});
  }

  // First of `names` that is set and valid for `parse`; bad values are diagnosed.
  template <typename T, typename Parse>
  std::optional<T> first(std::initializer_list<std::string_view> names, Parse parse, std::string_view accepted,
                         const std::string& fallback) {
    for (const auto name : names) {
      const auto text = get(name);
      if (!text) continue;
      if (auto value = parse(*text)) return value;
      reject(name, *text, accepted, fallback);
    }
    return std::nullopt;
  }

 private:
  const EnvLookup& env_;
  std::vector<Diagnostic>& diagnostics_;
};

std::optional<bool> as_bool(const std::string& text) { return detail::parse_bool(text); }

std::function<std::optional<std::int64_t>(const std::string&)> int_at_least(std::int64_t min) {
  return [min](const std::string& text) -> std::optional<std::int64_t> {
    auto value = detail::parse_int(text);
    if (!value || *value < min || *value > INT32_MAX) return std::nullopt;
    return value;
  };
}

std::optional<double> as_rate(const std::string& text) {
  auto value = detail::parse_double(text);
  if (!value || *value < 0.0 || *value > 1.0) return std::nullopt;
  return value;
}

std::optional<Provider> provider_named(std::string_view name) {
  if (name == "jaeger") return Provider::jaeger;
  if (name == "zipkin") return Provider::zipkin;
  if (name == "otlp") return Provider::otlp;
  if (name == "console" || name == "logging") return Provider::console;
  if (name == "file") return Provider::file;
  if (name == "none") return Provider::none;
  return std::nullopt;
}

std::optional<OtlpProtocol> as_protocol(const std::string& text) {
  const std::string name = lowercase(trim(text));
  if (name == "grpc") return OtlpProtocol::grpc;
  if (name == "http/protobuf") return OtlpProtocol::http_protobuf;
  if (name == "http/json") return OtlpProtocol::http_json;
  return std::nullopt;
}

std::optional<Compression> as_compression(const std::string& text) {
  const std::string name = lowercase(trim(text));
  if (name == "gzip") return Compression::gzip;
  if (name == "none") return Compression::none;
  return std::nullopt;
}

bool takes_endpoint(Provider provider) {
  return provider == Provider::jaeger || provider == Provider::zipkin || provider == Provider::otlp ||
         provider == Provider::file;
}

// Whether `endpoint` is acceptable for `provider`.
bool endpoint_valid(Provider provider, const std::string& endpoint) {
  if (provider == Provider::file) return !trim(endpoint).empty();
  const auto url = detail::parse_url(endpoint);
  if (!url) return false;
  if (url->scheme == "http" || url->scheme == "https") return true;
  return provider == Provider::jaeger && url->scheme == "udp" && url->port != 0;
}

// The protocol an OTLP endpoint implies: :4317 -> grpc, /v1/traces or :4318 -> HTTP.
std::optional<OtlpProtocol> protocol_from_endpoint(const std::string& endpoint) {
  const auto url = detail::parse_url(endpoint);
  if (!url) return std::nullopt;
  if (url->scheme == "grpc" || url->port == 4317) return OtlpProtocol::grpc;
  if (url->port == 4318 || url->path.ends_with("/v1/traces")) return OtlpProtocol::http_protobuf;
  return std::nullopt;
}

std::string default_endpoint(Provider provider, OtlpProtocol protocol) {
  switch (provider) {
    case Provider::jaeger: return std::string(kJaegerDefault);
    case Provider::zipkin: return std::string(kZipkinDefault);
    case Provider::otlp:
      return std::string(protocol == OtlpProtocol::grpc ? kOtlpGrpcDefault : kOtlpHttpDefault);
    case Provider::file: return std::string(kFileDefault);
    default: return {};
  }
}

// OTEL_EXPORTER_OTLP_ENDPOINT is a base: append v1/traces for HTTP.
std::string otlp_signal_url(const std::string& base, OtlpProtocol protocol) {
  if (protocol == OtlpProtocol::grpc) return base;
  std::string url = trim(base);
  if (url.ends_with("/v1/traces")) return url;
  if (!url.ends_with("/")) url += '/';
  return url + "v1/traces";
}

void resolve_exporters(Loader& env, const Config& code, FinalConfig& config, bool& otel_only) {
  // Providers: TRACING_PROVIDER > OTEL_TRACES_EXPORTER > code > jaeger.
  std::vector<Provider> providers;
  otel_only = false;
  auto parse_providers = [&](std::string_view variable, const std::string& text) {
    for (const auto& name : detail::parse_list(text)) {
      if (auto provider = provider_named(name)) {
        if (std::find(providers.begin(), providers.end(), *provider) == providers.end()) providers.push_back(*provider);
      } else {
        env.reject(variable, name, "jaeger, zipkin, otlp, console, file or none", "the other listed providers");
      }
    }
  };
  if (auto text = env.get("TRACING_PROVIDER")) {
    parse_providers("TRACING_PROVIDER", *text);
  } else if (auto otel = env.get("OTEL_TRACES_EXPORTER")) {
    parse_providers("OTEL_TRACES_EXPORTER", *otel);
    otel_only = true;
  } else if (code.provider) {
    parse_providers("Config::provider", *code.provider);
  }
  if (providers.empty()) {
    if (env.get("TRACING_PROVIDER") || env.get("OTEL_TRACES_EXPORTER")) {
      env.reject(env.get("TRACING_PROVIDER") ? "TRACING_PROVIDER" : "OTEL_TRACES_EXPORTER",
                 env.get("TRACING_PROVIDER").value_or(env.get("OTEL_TRACES_EXPORTER").value_or("")),
                 "jaeger, zipkin, otlp, console, file or none", "jaeger");
    }
    providers.push_back(Provider::jaeger);
    otel_only = false;
  }
  providers.erase(std::remove(providers.begin(), providers.end(), Provider::none), providers.end());

  // Explicit protocol: TRACING_OTLP_PROTOCOL > OTEL_*_TRACES_PROTOCOL > OTEL_*_PROTOCOL.
  const auto explicit_protocol =
      env.first<OtlpProtocol>({"TRACING_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"},
                              as_protocol, "grpc, http/protobuf or http/json", "the protocol the endpoint implies");

  // TRACING_ENDPOINT (or Config::endpoint) serves the first provider that takes one.
  std::optional<std::string> shared_endpoint;
  std::string shared_source;
  if (auto text = env.get("TRACING_ENDPOINT")) {
    shared_endpoint = trim(*text);
    shared_source = "TRACING_ENDPOINT";
  } else if (code.endpoint && !trim(*code.endpoint).empty()) {
    shared_endpoint = trim(*code.endpoint);
    shared_source = "Config::endpoint";
  }
  bool shared_used = false;
  for (const Provider provider : providers) {
    ExporterConfig exporter;
    exporter.provider = provider;
    std::optional<std::string> endpoint;
    std::string source;
    if (takes_endpoint(provider) && shared_endpoint && !shared_used) {
      endpoint = shared_endpoint;
      source = shared_source;
      shared_used = true;
    }
    if (!endpoint && provider == Provider::otlp) {
      if (auto traces = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) {
        endpoint = trim(*traces);
        source = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
        if (auto url = detail::parse_url(*endpoint); url && url->path.empty()) *endpoint += "/";
      } else if (auto base = env.get("OTEL_EXPORTER_OTLP_ENDPOINT")) {
        const auto protocol = explicit_protocol.value_or(OtlpProtocol::http_protobuf);
        endpoint = otlp_signal_url(*base, protocol);
        source = "OTEL_EXPORTER_OTLP_ENDPOINT";
      }
    }
    if (!endpoint && provider == Provider::zipkin) {
      if (auto zipkin = env.get("OTEL_EXPORTER_ZIPKIN_ENDPOINT")) {
        endpoint = trim(*zipkin);
        source = "OTEL_EXPORTER_ZIPKIN_ENDPOINT";
      }
    }
    if (!endpoint && provider == Provider::file) {
      if (auto path = env.get("TRACING_FILE_PATH")) {
        endpoint = trim(*path);
        source = "TRACING_FILE_PATH";
      }
    }
    // Protocol: explicit, else the endpoint's, else gRPC for TRACING_PROVIDER=otlp
    // (its default endpoint is :4317) and http/protobuf when only OTEL_* chose OTLP.
    OtlpProtocol protocol = otel_only ? OtlpProtocol::http_protobuf : OtlpProtocol::grpc;
    if (endpoint) {
      if (auto implied = protocol_from_endpoint(*endpoint)) protocol = *implied;
    }
    if (explicit_protocol && provider == Provider::otlp) protocol = *explicit_protocol;
    if (endpoint && !endpoint_valid(provider, *endpoint)) {
      const std::string fallback = default_endpoint(provider, protocol);
      env.reject(source, *endpoint,
                 provider == Provider::jaeger ? "an http(s) URL or udp://host:port" : "an http(s) URL with a host",
                 fallback);
      endpoint.reset();
    }
    exporter.otlp_protocol = protocol;
    exporter.endpoint = endpoint ? *endpoint : default_endpoint(provider, protocol);
    config.exporters.push_back(std::move(exporter));
  }
}

void resolve_sampling(Loader& env, const Config& code, FinalConfig& config) {
  const std::string rate_text = std::to_string(config.sample_rate).substr(0, 3);
  if (auto rate = env.first<double>({"TRACING_SAMPLE_RATE"}, as_rate, "a number from 0.0 to 1.0", "0.1")) {
    config.root_sampler = RootSampler::ratio;
    config.sample_rate = *rate;
    return;
  }
  if (auto sampler_text = env.get("OTEL_TRACES_SAMPLER")) {
    const std::string sampler = lowercase(trim(*sampler_text));
    double ratio = 1.0;
    if (auto arg = env.first<double>({"OTEL_TRACES_SAMPLER_ARG"}, as_rate, "a number from 0.0 to 1.0", "1.0")) ratio = *arg;
    if (sampler == "always_on" || sampler == "parentbased_always_on") {
      config.root_sampler = RootSampler::always_on;
      config.parent_based = sampler != "always_on";
      return;
    }
    if (sampler == "always_off" || sampler == "parentbased_always_off") {
      config.root_sampler = RootSampler::always_off;
      config.parent_based = sampler != "always_off";
      return;
    }
    if (sampler == "traceidratio" || sampler == "parentbased_traceidratio") {
      config.root_sampler = RootSampler::ratio;
      config.sample_rate = ratio;
      config.parent_based = sampler != "traceidratio";
      return;
    }
    env.reject("OTEL_TRACES_SAMPLER", *sampler_text,
               "always_on, always_off, traceidratio or their parentbased_ forms", "a ratio of " + rate_text);
  }
  if (code.sample_rate) {
    if (*code.sample_rate >= 0.0 && *code.sample_rate <= 1.0) {
      config.sample_rate = *code.sample_rate;
    } else {
      env.reject("Config::sample_rate", std::to_string(*code.sample_rate), "a number from 0.0 to 1.0", "0.1");
    }
  }
}

std::string ms_text(std::int64_t ms) { return std::to_string(ms) + " ms"; }

void resolve_processing(Loader& env, const Config& code, FinalConfig& config) {
  if (auto queue = env.first<std::int64_t>({"TRACING_MAX_QUEUE_SIZE", "OTEL_BSP_MAX_QUEUE_SIZE"}, int_at_least(1),
                                           "an integer >= 1", "2048")) {
    config.max_queue_size = static_cast<std::size_t>(*queue);
  } else if (code.max_queue_size && *code.max_queue_size > 0) {
    config.max_queue_size = *code.max_queue_size;
  }
  if (auto batch = env.first<std::int64_t>({"TRACING_BATCH_SIZE", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE"}, int_at_least(1),
                                           "an integer >= 1", "100")) {
    config.batch_size = static_cast<std::size_t>(*batch);
  } else if (code.batch_size && *code.batch_size > 0) {
    config.batch_size = *code.batch_size;
  }
  if (config.batch_size > config.max_queue_size) {
    env.reject("TRACING_BATCH_SIZE", std::to_string(config.batch_size), "at most the queue size",
               std::to_string(config.max_queue_size));
    config.batch_size = config.max_queue_size;
  }
  if (auto seconds = env.first<std::int64_t>({"TRACING_BATCH_TIMEOUT"},
                                             [](const std::string& t) {
                                               auto ms = detail::parse_seconds_as_ms(t);
                                               return ms && *ms > 0 ? ms : std::nullopt;
                                             },
                                             "a number of seconds > 0", "5")) {
    config.batch_timeout = std::chrono::milliseconds(*seconds);
  } else if (auto delay = env.first<std::int64_t>({"OTEL_BSP_SCHEDULE_DELAY"}, int_at_least(1), "an integer >= 1",
                                                  ms_text(5000))) {
    config.batch_timeout = std::chrono::milliseconds(*delay);
  } else if (code.batch_timeout && code.batch_timeout->count() > 0) {
    config.batch_timeout = *code.batch_timeout;
  }
  if (auto pending = env.first<std::int64_t>({"TRACING_MAX_PENDING_SPANS"}, int_at_least(1), "an integer >= 1", "8192")) {
    config.max_pending_spans = static_cast<std::size_t>(*pending);
  }
  if (auto min = env.first<std::int64_t>({"TRACING_MIN_SPAN_DURATION_MS"}, int_at_least(0), "an integer >= 0", "0")) {
    config.min_span_duration = std::chrono::milliseconds(*min);
  } else if (code.min_span_duration) {
    config.min_span_duration = *code.min_span_duration;
  }
  if (auto errors = env.first<bool>({"TRACING_SAMPLE_ERRORS"}, as_bool, "true or false", "true")) {
    config.sample_errors = *errors;
  } else if (code.sample_errors) {
    config.sample_errors = *code.sample_errors;
  }
  if (auto slow = env.first<std::int64_t>({"TRACING_SLOW_THRESHOLD_MS"}, int_at_least(0), "an integer >= 0", "1000")) {
    config.slow_threshold = std::chrono::milliseconds(*slow);
  } else if (code.slow_threshold) {
    config.slow_threshold = *code.slow_threshold;
  }
  if (auto timeout = env.first<std::int64_t>({"TRACING_EXPORT_TIMEOUT_MS", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT",
                                              "OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_BSP_EXPORT_TIMEOUT"},
                                             int_at_least(0), "an integer >= 0 (0 = no limit)", ms_text(10000))) {
    config.export_timeout = std::chrono::milliseconds(*timeout);
  } else if (code.export_timeout) {
    config.export_timeout = *code.export_timeout;
  }
}

void resolve_headers_and_compression(Loader& env, FinalConfig& config) {
  if (auto headers = env.first<std::vector<std::pair<std::string, std::string>>>(
          {"TRACING_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS"},
          [](const std::string& text) { return detail::parse_key_values(text); }, "k1=v1,k2=v2 (percent-encoded)",
          "no extra headers")) {
    config.headers = std::move(*headers);
  }
  if (auto compression = env.first<Compression>(
          {"TRACING_COMPRESSION", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_COMPRESSION"},
          as_compression, "gzip or none", "none")) {
    config.compression = *compression;
  }
}

void resolve_propagators(Loader& env, const Config& code, FinalConfig& config) {
  static constexpr std::string_view kKnown[] = {"tracecontext", "baggage", "b3", "b3multi", "jaeger"};
  std::vector<std::string> chosen;
  bool explicit_choice = false;
  auto take = [&](std::string_view variable, const std::string& text) {
    explicit_choice = true;
    for (const auto& name : detail::parse_list(text)) {
      if (name == "none") continue;
      if (std::find(std::begin(kKnown), std::end(kKnown), name) == std::end(kKnown)) {
        env.reject(variable, name, "tracecontext, baggage, b3, b3multi, jaeger or none", "the other listed propagators");
        continue;
      }
      if (std::find(chosen.begin(), chosen.end(), name) == chosen.end()) chosen.push_back(name);
    }
  };
  if (auto text = env.get("TRACING_PROPAGATORS")) {
    take("TRACING_PROPAGATORS", *text);
  } else if (auto otel = env.get("OTEL_PROPAGATORS")) {
    take("OTEL_PROPAGATORS", *otel);
  } else if (code.propagators) {
    take("Config::propagators", *code.propagators);
  }
  if (!explicit_choice) {
    chosen = {"tracecontext", "baggage"};
    for (const auto& exporter : config.exporters) {
      const char* native = exporter.provider == Provider::zipkin ? "b3multi"
                           : exporter.provider == Provider::jaeger ? "jaeger"
                                                                   : nullptr;
      if (native != nullptr && std::find(chosen.begin(), chosen.end(), native) == chosen.end()) chosen.push_back(native);
    }
  }
  config.propagators = std::move(chosen);
}

void resolve_resource(Loader& env, const Config& code, FinalConfig& config) {
  std::optional<std::string> from_attributes;
  if (auto text = env.get("OTEL_RESOURCE_ATTRIBUTES")) {
    if (auto pairs = detail::parse_key_values(*text)) {
      for (auto& [key, value] : *pairs) {
        if (key == "service.name") from_attributes = value;
        else if (key == "service.version" && config.service_version.empty()) config.service_version = value;
        else config.resource_attributes.emplace_back(key, value);
      }
    } else {
      env.reject("OTEL_RESOURCE_ATTRIBUTES", *text, "k1=v1,k2=v2 with , and = percent-encoded", "no extra attributes");
    }
  }
  if (auto name = env.get("TRACING_SERVICE_NAME")) config.service_name = trim(*name);
  else if (auto otel = env.get("OTEL_SERVICE_NAME")) config.service_name = trim(*otel);
  else if (from_attributes) config.service_name = *from_attributes;
  else if (code.service_name && !code.service_name->empty()) config.service_name = *code.service_name;
  if (auto version = env.get("TRACING_SERVICE_VERSION")) config.service_version = trim(*version);
  else if (code.service_version) config.service_version = *code.service_version;
}

void resolve_limits(Loader& env, FinalConfig& config) {
  const auto limit = [&](std::initializer_list<std::string_view> names, std::uint32_t& field, const char* fallback) {
    if (auto value = env.first<std::int64_t>(names, int_at_least(0), "an integer >= 0", fallback)) {
      field = static_cast<std::uint32_t>(*value);
    }
  };
  limit({"OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT"},
        config.limits.attribute_value_length, "no limit");
  limit({"OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "OTEL_ATTRIBUTE_COUNT_LIMIT"}, config.limits.attribute_count, "128");
  limit({"OTEL_SPAN_EVENT_COUNT_LIMIT"}, config.limits.event_count, "128");
  limit({"OTEL_SPAN_LINK_COUNT_LIMIT"}, config.limits.link_count, "128");
  limit({"OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT"}, config.limits.event_attribute_count, "128");
  limit({"OTEL_LINK_ATTRIBUTE_COUNT_LIMIT"}, config.limits.link_attribute_count, "128");
}

}  // namespace

LoadedConfig finalize(const Config& code, const EnvLookup& env) {
  LoadedConfig loaded;
  FinalConfig& config = loaded.config;
  Loader loader(env, loaded.diagnostics);
  // Enabled: TRACING_ENABLED > OTEL_SDK_DISABLED > code > false.
  if (auto enabled = loader.first<bool>({"TRACING_ENABLED"}, as_bool, "true or false", "false")) {
    config.enabled = *enabled;
  } else if (auto disabled = loader.first<bool>({"OTEL_SDK_DISABLED"}, as_bool, "true or false", "false")) {
    config.enabled = !*disabled && code.enabled.value_or(false);
  } else if (code.enabled) {
    config.enabled = *code.enabled;
  }
  config.exporters.clear();
  bool otel_only = false;
  resolve_exporters(loader, code, config, otel_only);
  resolve_resource(loader, code, config);
  resolve_sampling(loader, code, config);
  resolve_processing(loader, code, config);
  resolve_headers_and_compression(loader, config);
  resolve_propagators(loader, code, config);
  resolve_limits(loader, config);
  return loaded;
}

std::string describe(const LoadedConfig& loaded, const EnvLookup& env) {
  const FinalConfig& config = loaded.config;
  std::ostringstream out;
  out << "tracing: " << (config.enabled ? "enabled" : "disabled") << "\n";
  for (const auto& exporter : config.exporters) {
    out << "  exporter: " << to_string(exporter.provider);
    if (!exporter.endpoint.empty()) out << " -> " << exporter.endpoint;
    if (exporter.provider == Provider::otlp) out << " (" << to_string(exporter.otlp_protocol) << ")";
    out << "\n";
  }
  out << "  service: " << config.service_name;
  if (!config.service_version.empty()) out << " " << config.service_version;
  out << "\n  sampler: "
      << (config.root_sampler == RootSampler::always_on    ? std::string("always_on")
          : config.root_sampler == RootSampler::always_off ? std::string("always_off")
                                                           : "ratio " + std::to_string(config.sample_rate))
      << (config.parent_based ? " (parent-based)" : "") << "; keep errors: " << (config.sample_errors ? "yes" : "no")
      << "; keep slower than: " << config.slow_threshold.count() << " ms\n";
  out << "  batch: " << config.batch_size << " spans or " << config.batch_timeout.count() << " ms; queue "
      << config.max_queue_size << "; export timeout " << config.export_timeout.count() << " ms\n";
  out << "  propagators:";
  for (const auto& name : config.propagators) out << " " << name;
  out << "\nvariables:\n";
  for (const auto& row : config_registry()) {
    const auto value = env ? env(row.name) : std::nullopt;
    out << "  " << row.name << " = ";
    if (value && !trim(*value).empty()) {
      out << *value << " (environment)";
    } else {
      out << (row.default_value.empty() ? "unset" : std::string(row.default_value)) << " (default)";
    }
    out << "\n";
  }
  for (const auto& diagnostic : loaded.diagnostics) out << "diagnostic: " << diagnostic.message() << "\n";
  return out.str();
}

}  // namespace parley::tracing
