// The console exporter: prints each finished local trace as the seed's
// performance tree on stderr (or any sink). Spans are held per trace until the
// local root arrives (children end first); late or orphaned spans are printed
// at force_flush/shutdown, or when more than kMaxPendingTraces are waiting.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "export/console/trace_tree.h"
#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

class ConsoleExporter final : public SpanExporter {
 public:
  using Sink = std::function<void(std::string_view)>;
  static constexpr std::size_t kMaxPendingTraces = 1024;

  // Default sink: stderr, coloured when it is a terminal.
  explicit ConsoleExporter(Sink sink = {});
  std::string_view name() const noexcept override { return "console"; }
  ExportResult export_spans(std::span<const SpanData* const> batch, const Resource& resource) noexcept override;
  bool force_flush(Deadline deadline) noexcept override;
  bool shutdown(Deadline deadline) noexcept override { return force_flush(deadline); }

 private:
  struct Pending {
    std::vector<SpanSummary> spans;
    std::uint64_t arrival = 0;
  };
  void print(std::vector<SpanSummary>& spans);
  Sink sink_;
  bool color_ = false;
  std::map<std::pair<std::uint64_t, std::uint64_t>, Pending> pending_;
  std::uint64_t arrivals_ = 0;
};

}  // namespace parley::tracing::detail
