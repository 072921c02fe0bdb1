// parley-trace: the performance-analysis view of traces written by the file
// provider (OTLP JSON lines). Prints each trace as a tree with its
// bottleneck, then the service dependency summary; --format dot|mermaid
// prints the service map instead.
//
//   parley-trace traces.jsonl --min-duration 500ms
//   parley-trace --trace-id 4bf92f35 traces.jsonl
//   parley-trace --format dot traces.jsonl | dot -Tsvg > services.svg
//
// Exit status: 0 when some span was read, 1 when an input cannot be opened,
// 2 when the input held no valid span.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "otlp_lines.h"
#include "service_map.h"
#include "trace_set.h"

namespace {

using namespace parley::tools;

struct Options {
  std::vector<std::string> inputs;
  TraceFilter filter;
  std::string min_duration;
  std::string format = "tree";
  std::string color = "auto";
  std::string sort = "start";
  std::size_t limit = 0;
  bool quiet = false;
};

void report(const std::string& problem) { std::fprintf(stderr, "parley-trace: %s\n", problem.c_str()); }

// Reads every input; returns false when one cannot be opened.
bool read_inputs(const Options& options, std::vector<ParsedSpan>& spans, ReadSummary& total) {
  const auto add = [&](const ReadSummary& summary) {
    total.lines += summary.lines;
    total.bad_lines += summary.bad_lines;
    total.spans += summary.spans;
    total.bad_spans += summary.bad_spans;
  };
  const auto quiet = [](const std::string&) {};
  const auto& sink = options.quiet ? std::function<void(const std::string&)>(quiet) : report;
  if (options.inputs.empty()) {
    add(read_otlp_lines(std::cin, "<stdin>", spans, sink));
    return true;
  }
  for (const auto& path : options.inputs) {
    if (path == "-") {
      add(read_otlp_lines(std::cin, "<stdin>", spans, sink));
      continue;
    }
    std::ifstream file(path);
    if (!file) {
      report("cannot open " + path);
      return false;
    }
    add(read_otlp_lines(file, path, spans, sink));
  }
  return true;
}

std::vector<const Trace*> select(const std::vector<Trace>& traces, const Options& options) {
  std::vector<const Trace*> chosen;
  for (const auto& trace : traces) {
    if (options.filter.matches(trace)) chosen.push_back(&trace);
  }
  if (options.sort == "duration") {
    std::stable_sort(chosen.begin(), chosen.end(),
                     [](const Trace* a, const Trace* b) { return a->duration_ns > b->duration_ns; });
  }
  if (options.limit > 0 && chosen.size() > options.limit) chosen.resize(options.limit);
  return chosen;
}

void print_trees(const std::vector<const Trace*>& chosen, bool color) {
  for (const auto* trace : chosen) {
    std::fputs(parley::tracing::detail::render_trace(trace->summaries, trace->analysis, color).c_str(), stdout);
    std::fputc('\n', stdout);
  }
}

int run(const Options& options) {
  std::vector<ParsedSpan> spans;
  ReadSummary read;
  if (!read_inputs(options, spans, read)) return 1;
  if (read.spans == 0) {
    report("no valid span in the input (" + std::to_string(read.lines) + " lines read, " +
           std::to_string(read.bad_lines) + " skipped)");
    return 2;
  }
  const auto traces = group_traces(std::move(spans));
  const auto chosen = select(traces, options);
  const auto map = build_service_map(chosen);
  if (options.format == "dot") {
    std::fputs(render_dot(map).c_str(), stdout);
  } else if (options.format == "mermaid") {
    std::fputs(render_mermaid(map).c_str(), stdout);
  } else {
    const bool color = options.color == "always" || (options.color == "auto" && isatty(STDOUT_FILENO) != 0);
    print_trees(chosen, color);
    std::printf("%zu of %zu traces shown (%zu spans read", chosen.size(), traces.size(), read.spans);
    if (read.bad_lines + read.bad_spans > 0) {
      std::printf(", skipped: %zu bad lines, %zu bad spans", read.bad_lines, read.bad_spans);
    }
    std::printf(")\n\n%s", render_service_summary(map).c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"parley-trace: reads OTLP JSON lines (the file provider's output) and prints each trace as a tree "
               "with its bottleneck, and the service dependency map.\nExit status: 0 when spans were read, "
               "1 when an input cannot be opened, 2 when the input held no valid span."};
  Options options;
  app.add_option("files", options.inputs, "OTLP JSON lines files ('-' or none: standard input)");
  app.add_option("-t,--trace-id", options.filter.trace_id, "only the trace whose id starts with this hex");
  app.add_option("-n,--name", options.filter.span_name, "only traces with a span whose name contains this text");
  app.add_option("-d,--min-duration", options.min_duration, "only traces lasting at least this (250ms, 1.5s, 800us; bare number: ms)");
  app.add_flag("-e,--errors", options.filter.errors_only, "only traces with an error span");
  app.add_option("--sort", options.sort, "order of the trees")->check(CLI::IsMember({"start", "duration"}));
  app.add_option("-l,--limit", options.limit, "print at most this many traces (0: all)");
  app.add_option("-f,--format", options.format, "tree: traces and summary; dot or mermaid: the service map")
      ->check(CLI::IsMember({"tree", "dot", "mermaid"}));
  app.add_option("--color", options.color, "ANSI colours")->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", options.quiet, "do not report skipped lines");
  CLI11_PARSE(app, argc, argv);
  if (!options.min_duration.empty()) {
    const auto duration = parse_duration(options.min_duration);
    if (!duration) {
      report("--min-duration " + options.min_duration + " is not a duration (e.g. 250ms, 1.5s, 800us)");
      return 1;
    }
    options.filter.min_duration = *duration;
  }
  return run(options);
}
