// libFuzzer target: one line of a traces file through parley-trace's reader,
// the trace grouping and critical-path analysis, and the service map.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../../tools/trace/otlp_lines.h"
#include "../../tools/trace/service_map.h"
#include "../../tools/trace/trace_set.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  auto parsed = parley::tools::parse_otlp_line(line);
  const auto traces = parley::tools::group_traces(std::move(parsed.spans));
  std::vector<const parley::tools::Trace*> all;
  for (const auto& trace : traces) {
    all.push_back(&trace);
    (void)parley::tracing::detail::render_trace(trace.summaries, trace.analysis);
  }
  const auto map = parley::tools::build_service_map(all);
  (void)parley::tools::render_service_summary(map);
  (void)parley::tools::render_mermaid(map);
  return 0;
}
