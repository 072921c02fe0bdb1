// Builders for the network providers until their exporters are part of the
// build: tracing keeps running with the other exporters and says so once.
#include "export/factory.h"

namespace parley::tracing::detail {
namespace {
std::unique_ptr<SpanExporter> unavailable(const ExporterConfig& exporter, std::string& error) {
  error = "the " + std::string(to_string(exporter.provider)) + " exporter is not part of this build; " +
          "spans for " + exporter.endpoint + " are not sent (use TRACING_PROVIDER=console or file)";
  return nullptr;
}
}  // namespace

std::unique_ptr<SpanExporter> make_otlp_exporter(const ExporterConfig& e, const FinalConfig&, std::string& error) {
  return unavailable(e, error);
}
std::unique_ptr<SpanExporter> make_zipkin_exporter(const ExporterConfig& e, const FinalConfig&, std::string& error) {
  return unavailable(e, error);
}
std::unique_ptr<SpanExporter> make_jaeger_exporter(const ExporterConfig& e, const FinalConfig&, std::string& error) {
  return unavailable(e, error);
}

}  // namespace parley::tracing::detail
