// parley-chat's HTTP API as parley-loadgen uses it: every call is a CLIENT
// span (a new trace) whose context travels in the request headers
// (traceparent and whatever else TRACING_PROPAGATORS asks for), and the
// set-up that gives the run its own user, token and room.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http_client.h"

namespace parley::tools {

struct ApiCall {
  std::string_view method;      // "POST"
  std::string_view route;       // "/api/messages": the span name's target
  std::string body;
  std::string token;            // bearer token, or empty
  std::string_view kind;        // loadgen.request.kind attribute, or empty
};

struct TracedResponse {
  HttpResponse http;
  std::string trace_id;  // 32 hex, empty when tracing is off
};

// Sends `call` to base_url + route inside a CLIENT span named
// "<method> <route>" that starts a new trace.
TracedResponse traced_call(HttpClient& client, const std::string& base_url, const ApiCall& call);

struct ChatTarget {
  std::string base_url;
  std::string username;
  std::string token;
  std::int64_t room_id = 0;
  std::string admin_base;  // the server's admin address (GET /api/info), "" when it has none
};

struct SetupOutcome {
  std::optional<ChatTarget> target;
  std::string error;         // why set-up failed
  bool unreachable = false;  // the server did not answer at all
};

// GET /healthz and /api/info (where the trace page is), then POST
// /api/users, /api/sessions and /api/rooms with a fresh user name (`suffix`
// makes it unique).
SetupOutcome set_up(HttpClient& client, const std::string& base_url, std::string_view suffix);

}  // namespace parley::tools
