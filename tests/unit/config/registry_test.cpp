// The registry, the generated docs, describe() and the process environment.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "config_test_support.h"
#include "support/env_guard.h"

namespace parley::tracing::testing {
namespace {

TEST(Registry, ListsEveryVariableOnceWithItsFacts) {
  std::set<std::string_view> names;
  const std::set<std::string_view> types = {"bool", "enum", "number", "duration_ms", "seconds", "url", "list", "text", "path"};
  for (const auto& row : config_registry()) {
    EXPECT_TRUE(names.insert(row.name).second) << row.name;
    EXPECT_TRUE(row.name.starts_with("TRACING_") || row.name.starts_with("OTEL_")) << row.name;
    EXPECT_TRUE(types.count(row.type)) << row.name << ": " << row.type;
    EXPECT_FALSE(row.accepted.empty()) << row.name;
    EXPECT_FALSE(row.doc.empty()) << row.name;
  }
  EXPECT_EQ(names.size(), 49u);
}

// docs/CONFIGURATION.md is generated from the registry. When this fails,
// regenerate it: `make docs`, or build the parley-config-doc target and run
//   build/<dir>/bin/parley-config-doc > docs/CONFIGURATION.md
TEST(Registry, DocsMatchTheRegistry) {
  std::ifstream doc(PARLEY_SOURCE_DIR "/docs/CONFIGURATION.md");
  ASSERT_TRUE(doc.good());
  std::stringstream text;
  text << doc.rdbuf();
  EXPECT_EQ(text.str(), registry_markdown()) << "docs/CONFIGURATION.md is stale: run `make docs`";
}

TEST(Registry, MarkdownHasOneRowPerVariable) {
  const std::string markdown = registry_markdown();
  for (const auto& row : config_registry()) {
    EXPECT_NE(markdown.find("| `" + std::string(row.name) + "` | " + std::string(row.type) + " |"), std::string::npos)
        << row.name;
  }
}

TEST(Describe, EveryVariableHasAnOrigin) {
  for (const Env& env : {Env{}, Env{{"TRACING_PROVIDER", "otlp,zipkin,file,console"}}, Env{{"TRACING_PROVIDER", "none"}},
                         Env{{"OTEL_TRACES_EXPORTER", "otlp"}, {"OTEL_TRACES_SAMPLER", "traceidratio"}}}) {
    const auto loaded = load(env);
    ASSERT_EQ(loaded.origins.size(), config_registry().size());
    for (std::size_t i = 0; i < loaded.origins.size(); ++i) {
      EXPECT_EQ(loaded.origins[i].variable, config_registry()[i].name);  // registry order
    }
  }
}

TEST(Describe, PrintsValueAndSourcePerVariableThenDiagnostics) {
  const Env values{{"TRACING_ENABLED", "true"},
                   {"TRACING_SAMPLE_RATE", "2"},
                   {"OTEL_BSP_MAX_QUEUE_SIZE", "500"},
                   {"TRACING_PROVIDER", "otlp"},
                   {"OTEL_EXPORTER_OTLP_HEADERS", "authorization=secret"},
                   {"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "api-key=hidden"},
                   {"OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://z:9411"}};
  Config code;
  code.service_name = "from-code";
  const auto env = env_of(values);
  const std::string text = describe(finalize(code, env), env);
  const std::string expected_lines[] = {
      "TRACING_ENABLED = true (env)\n",
      "TRACING_PROVIDER = otlp (env)\n",
      "TRACING_ENDPOINT = http://localhost:4317 (default)\n",
      "TRACING_SAMPLE_RATE = 0.1 (default; its value 2 is rejected)\n",
      "TRACING_SERVICE_NAME = from-code (code)\n",
      "TRACING_MAX_QUEUE_SIZE = 500 (env: OTEL_BSP_MAX_QUEUE_SIZE)\n",
      "OTEL_BSP_MAX_QUEUE_SIZE = 500 (env)\n",
      "TRACING_BATCH_SIZE = 100 (default)\n",
      "TRACING_OTLP_PROTOCOL = grpc (default)\n",
      "OTEL_SDK_DISABLED = false (env: TRACING_ENABLED)\n",
      "TRACING_HEADERS = api-key=*** (env: OTEL_EXPORTER_OTLP_TRACES_HEADERS)\n",
      "OTEL_EXPORTER_OTLP_HEADERS = api-key=*** (env: OTEL_EXPORTER_OTLP_TRACES_HEADERS; its value authorization=*** is "
      "overridden)\n",
      "OTEL_EXPORTER_ZIPKIN_ENDPOINT = - (not used: no zipkin provider; its value http://z:9411 is ignored)\n",
      "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT = no limit (default)\n",
      "diagnostic: TRACING_SAMPLE_RATE=2 is not accepted (expected a number from 0.0 to 1.0); using 0.1\n",
  };
  for (const auto& line : expected_lines) EXPECT_NE(text.find(line), std::string::npos) << line << "in\n" << text;
  EXPECT_EQ(text.find("secret"), std::string::npos);
  EXPECT_EQ(text.find("hidden"), std::string::npos);
  std::size_t lines = 0;
  for (const char c : text) lines += c == '\n';
  EXPECT_EQ(lines, config_registry().size() + 1);
}

TEST(ProcessEnvironment, ReadsRealVariables) {
  EnvGuard enabled("TRACING_ENABLED", "true");
  EnvGuard rate("TRACING_SAMPLE_RATE", "abc");
  EnvGuard provider("TRACING_PROVIDER", std::nullopt);
  const auto loaded = load_config_from_env();
  EXPECT_TRUE(loaded.config.enabled);
  EXPECT_EQ(all_messages(loaded),
            "TRACING_SAMPLE_RATE=abc is not accepted (expected a number from 0.0 to 1.0); using 0.1\n");
}

TEST(ProcessEnvironment, UnsetAndEmptyAreTheSame) {
  EnvGuard empty("TRACING_SERVICE_NAME", "");
  EnvGuard unset("OTEL_SERVICE_NAME", std::nullopt);
  EnvGuard attributes("OTEL_RESOURCE_ATTRIBUTES", std::nullopt);
  const auto lookup = process_environment();
  EXPECT_EQ(lookup("TRACING_SERVICE_NAME"), std::optional<std::string>(""));
  EXPECT_EQ(lookup("OTEL_SERVICE_NAME"), std::nullopt);
  EXPECT_EQ(finalize({}, lookup).config.service_name, "chat-system");
}

TEST(ProcessEnvironment, GuardRestoresThePreviousValue) {
  {
    EnvGuard outer("TRACING_BATCH_SIZE", "7");
    {
      EnvGuard inner("TRACING_BATCH_SIZE", "9");
      EXPECT_EQ(load_config_from_env().config.batch_size, 9u);
    }
    EXPECT_EQ(load_config_from_env().config.batch_size, 7u);
  }
  EXPECT_EQ(process_environment()("TRACING_BATCH_SIZE"), std::nullopt);
}

TEST(ProcessEnvironment, OnlyEnvCppReadsTheEnvironment) {
  namespace fs = std::filesystem;
  const fs::path root(PARLEY_SOURCE_DIR);
  std::size_t scanned = 0;
  for (const char* folder : {"src", "include"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
      const auto extension = entry.path().extension();
      if (!entry.is_regular_file() || (extension != ".cpp" && extension != ".h")) continue;
      ++scanned;
      std::ifstream file(entry.path());
      std::stringstream text;
      text << file.rdbuf();
      const bool reads = text.str().find("getenv(") != std::string::npos;
      EXPECT_EQ(reads, entry.path() == root / "src/tracing/config/env.cpp") << entry.path();
    }
  }
  EXPECT_GT(scanned, 10u);
}

TEST(Diagnostic, MessageNamesVariableValueAcceptedAndFallback) {
  const Diagnostic diagnostic{"TRACING_SAMPLE_RATE", "1.5", "a number from 0.0 to 1.0", "0.1"};
  EXPECT_EQ(diagnostic.message(),
            "TRACING_SAMPLE_RATE=1.5 is not accepted (expected a number from 0.0 to 1.0); using 0.1");
}

TEST(Names, ProvidersAndProtocols) {
  EXPECT_EQ(to_string(Provider::jaeger), "jaeger");
  EXPECT_EQ(to_string(Provider::zipkin), "zipkin");
  EXPECT_EQ(to_string(Provider::otlp), "otlp");
  EXPECT_EQ(to_string(Provider::console), "console");
  EXPECT_EQ(to_string(Provider::file), "file");
  EXPECT_EQ(to_string(Provider::none), "none");
  EXPECT_EQ(to_string(OtlpProtocol::grpc), "grpc");
  EXPECT_EQ(to_string(OtlpProtocol::http_protobuf), "http/protobuf");
  EXPECT_EQ(to_string(OtlpProtocol::http_json), "http/json");
}

}  // namespace
}  // namespace parley::tracing::testing
