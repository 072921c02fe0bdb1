// Builds the exporters a FinalConfig names. One place maps Provider values to
// encoder + transport pairs; a provider that cannot be built yields a
// diagnostic line and is skipped (tracing keeps running with the others).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parley/tracing/config.h"
#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

struct BuiltExporters {
  std::vector<std::unique_ptr<SpanExporter>> exporters;
  std::vector<std::string> errors;
};

BuiltExporters build_exporters(const FinalConfig& config);

// One exporter; null with `error` set when it cannot be built.
std::unique_ptr<SpanExporter> build_exporter(const ExporterConfig& exporter, const FinalConfig& config, std::string& error);

// Per-format builders, each defined beside its format (export/<format>/).
std::unique_ptr<SpanExporter> make_console_exporter(const ExporterConfig& exporter, const FinalConfig& config, std::string& error);
std::unique_ptr<SpanExporter> make_file_exporter(const ExporterConfig& exporter, const FinalConfig& config, std::string& error);
std::unique_ptr<SpanExporter> make_otlp_exporter(const ExporterConfig& exporter, const FinalConfig& config, std::string& error);
std::unique_ptr<SpanExporter> make_zipkin_exporter(const ExporterConfig& exporter, const FinalConfig& config, std::string& error);
std::unique_ptr<SpanExporter> make_jaeger_exporter(const ExporterConfig& exporter, const FinalConfig& config, std::string& error);

}  // namespace parley::tracing::detail
