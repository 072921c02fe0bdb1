// Providers, their endpoints and the OTLP protocol.
//
// Providers: TRACING_PROVIDER > OTEL_TRACES_EXPORTER > Config::provider >
// jaeger. TRACING_ENDPOINT (then Config::endpoint) serves the first provider
// that takes an endpoint; a file provider with TRACING_FILE_PATH set takes
// its path from there and leaves TRACING_ENDPOINT to the next one. An OTLP/HTTP
// endpoint given without a path gets /v1/traces. The OTLP
// exporter also reads the OTEL_EXPORTER_OTLP_* endpoints with the spec's URL
// rules, Zipkin reads OTEL_EXPORTER_ZIPKIN_ENDPOINT.
#include <algorithm>

#include "config/parse.h"
#include "config/resolver.h"

namespace parley::tracing::detail {
namespace {

constexpr std::string_view kJaegerDefault = "http://localhost:14268/api/traces";
constexpr std::string_view kZipkinDefault = "http://localhost:9411/api/v2/spans";
constexpr std::string_view kOtlpGrpcDefault = "http://localhost:4317";
constexpr std::string_view kOtlpHttpDefault = "http://localhost:4318/v1/traces";
constexpr std::string_view kFileDefault = "./traces.jsonl";

constexpr std::string_view kTracingProviders = "a comma list of jaeger, zipkin, otlp, console, file, none";
constexpr std::string_view kOtelExporters = "a comma list of otlp, zipkin, console, logging, none";
constexpr std::string_view kProtocols = "grpc, http/protobuf or http/json";

constexpr std::string_view kOtlpTracesEndpoint = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
constexpr std::string_view kOtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
constexpr std::string_view kZipkinEndpoint = "OTEL_EXPORTER_ZIPKIN_ENDPOINT";
const std::vector<std::string_view> kProtocolVariables = {
    "TRACING_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"};

std::optional<Provider> provider_named(std::string_view name, bool otel) {
  if (name == "otlp") return Provider::otlp;
  if (name == "zipkin") return Provider::zipkin;
  if (name == "console" || (otel && name == "logging")) return Provider::console;
  if (name == "none") return Provider::none;
  if (!otel && name == "jaeger") return Provider::jaeger;
  if (!otel && name == "file") return Provider::file;
  return std::nullopt;
}

std::optional<OtlpProtocol> as_protocol(const std::string& text) {
  const std::string name = lowercase(trim(text));
  if (name == "grpc") return OtlpProtocol::grpc;
  if (name == "http/protobuf") return OtlpProtocol::http_protobuf;
  if (name == "http/json") return OtlpProtocol::http_json;
  return std::nullopt;
}

// The known providers of a list (deduplicated). An unknown item is diagnosed
// once for the whole value; nullopt when nothing known remains.
std::optional<std::vector<Provider>> provider_list(Resolver& resolver, std::string_view variable,
                                                   const std::string& text, bool otel) {
  std::vector<Provider> providers;
  const auto names = parse_list(text);
  bool bad = names.empty();
  for (const auto& name : names) {
    const auto provider = provider_named(name, otel);
    if (!provider) bad = true;
    else if (std::find(providers.begin(), providers.end(), *provider) == providers.end()) providers.push_back(*provider);
  }
  if (bad) resolver.reject(variable, text, otel ? kOtelExporters : kTracingProviders);
  if (providers.empty()) return std::nullopt;
  return providers;
}

Sourced<std::vector<Provider>> choose_providers(Resolver& resolver, const Config& code) {
  for (const auto variable : {std::string_view("TRACING_PROVIDER"), std::string_view("OTEL_TRACES_EXPORTER")}) {
    if (auto text = resolver.get(variable)) {
      if (auto list = provider_list(resolver, variable, *text, variable != "TRACING_PROVIDER")) {
        return {std::move(*list), std::string(variable)};
      }
    }
  }
  if (code.provider && !trim(*code.provider).empty()) {
    if (auto list = provider_list(resolver, "Config::provider", *code.provider, false)) return {*list, "code"};
  }
  return {{Provider::jaeger}, "default"};
}

bool http_url(const std::optional<Url>& url) { return url && (url->scheme == "http" || url->scheme == "https"); }

bool endpoint_valid(Provider provider, const std::string& endpoint) {
  if (provider == Provider::file) return is_plain_text(endpoint);
  const auto url = parse_url(endpoint);
  if (http_url(url)) return true;
  return provider == Provider::jaeger && url && url->scheme == "udp" && url->port != 0 &&
         (url->path.empty() || url->path == "/");
}

std::string_view endpoint_accepted(Provider provider) {
  switch (provider) {
    case Provider::jaeger: return "an http(s) URL with a host, or udp://host:port for the Jaeger agent";
    case Provider::otlp:
      return "an http(s) URL with a host and a port from 1 to 65535; for gRPC too, e.g. http://host:4317";
    case Provider::file: return "a file path without control characters";
    default: return "an http(s) URL with a host and a port from 1 to 65535";
  }
}

std::string default_endpoint(Provider provider, OtlpProtocol protocol) {
  switch (provider) {
    case Provider::jaeger: return std::string(kJaegerDefault);
    case Provider::zipkin: return std::string(kZipkinDefault);
    case Provider::otlp: return std::string(protocol == OtlpProtocol::grpc ? kOtlpGrpcDefault : kOtlpHttpDefault);
    case Provider::file: return std::string(kFileDefault);
    default: return {};
  }
}

// The protocol an OTLP endpoint implies: :4317 -> grpc; :4318 or /v1/traces -> http/protobuf.
std::optional<OtlpProtocol> protocol_from_endpoint(const std::string& endpoint) {
  const auto url = parse_url(endpoint);
  if (!url) return std::nullopt;
  if (url->port == 4317) return OtlpProtocol::grpc;
  if (url->port == 4318 || url->path.ends_with("/v1/traces")) return OtlpProtocol::http_protobuf;
  return std::nullopt;
}

enum class UrlKind : std::uint8_t { as_is, signal, base };

struct Candidate {
  std::string_view source;  // variable, or "code"
  std::string text;
  UrlKind kind = UrlKind::as_is;
};

// The endpoint sources of one exporter, in precedence order.
std::vector<Candidate> candidates(const Resolver& resolver, Provider provider, bool takes_shared, const Config& code) {
  std::vector<Candidate> list;
  const auto add = [&](std::string_view variable, UrlKind kind) {
    if (auto text = resolver.get(variable)) list.push_back({variable, trim(*text), kind});
  };
  if (provider == Provider::file) add("TRACING_FILE_PATH", UrlKind::as_is);
  if (takes_shared) add("TRACING_ENDPOINT", UrlKind::as_is);
  if (provider == Provider::otlp) {
    add(kOtlpTracesEndpoint, UrlKind::signal);
    add(kOtlpEndpoint, UrlKind::base);
  }
  if (provider == Provider::zipkin) add(kZipkinEndpoint, UrlKind::as_is);
  if (takes_shared && code.endpoint && !trim(*code.endpoint).empty()) list.push_back({"code", trim(*code.endpoint)});
  return list;
}

// The variables whose origin is this exporter's endpoint.
std::vector<std::string_view> endpoint_names(Provider provider, bool takes_shared) {
  std::vector<std::string_view> names;
  if (takes_shared) names.push_back("TRACING_ENDPOINT");
  if (provider == Provider::otlp) names.insert(names.end(), {kOtlpTracesEndpoint, kOtlpEndpoint});
  if (provider == Provider::zipkin) names.push_back(kZipkinEndpoint);
  if (provider == Provider::file) names.push_back("TRACING_FILE_PATH");
  if (takes_shared) names.push_back("Config::endpoint");
  return names;
}

// OTEL_EXPORTER_OTLP_ENDPOINT is a base: v1/traces is appended for HTTP (never twice).
std::string otlp_signal_url(std::string url, OtlpProtocol protocol) {
  if (protocol == OtlpProtocol::grpc || url.ends_with("/v1/traces")) return url;
  if (!url.ends_with('/')) url += '/';
  return url.ends_with("/v1/") ? url + "traces" : url + "v1/traces";
}

struct Chosen {
  std::optional<Candidate> candidate;
  std::string endpoint;
  OtlpProtocol protocol = OtlpProtocol::grpc;
};

Chosen choose_endpoint(Resolver& resolver, const ExporterConfig& exporter, bool takes_shared, const Config& code,
                       const std::optional<Sourced<OtlpProtocol>>& explicit_protocol, bool otel_only) {
  Chosen chosen;
  for (auto& candidate : candidates(resolver, exporter.provider, takes_shared, code)) {
    if (endpoint_valid(exporter.provider, candidate.text)) {
      chosen.candidate = std::move(candidate);
      break;
    }
    resolver.reject(candidate.source == "code" ? "Config::endpoint" : candidate.source, candidate.text,
                    endpoint_accepted(exporter.provider));
  }
  chosen.protocol = otel_only ? OtlpProtocol::http_protobuf : OtlpProtocol::grpc;
  if (chosen.candidate) {
    if (auto implied = protocol_from_endpoint(chosen.candidate->text)) chosen.protocol = *implied;
  }
  if (explicit_protocol) chosen.protocol = explicit_protocol->value;
  if (!chosen.candidate) {
    chosen.endpoint = default_endpoint(exporter.provider, chosen.protocol);
  } else if (chosen.candidate->kind == UrlKind::base && exporter.provider == Provider::otlp) {
    chosen.endpoint = otlp_signal_url(chosen.candidate->text, chosen.protocol);
  } else {
    chosen.endpoint = chosen.candidate->text;
    const std::string path = exporter.provider == Provider::file ? "-" : parse_url(chosen.endpoint)->path;
    if (chosen.candidate->kind == UrlKind::signal && chosen.protocol != OtlpProtocol::grpc && path.empty()) {
      chosen.endpoint += '/';
    }
    // TRACING_ENDPOINT or code naming only the OTLP/HTTP server: add the traces path.
    if (chosen.candidate->kind == UrlKind::as_is && exporter.provider == Provider::otlp &&
        chosen.protocol != OtlpProtocol::grpc && (path.empty() || path == "/")) {
      chosen.endpoint = otlp_signal_url(chosen.endpoint, chosen.protocol);
    }
  }
  return chosen;
}

bool takes_endpoint(Provider provider) {
  return provider == Provider::jaeger || provider == Provider::zipkin || provider == Provider::otlp ||
         provider == Provider::file;
}

void settle_protocol(Resolver& resolver, const ExporterConfig& exporter, const Chosen& chosen,
                     const std::optional<Sourced<OtlpProtocol>>& explicit_protocol) {
  std::string source = "default";
  if (explicit_protocol) source = explicit_protocol->source;
  else if (chosen.candidate && protocol_from_endpoint(chosen.candidate->text)) source = "implied by the endpoint";
  resolver.settle(kProtocolVariables, std::string(to_string(exporter.otlp_protocol)), source);
}

void mark_unused(Resolver& resolver, const std::vector<Provider>& providers) {
  const auto has = [&](Provider p) { return std::find(providers.begin(), providers.end(), p) != providers.end(); };
  if (!has(Provider::otlp)) {
    resolver.unused({kOtlpTracesEndpoint, kOtlpEndpoint}, "no otlp provider");
    resolver.unused(kProtocolVariables, "no otlp provider");
  }
  if (!has(Provider::zipkin)) resolver.unused({kZipkinEndpoint}, "no zipkin provider");
  if (!has(Provider::file)) resolver.unused({"TRACING_FILE_PATH"}, "no file provider");
  resolver.unused({"TRACING_ENDPOINT"}, "no provider takes an endpoint");
}

}  // namespace

void resolve_exporters(Resolver& resolver, const Config& code, FinalConfig& config) {
  auto chosen_providers = choose_providers(resolver, code);
  std::vector<Provider>& providers = chosen_providers.value;
  providers.erase(std::remove(providers.begin(), providers.end(), Provider::none), providers.end());
  std::vector<std::string> names;
  for (const Provider provider : providers) names.emplace_back(to_string(provider));
  resolver.settle({"TRACING_PROVIDER", "OTEL_TRACES_EXPORTER", "Config::provider"}, join_or_none(names),
                  chosen_providers.source);

  const bool otel_only = chosen_providers.source == "OTEL_TRACES_EXPORTER";
  const bool file_has_own_path = resolver.get("TRACING_FILE_PATH").has_value();
  std::optional<Sourced<OtlpProtocol>> explicit_protocol;
  if (std::find(providers.begin(), providers.end(), Provider::otlp) != providers.end()) {
    explicit_protocol = resolver.first(
        {kProtocolVariables[0], kProtocolVariables[1], kProtocolVariables[2]}, as_protocol, kProtocols);
  }
  bool shared_taken = false;
  config.exporters.clear();
  for (const Provider provider : providers) {
    ExporterConfig exporter;
    exporter.provider = provider;
    const bool takes_shared =
        !shared_taken && takes_endpoint(provider) && !(provider == Provider::file && file_has_own_path);
    shared_taken = shared_taken || takes_shared;
    if (takes_endpoint(provider)) {
      const Chosen chosen = choose_endpoint(resolver, exporter, takes_shared, code, explicit_protocol, otel_only);
      exporter.endpoint = chosen.endpoint;
      if (provider == Provider::otlp) {
        exporter.otlp_protocol = chosen.protocol;
        settle_protocol(resolver, exporter, chosen, explicit_protocol);
      }
      const std::string_view source = chosen.candidate ? chosen.candidate->source : std::string_view("default");
      resolver.settle(endpoint_names(provider, takes_shared), exporter.endpoint, source);
    }
    config.exporters.push_back(std::move(exporter));
  }
  mark_unused(resolver, providers);
}

}  // namespace parley::tracing::detail
