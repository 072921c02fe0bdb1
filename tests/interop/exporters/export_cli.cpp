// parley-export-cli: exports one known trace through a configured provider
// and prints the ids it used (JSON), for the exporter interop suite.
//   parley-export-cli <provider> <endpoint> [otlp protocol]
#include <cstdio>
#include <string>

#ifdef PARLEY_HAVE_OTLP_GRPC
#include "parley/tracing/otlp_grpc.h"
#endif
#include "parley/tracing/propagation.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"

using namespace parley::tracing;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: parley-export-cli <provider> <endpoint> [otlp-protocol]\n");
    return 2;
  }
#ifdef PARLEY_HAVE_OTLP_GRPC
  enable_otlp_grpc();
#endif
  Config code;
  code.enabled = true;
  code.provider = argv[1];
  code.endpoint = argv[2];
  code.service_name = "interop-service";
  code.sample_errors = false;
  auto loaded = finalize(code, [&](std::string_view name) -> std::optional<std::string> {
    if (name == "TRACING_OTLP_PROTOCOL" && argc > 3) return std::string(argv[3]);
    if (name == "TRACING_SAMPLE_RATE") return std::string("1.0");
    return std::nullopt;
  });
  for (const auto& diagnostic : loaded.diagnostics) std::fprintf(stderr, "%s\n", diagnostic.message().c_str());
  if (!init(loaded.config)) return 1;
  auto& tracer = get_tracer("interop.scope", "9.9.9");
  const HeaderMap incoming{{"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}};
  std::string root_id, child_id, producer_id;
  {
    auto scope = extract_trace_context(incoming);  // a remote parent
    StartOptions server;
    server.kind = SpanKind::server;
    auto root = tracer.start_as_current_span("POST /api/messages", server);
    root_id = root.context().span_id.to_hex();
    root.set_attribute("http.method", "POST");
    root.set_attribute("http.status_code", 201);
    root.set_attribute("rag.enabled", true);
    root.set_attribute("ai.temperature", 0.5);
    root.set_attribute("chat.tags", {std::string_view("a"), std::string_view("b")});
    root.set_attribute("chat.ids", {std::int64_t{1}, std::int64_t{2}});
    {
      StartOptions client;
      client.kind = SpanKind::client;
      auto child = tracer.start_as_current_span("ollama.chat", client);
      child_id = child.context().span_id.to_hex();
      child.add_event("first_token", {{"tokens", 1}});
      child.set_status(StatusCode::error, "model timeout");
    }
    SpanContext linked;
    linked.trace_id = TraceId::from_hex("0af7651916cd43dd8448eb211c80319c");
    linked.span_id = SpanId::from_hex("b7ad6b7169203331");
    StartOptions producer;
    producer.kind = SpanKind::producer;
    const Link links[] = {{linked, {}}};
    producer.links = links;
    auto send = tracer.start_span("send room-7", producer);
    producer_id = send.context().span_id.to_hex();
  }
  const bool flushed = shutdown(std::chrono::seconds(10));
  std::printf("{\"flushed\":%s,\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"remoteParent\":\"00f067aa0ba902b7\","
              "\"root\":\"%s\",\"child\":\"%s\",\"producer\":\"%s\"}\n",
              flushed ? "true" : "false", root_id.c_str(), child_id.c_str(), producer_id.c_str());
  return flushed ? 0 : 1;
}
