// Builders for the network providers: an encoder + the HTTP transport
// wrapped in retry/back-off/circuit breaking.
#include "config/parse.h"
#include <atomic>

#include "export/factory.h"
#include "export/grpc_hook.h"
#include "export/jaeger/jaeger_thrift_encoder.h"
#include "export/jaeger/jaeger_udp_exporter.h"
#include "export/otlp/otlp_json_encoder.h"
#include "export/otlp/otlp_proto_encoder.h"
#include "export/zipkin/zipkin_json_encoder.h"
#include "transport/http_transport.h"
#include "transport/resilient_transport.h"

namespace parley::tracing::detail {
namespace {

std::unique_ptr<SpanExporter> http_exporter(std::string name, std::unique_ptr<SpanEncoder> encoder, std::string url,
                                            const FinalConfig& config) {
  HttpOptions options;
  options.url = std::move(url);
  options.headers = config.headers;
  options.compression = config.compression;
  options.timeout = config.export_timeout;
  auto transport = std::make_unique<ResilientTransport>(std::make_unique<HttpTransport>(std::move(options)),
                                                        RetryPolicy{}, name);
  return std::make_unique<EncodingExporter>(std::move(name), std::move(encoder), std::move(transport),
                                            config.export_timeout);
}

std::atomic<GrpcTransportFactory> g_grpc_factory{nullptr};

std::unique_ptr<SpanExporter> otlp_grpc(const std::string& endpoint, const FinalConfig& config, std::string& error) {
  const GrpcTransportFactory factory = g_grpc_factory.load(std::memory_order_acquire);
  if (factory == nullptr) {
    error = "OTLP/gRPC (" + endpoint + ") is not linked into this program; spans are not sent there. " +
            "Link parley::tracing_otlp_grpc and call enable_otlp_grpc(), or use OTLP/HTTP: " +
            "TRACING_OTLP_PROTOCOL=http/protobuf with TRACING_ENDPOINT=http://<host>:4318/v1/traces";
    return nullptr;
  }
  auto transport = factory(endpoint, config, error);
  if (!transport) return nullptr;
  auto resilient = std::make_unique<ResilientTransport>(std::move(transport), RetryPolicy{}, "otlp");
  return std::make_unique<EncodingExporter>("otlp", std::make_unique<OtlpProtoEncoder>(), std::move(resilient),
                                            config.export_timeout);
}

std::unique_ptr<SpanExporter> otlp_http(const std::string& endpoint, OtlpProtocol protocol, const FinalConfig& config) {
  if (protocol == OtlpProtocol::http_json) {
    return http_exporter("otlp", std::make_unique<OtlpJsonEncoder>(), endpoint, config);
  }
  return http_exporter("otlp", std::make_unique<OtlpProtoEncoder>(), endpoint, config);
}

}  // namespace

void set_grpc_transport_factory(GrpcTransportFactory factory) noexcept {
  g_grpc_factory.store(factory, std::memory_order_release);
}
GrpcTransportFactory grpc_transport_factory() noexcept { return g_grpc_factory.load(std::memory_order_acquire); }

std::unique_ptr<SpanExporter> make_otlp_exporter(const ExporterConfig& exporter, const FinalConfig& config,
                                                 std::string& error) {
  if (exporter.otlp_protocol == OtlpProtocol::grpc) return otlp_grpc(exporter.endpoint, config, error);
  return otlp_http(exporter.endpoint, exporter.otlp_protocol, config);
}

std::unique_ptr<SpanExporter> make_zipkin_exporter(const ExporterConfig& exporter, const FinalConfig& config,
                                                   std::string&) {
  return http_exporter("zipkin", std::make_unique<ZipkinJsonEncoder>(), exporter.endpoint, config);
}

std::unique_ptr<SpanExporter> make_jaeger_exporter(const ExporterConfig& exporter, const FinalConfig& config,
                                                   std::string& error) {
  const auto url = parse_url(exporter.endpoint);
  if (url && url->scheme == "udp") return std::make_unique<JaegerUdpExporter>(url->host, url->port);
  // A Jaeger endpoint on an OTLP port speaks OTLP (Jaeger v2 recommends it).
  if (url && url->port == 4317) return otlp_grpc(exporter.endpoint, config, error);
  if (url && url->port == 4318) {
    std::string target = exporter.endpoint;
    if (url->path.empty() || url->path == "/") target = "http://" + url->host + ":4318/v1/traces";
    return otlp_http(target, OtlpProtocol::http_protobuf, config);
  }
  return http_exporter("jaeger", std::make_unique<JaegerThriftEncoder>(), exporter.endpoint, config);
}

}  // namespace parley::tracing::detail
