#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "export/factory.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"

namespace parley::tracing {
namespace {

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class FileExporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/parley-file-exporter-XXXXXX";
    const int fd = mkstemp(pattern);
    ASSERT_GE(fd, 0);
    close(fd);
    path_ = pattern;
  }
  void TearDown() override {
    shutdown();
    std::remove(path_.c_str());
  }
  bool start() {
    FinalConfig config;
    config.enabled = true;
    config.root_sampler = RootSampler::always_on;
    config.service_name = "file-test";
    config.exporters = {ExporterConfig{Provider::file, path_, OtlpProtocol::http_json}};
    std::string error;
    std::vector<std::unique_ptr<SpanExporter>> exporters;
    exporters.push_back(detail::make_file_exporter(config.exporters[0], config, error));
    return init(config, std::move(exporters));
  }
  std::string path_;
};

TEST_F(FileExporterTest, WritesOneOtlpJsonRequestPerBatchAndAppends) {
  { std::ofstream(path_) << "existing line\n"; }
  ASSERT_TRUE(start());
  std::string trace_id;
  {
    auto root = get_tracer("file.scope", "2.0").start_as_current_span("GET /");
    trace_id = root.context().trace_id.to_hex();
    root.set_attribute("http.status_code", 200);
    root.set_attribute("note", "quote \" and newline \n");
    root.add_event("cache-miss");
    root.set_status(StatusCode::error, "boom");
  }
  ASSERT_TRUE(force_flush());
  { auto second = get_tracer("file.scope").start_span("second"); }
  ASSERT_TRUE(shutdown());
  const auto lines = read_lines(path_);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "existing line");
  const std::string& first = lines[1];
  EXPECT_EQ(first.rfind("{\"resourceSpans\":[{\"resource\":{\"attributes\":[", 0), 0u) << first;
  EXPECT_NE(first.find("{\"key\":\"service.name\",\"value\":{\"stringValue\":\"file-test\"}}"), std::string::npos);
  EXPECT_NE(first.find("\"scope\":{\"name\":\"file.scope\",\"version\":\"2.0\"}"), std::string::npos);
  EXPECT_NE(first.find("\"traceId\":\"" + trace_id + "\""), std::string::npos);
  EXPECT_NE(first.find("\"kind\":1"), std::string::npos);
  EXPECT_NE(first.find("{\"key\":\"http.status_code\",\"value\":{\"intValue\":\"200\"}}"), std::string::npos);
  EXPECT_NE(first.find("\"stringValue\":\"quote \\\" and newline \\n\""), std::string::npos);
  EXPECT_NE(first.find("\"events\":[{\"timeUnixNano\":\""), std::string::npos);
  EXPECT_NE(first.find("\"status\":{\"message\":\"boom\",\"code\":2}"), std::string::npos);
  EXPECT_EQ(first.find("parentSpanId"), std::string::npos);  // a root
  EXPECT_NE(lines[2].find("\"name\":\"second\""), std::string::npos);
}

TEST_F(FileExporterTest, UnwritablePathFailsTheBatchAndCountsIt) {
  path_ = "/nonexistent-dir/traces.jsonl";
  ASSERT_TRUE(start());
  get_tracer("file").start_span("lost");
  EXPECT_FALSE(force_flush());
  EXPECT_EQ(stats().dropped_export_failed, 1u);
}

}  // namespace
}  // namespace parley::tracing
