// Config + environment -> FinalConfig + diagnostics: the entry point, and the
// settings about the service itself (enabled, resource, sampler, propagators).
#include <algorithm>

#include "config/parse.h"
#include "config/resolver.h"

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

using detail::Resolver;
using detail::Rule;
using detail::Sourced;

void resolve_enabled(Resolver& resolver, const Config& code, FinalConfig& config) {
  const auto rule = detail::bool_rule();
  Sourced<bool> enabled{false, "default"};
  if (auto found = detail::pick(resolver, {"TRACING_ENABLED"}, rule)) {
    enabled = *found;
  } else if (auto disabled = detail::pick(resolver, {"OTEL_SDK_DISABLED"}, rule); disabled && disabled->value) {
    enabled = {false, disabled->source};
  } else if (code.enabled) {
    enabled = {*code.enabled, "code"};
  }
  config.enabled = enabled.value;
  // OTEL_SDK_DISABLED speaks the other way round: its line shows !enabled.
  resolver.settle({"OTEL_SDK_DISABLED"}, enabled.value ? "false" : "true", enabled.source);
  resolver.settle({"TRACING_ENABLED"}, enabled.value ? "true" : "false", enabled.source);
}

Rule<std::string> text_rule() {
  return Rule<std::string>{[](const std::string& text) -> std::optional<std::string> {
                             std::string value = detail::trim(text);
                             if (!detail::is_plain_text(value)) return std::nullopt;
                             return value;
                           },
                           [](const std::string& text) { return detail::is_plain_text(text); },
                           [](const std::string& text) { return text.empty() ? std::string("none") : text; },
                           "text without control characters"};
}

std::optional<std::string> non_empty(const std::optional<std::string>& text) {
  if (!text || detail::trim(*text).empty()) return std::nullopt;
  return text;
}

// Keys, service.name and service.version must be plain text; other values are data.
std::optional<detail::KeyValues> resource_attributes(const std::string& text) {
  auto pairs = detail::parse_key_values(text);
  if (!pairs) return std::nullopt;
  for (const auto& [key, value] : *pairs) {
    const bool named = key == "service.name" || key == "service.version";
    if (!detail::is_plain_text(key) || (named && !detail::is_plain_text(value))) return std::nullopt;
  }
  return pairs;
}

// OTEL_RESOURCE_ATTRIBUTES; service.name and service.version go to their fields' chains.
void resolve_resource(Resolver& resolver, const Config& code, FinalConfig& config) {
  std::optional<std::string> attribute_name;
  std::optional<std::string> attribute_version;
  const auto found = resolver.first({"OTEL_RESOURCE_ATTRIBUTES"}, resource_attributes,
                                    "key=value pairs separated by commas, with ',', '=' and '%' percent-encoded; "
                                    "no control characters in keys, service.name or service.version");
  std::vector<std::string> shown;
  for (const auto& [key, value] : found ? found->value : detail::KeyValues{}) {
    shown.push_back(key + "=" + value);
    if (key == "service.name") attribute_name = value;
    else if (key == "service.version") attribute_version = value;
    else config.resource_attributes.emplace_back(key, value);
  }
  resolver.settle({"OTEL_RESOURCE_ATTRIBUTES"}, detail::join_or_none(shown), found ? found->source : "default");

  const auto rule = text_rule();
  auto name = detail::pick(resolver, {"TRACING_SERVICE_NAME", "OTEL_SERVICE_NAME"}, rule);
  if (!name && attribute_name && !attribute_name->empty()) name = Sourced<std::string>{*attribute_name, "OTEL_RESOURCE_ATTRIBUTES"};
  if (!name) name = detail::pick(resolver, {}, rule, non_empty(code.service_name), "Config::service_name");
  if (name) config.service_name = name->value;
  resolver.settle({"TRACING_SERVICE_NAME", "OTEL_SERVICE_NAME", "Config::service_name"}, config.service_name,
                  name ? name->source : "default");

  auto version = detail::pick(resolver, {"TRACING_SERVICE_VERSION"}, rule);
  if (!version && attribute_version) version = Sourced<std::string>{*attribute_version, "OTEL_RESOURCE_ATTRIBUTES"};
  if (!version) version = detail::pick(resolver, {}, rule, non_empty(code.service_version), "Config::service_version");
  if (version) config.service_version = version->value;
  resolver.settle({"TRACING_SERVICE_VERSION", "Config::service_version"}, rule.format(config.service_version),
                  version ? version->source : "default");
}

struct NamedSampler {
  RootSampler root;
  bool parent_based;
};

std::optional<NamedSampler> sampler_named(const std::string& text) {
  const std::string name = detail::lowercase(detail::trim(text));
  if (name == "always_on") return NamedSampler{RootSampler::always_on, false};
  if (name == "always_off") return NamedSampler{RootSampler::always_off, false};
  if (name == "traceidratio") return NamedSampler{RootSampler::ratio, false};
  if (name == "parentbased_always_on") return NamedSampler{RootSampler::always_on, true};
  if (name == "parentbased_always_off") return NamedSampler{RootSampler::always_off, true};
  if (name == "parentbased_traceidratio") return NamedSampler{RootSampler::ratio, true};
  return std::nullopt;
}

Rule<double> rate_rule() {
  return Rule<double>{[](const std::string& text) { return detail::parse_rate(text); },
                      [](const double& rate) { return rate >= 0.0 && rate <= 1.0; },
                      [](const double& rate) { return detail::format_number(rate); }, "a number from 0.0 to 1.0"};
}

// TRACING_SAMPLE_RATE > OTEL_TRACES_SAMPLER (+ _ARG) > Config::sample_rate > 0.1.
void resolve_sampling(Resolver& resolver, const Config& code, FinalConfig& config) {
  const auto rate = rate_rule();
  std::string text;
  std::string source = "default";
  if (auto found = detail::pick(resolver, {"TRACING_SAMPLE_RATE"}, rate)) {
    config.sample_rate = found->value;
    source = found->source;
  } else if (auto sampler = resolver.first({"OTEL_TRACES_SAMPLER"}, sampler_named,
                                           "always_on, always_off, traceidratio, parentbased_always_on, "
                                           "parentbased_always_off or parentbased_traceidratio")) {
    config.root_sampler = sampler->value.root;
    config.parent_based = sampler->value.parent_based;
    source = sampler->source;
    text = detail::lowercase(detail::trim(*resolver.get("OTEL_TRACES_SAMPLER")));
    if (config.root_sampler == RootSampler::ratio) {
      const auto arg = detail::pick(resolver, {"OTEL_TRACES_SAMPLER_ARG"}, rate);
      config.sample_rate = arg ? arg->value : 1.0;
      text += " " + detail::format_number(config.sample_rate);
    }
  } else if (auto from_code = detail::pick(resolver, {}, rate, code.sample_rate, "Config::sample_rate")) {
    config.sample_rate = from_code->value;
    source = "code";
  }
  if (text.empty()) text = detail::format_number(config.sample_rate);
  resolver.settle({"TRACING_SAMPLE_RATE", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "Config::sample_rate"}, text,
                  source);
}

constexpr std::string_view kPropagators[] = {"tracecontext", "baggage", "b3", "b3multi", "jaeger"};

// Known propagators of a list, deduplicated; "none" alone means none. An
// unknown name is diagnosed once for the whole value.
std::optional<std::vector<std::string>> propagator_list(Resolver& resolver, std::string_view variable,
                                                        const std::string& text) {
  std::vector<std::string> chosen;
  const auto names = detail::parse_list(text);
  bool bad = names.empty();
  bool none = false;
  for (const auto& name : names) {
    if (name == "none") none = true;
    else if (std::find(std::begin(kPropagators), std::end(kPropagators), name) == std::end(kPropagators)) bad = true;
    else if (std::find(chosen.begin(), chosen.end(), name) == chosen.end()) chosen.push_back(name);
  }
  if (bad) resolver.reject(variable, text, "a comma list of tracecontext, baggage, b3, b3multi, jaeger, none");
  if (chosen.empty() && !none) return std::nullopt;
  return chosen;
}

// TRACING_PROPAGATORS > OTEL_PROPAGATORS > Config::propagators >
// tracecontext,baggage plus the providers' native formats.
void resolve_propagators(Resolver& resolver, const Config& code, FinalConfig& config) {
  std::optional<Sourced<std::vector<std::string>>> chosen;
  for (const auto variable : {std::string_view("TRACING_PROPAGATORS"), std::string_view("OTEL_PROPAGATORS")}) {
    if (chosen) break;
    if (auto text = resolver.get(variable)) {
      if (auto list = propagator_list(resolver, variable, *text)) chosen = {std::move(*list), std::string(variable)};
    }
  }
  if (!chosen && non_empty(code.propagators)) {
    if (auto list = propagator_list(resolver, "Config::propagators", *code.propagators)) chosen = {*list, "code"};
  }
  if (!chosen) {
    chosen = {{"tracecontext", "baggage"}, "default"};
    for (const auto& exporter : config.exporters) {
      if (exporter.provider == Provider::zipkin) chosen->value.emplace_back("b3multi");
      if (exporter.provider == Provider::jaeger) chosen->value.emplace_back("jaeger");
    }
  }
  config.propagators = std::move(chosen->value);
  resolver.settle({"TRACING_PROPAGATORS", "OTEL_PROPAGATORS", "Config::propagators"},
                  detail::join_or_none(config.propagators), chosen->source);
}

// Origins in registry order; a diagnostic never left without its fallback.
void tidy(LoadedConfig& loaded) {
  const auto registry = config_registry();
  const auto rank = [&](const SettingOrigin& origin) {
    return std::find_if(registry.begin(), registry.end(),
                        [&](const VariableInfo& row) { return row.name == origin.variable; }) -
           registry.begin();
  };
  std::stable_sort(loaded.origins.begin(), loaded.origins.end(),
                   [&](const SettingOrigin& a, const SettingOrigin& b) { return rank(a) < rank(b); });
  for (auto& diagnostic : loaded.diagnostics) {
    if (diagnostic.fallback.empty()) diagnostic.fallback = "the default";
  }
}

}  // namespace

LoadedConfig finalize(const Config& code, const EnvLookup& env) {
  LoadedConfig loaded;
  try {
    FinalConfig& config = loaded.config;
    Resolver resolver(env, loaded);
    resolve_enabled(resolver, code, config);
    detail::resolve_exporters(resolver, code, config);
    resolve_resource(resolver, code, config);
    resolve_sampling(resolver, code, config);
    detail::resolve_processing(resolver, code, config);
    detail::resolve_export_options(resolver, code, config);
    resolve_propagators(resolver, code, config);
    detail::resolve_limits(resolver, config);
    tidy(loaded);
  } catch (const std::exception& error) {  // only allocation can fail here; tracing stays off
    loaded = LoadedConfig{};
    loaded.config.enabled = false;
    loaded.diagnostics.push_back(Diagnostic{"configuration", "", "", std::string("defaults, tracing off: ") + error.what()});
  }
  return loaded;
}

}  // namespace parley::tracing
