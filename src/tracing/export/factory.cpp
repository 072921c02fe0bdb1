#include "export/factory.h"

namespace parley::tracing::detail {

std::unique_ptr<SpanExporter> build_exporter(const ExporterConfig& exporter, const FinalConfig& config, std::string& error) {
  switch (exporter.provider) {
    case Provider::console: return make_console_exporter(exporter, config, error);
    case Provider::file: return make_file_exporter(exporter, config, error);
    case Provider::otlp: return make_otlp_exporter(exporter, config, error);
    case Provider::zipkin: return make_zipkin_exporter(exporter, config, error);
    case Provider::jaeger: return make_jaeger_exporter(exporter, config, error);
    case Provider::none: return nullptr;
  }
  return nullptr;
}

BuiltExporters build_exporters(const FinalConfig& config) {
  BuiltExporters built;
  for (const auto& exporter : config.exporters) {
    std::string error;
    auto made = build_exporter(exporter, config, error);
    if (made) {
      built.exporters.push_back(std::move(made));
    } else if (!error.empty()) {
      built.errors.push_back(std::move(error));
    }
  }
  return built;
}

}  // namespace parley::tracing::detail
