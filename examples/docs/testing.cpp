// docs/TRACING.md, "Testing": the seed's test_tracing, and a hermetic set-up
// for tests: configuration that ignores the process environment and an
// exporter that keeps what it is given in memory. Exits 1 on a failed check.
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <parley/tracing/config.h>
#include <parley/tracing/exporter.h>
#include <parley/tracing/provider.h>
#include <parley/tracing/span_data.h>
#include <parley/tracing/tracer.h>

namespace {

// [doc:collecting_exporter]
// Keeps the name of every exported span. Runs on the export thread; read the
// names after force_flush() or shutdown().
class CollectingExporter final : public parley::tracing::SpanExporter {
 public:
  explicit CollectingExporter(std::shared_ptr<std::vector<std::string>> names) : names_(std::move(names)) {}
  std::string_view name() const noexcept override { return "collecting"; }
  parley::tracing::ExportResult export_spans(std::span<const parley::tracing::SpanData* const> batch,
                                             const parley::tracing::Resource& /*resource*/) noexcept override {
    try {
      for (const auto* span : batch) names_->emplace_back(span->name());  // copy: records are reused
      return parley::tracing::ExportResult::success;
    } catch (...) {
      return parley::tracing::ExportResult::failure;  // must not throw
    }
  }

 private:
  std::shared_ptr<std::vector<std::string>> names_;
};
// [/doc:collecting_exporter]

// [doc:test_tracing]
bool test_tracing() {
  auto& tracer = parley::tracing::get_tracer("test");

  auto span = tracer.start_as_current_span("test_operation");
  span.set_attribute("test", "value");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));

  return span.is_recording();  // tracing is on and this trace is sampled
}
// [/doc:test_tracing]

}  // namespace

int main() {
  // [doc:test_setup]
  parley::tracing::Config code;
  code.enabled = true;
  code.sample_rate = 1.0;
  const auto no_environment = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
  const auto loaded = parley::tracing::finalize(code, no_environment);  // the same result on every machine

  auto names = std::make_shared<std::vector<std::string>>();
  std::vector<std::unique_ptr<parley::tracing::SpanExporter>> exporters;
  exporters.push_back(std::make_unique<CollectingExporter>(names));
  parley::tracing::init(loaded.config, std::move(exporters));  // these exporters instead of the configured ones
  // [/doc:test_setup]

  int failures = 0;
  if (!test_tracing()) ++failures;

  // [doc:test_check]
  parley::tracing::force_flush();  // everything ended so far is exported
  const bool exported = names->size() == 1 && names->front() == "test_operation";
  // [/doc:test_check]
  if (!exported) ++failures;

  parley::tracing::shutdown();
  if (failures != 0) std::fprintf(stderr, "testing: %d check(s) failed\n", failures);
  else std::printf("test_tracing: the span was recorded and exported\n");
  return failures == 0 ? 0 : 1;
}
