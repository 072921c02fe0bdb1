// Uses only the installed public headers: configure from code, record one
// span into a custom exporter, and check what arrived.
#include <parley/tracing/provider.h>
#include <parley/tracing/tracer.h>

#include <cstdio>
#include <memory>
#include <string>

namespace {

class CountingExporter final : public parley::tracing::SpanExporter {
 public:
  explicit CountingExporter(std::string* last_name) : last_name_(last_name) {}
  std::string_view name() const noexcept override { return "counting"; }
  parley::tracing::ExportResult export_spans(std::span<const parley::tracing::SpanData* const> batch,
                                             const parley::tracing::Resource&) noexcept override {
    for (const auto* span : batch) *last_name_ = std::string(span->name());
    return parley::tracing::ExportResult::success;
  }

 private:
  std::string* last_name_;
};

}  // namespace

int main() {
  std::string last_name;
  parley::tracing::FinalConfig config;
  config.enabled = true;
  config.root_sampler = parley::tracing::RootSampler::always_on;
  std::vector<std::unique_ptr<parley::tracing::SpanExporter>> exporters;
  exporters.push_back(std::make_unique<CountingExporter>(&last_name));
  parley::tracing::init(config, std::move(exporters));
  {
    auto span = parley::tracing::get_tracer("consumer").start_as_current_span("consumer.work");
    span.set_attribute("answer", 42);
  }
  parley::tracing::shutdown();
  if (last_name != "consumer.work") {
    std::fprintf(stderr, "consumer: expected span 'consumer.work', got '%s'\n", last_name.c_str());
    return 1;
  }
  std::puts("consumer: ok");
  return 0;
}
