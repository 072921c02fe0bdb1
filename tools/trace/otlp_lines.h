// Reading the file exporter's output: OTLP JSON lines.
//
// Each line of a traces file is one ExportTraceServiceRequest in the OTLP
// JSON mapping (resourceSpans[].resource.attributes,
// resourceSpans[].scopeSpans[].spans[]), which is what Parley's file provider
// and the OpenTelemetry Collector's file exporter write. parse_otlp_line()
// turns one line into span summaries (the model of the trace tree in
// export/console/trace_tree.h) plus the few attributes the service map needs.
//
// Input is untrusted: nothing here throws, and a bad line or span becomes a
// problem string instead of a span. Ids are accepted in either hex case;
// times as decimal strings (the JSON mapping of uint64) or numbers; kind and
// status code as numbers or their enum names.
#pragma once

#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "export/console/trace_tree.h"

namespace parley::tools {

struct ParsedSpan {
  tracing::detail::SpanSummary summary;
  // Span attributes as text (strings unquoted, numbers and booleans as JSON).
  std::vector<std::pair<std::string, std::string>> attributes;

  // The value of `key`, or empty.
  std::string_view attribute(std::string_view key) const noexcept;
};

struct ParsedLine {
  std::vector<ParsedSpan> spans;
  // Why the line (when `spans` is empty) or some of its spans were skipped.
  std::vector<std::string> problems;
  // False when the line is not an ExportTraceServiceRequest at all.
  bool valid = false;
};

// Parses one line (no trailing newline needed). A blank line is valid and
// holds no spans.
ParsedLine parse_otlp_line(std::string_view line);

struct ReadSummary {
  std::size_t lines = 0;
  std::size_t bad_lines = 0;   // lines skipped entirely
  std::size_t spans = 0;       // spans appended
  std::size_t bad_spans = 0;   // spans skipped inside valid lines
};

// Reads every line of `input`, appending its spans to `spans`. Each problem
// is reported once as "<source>:<line number>: <what>" (the line or span is
// skipped and reading goes on).
ReadSummary read_otlp_lines(std::istream& input, std::string_view source, std::vector<ParsedSpan>& spans,
                            const std::function<void(const std::string&)>& report);

}  // namespace parley::tools
