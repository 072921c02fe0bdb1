// parley-chat: the chat server, traced end to end.
//
// Reads its settings (chat_config.h) and the tracing configuration from the
// environment, opens and migrates the SQLite database, and serves the REST
// API and WebSocket rooms until SIGTERM/SIGINT; then it drains open
// connections, flushes traces and exits 0.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <iostream>

#include "ai/assistant.h"
#include "ai/ollama_client.h"
#include "chat_config.h"
#include "http/router.h"
#include "http/server.h"
#include "parley/tracing/integration/spdlog.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#if PARLEY_CHAT_OTLP_GRPC
#include "parley/tracing/otlp_grpc.h"
#endif
#include "rag/retriever.h"
#include "service/auth_service.h"
#include "service/chat_services.h"
#include "service/message_service.h"
#include "store/chat_store.h"
#include "store/database.h"
#include "ws/room_hub.h"

namespace {

namespace chat = parley::chat;
namespace tracing = parley::tracing;

int check_config() {
  const auto env = tracing::process_environment();
  const auto tracing_config = tracing::load_config_from_env();
  const auto chat_config = chat::load_chat_config(env);
  std::cout << "# tracing\n" << tracing::describe(tracing_config, env) << "\n# parley-chat\n"
            << chat::describe_chat_config(chat_config, env);
  const std::size_t problems = tracing_config.diagnostics.size() + chat_config.diagnostics.size();
  for (const auto& diagnostic : chat_config.diagnostics) std::cout << "diagnostic: " << diagnostic.message() << "\n";
  std::cout << (problems == 0 ? "configuration OK\n" : std::to_string(problems) + " diagnostic(s)\n");
  return problems == 0 ? 0 : 1;
}

int serve() {
  spdlog::set_formatter(tracing::make_trace_formatter("[%Y-%m-%d %H:%M:%S.%e] [%l] trace_id=%* span_id=%& %v"));
  const auto loaded = chat::load_chat_config(tracing::process_environment());
  for (const auto& diagnostic : loaded.diagnostics) spdlog::warn("{}", diagnostic.message());
  const auto& config = loaded.config;
#if PARLEY_CHAT_OTLP_GRPC
  tracing::enable_otlp_grpc();
#endif
  const auto tracing_config = tracing::init_from_env();

  // Opening and migrating the database and loading the assistant's account
  // is one trace of its own, not a scatter of root spans.
  auto startup = tracing::get_tracer("chat").start_as_current_span("parley-chat startup");
  startup.set_attribute("db.system", "sqlite");
  startup.set_attribute("db.name", config.db_path);
  chat::Database database(config.db_path, config.threads + 1);
  chat::ChatStore store(database);
  chat::AuthService auth(store, config.token_ttl);
  chat::RoomHub hub;
  chat::Retriever retriever(store, config.rag_enabled, config.rag_documents);
  chat::OllamaClient ollama(config.ollama, config.ollama_timeout);
  chat::Assistant assistant(retriever, ollama, chat::AssistantOptions{config.ollama_model});
  chat::MessageService messages(store, hub, assistant);
  chat::ChatServices services{store, auth, messages, hub};
  chat::Router router(services);
  startup.set_attribute("db.schema_version", static_cast<std::int64_t>(database.schema_version()));
  startup.end();

  chat::ServerOptions options;
  options.address = config.http_host;
  options.port = config.http_port;
  options.threads = config.threads;
  options.max_connections = config.max_connections;
  options.service_name = tracing_config.config.service_name;
  options.admin_address = config.admin_host;
  options.admin_port = config.admin_port;
  chat::ChatServer server(options, services, router);
  const auto port = server.listen();
  std::string trace_page;
  if (server.admin_port() != 0) {
    const bool v6 = config.admin_host.find(':') != std::string::npos;
    trace_page = "http://" + (v6 ? "[" + config.admin_host + "]" : config.admin_host) + ":" +
                 std::to_string(server.admin_port()) + "/debug/traces";
    if (config.admin_host != "127.0.0.1" && config.admin_host != "::1" && config.admin_host != "localhost") {
      spdlog::warn("the admin server (trace page) listens on {}, not on loopback: anyone who reaches it can read traces",
                   config.admin_host);
    }
  }
  router.set_info(options.service_name, trace_page);
  spdlog::info("parley-chat listening on http://{}:{} (database {}, Ollama {} model {}, tracing {})", config.http_host,
               port, config.db_path, config.ollama.url, config.ollama_model,
               tracing::is_enabled() ? "on" : "off");
  // The line scripts and tests wait for; always on stdout, flushed.
  std::printf("listening on http://%s:%u\n", config.http_host.c_str(), static_cast<unsigned>(port));
  if (!trace_page.empty()) std::printf("trace page on %s\n", trace_page.c_str());
  std::fflush(stdout);

  const std::size_t left_open = server.run();
  const bool flushed = tracing::shutdown(std::chrono::seconds(5));
  spdlog::info("parley-chat stopped ({} connection(s) cut at the drain deadline; traces {})", left_open,
               flushed ? "flushed" : "not all flushed");
  spdlog::shutdown();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"parley-chat: a chat server (REST + WebSocket, SQLite, @ai over Ollama) traced end to end.\n"
               "Configured by the environment: PARLEY_HTTP_ADDR, PARLEY_DB, OLLAMA_URL, OLLAMA_MODEL and the\n"
               "TRACING_* / OTEL_* variables (see --check-config)."};
  bool check = false;
  app.add_flag("--check-config", check, "print the effective configuration (tracing included); exit 1 on any diagnostic");
  CLI11_PARSE(app, argc, argv);
  if (check) return check_config();
  try {
    return serve();
  } catch (const std::exception& error) {
    spdlog::critical("parley-chat cannot start: {}", error.what());
    tracing::shutdown(std::chrono::seconds(2));
    return 2;
  }
}
