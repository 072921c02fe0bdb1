#include <gtest/gtest.h>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "parley/tracing/baggage.h"
#include "parley/tracing/integration/beast.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#include "support/recording_exporter.h"

namespace parley::tracing {
namespace {

namespace http = boost::beast::http;

TEST(BeastHeaderCarrier, InjectsIntoARequestAndExtractsCaseInsensitively) {
  auto recorded = testing::start_recording(testing::always_on_config());
  configure_propagators({"tracecontext", "baggage", "b3multi"});
  http::request<http::string_body> request{http::verb::post, "/api/messages", 11};
  std::string trace_id;
  {
    auto client = get_tracer("beast").start_as_current_span("POST /api/messages");
    trace_id = client.context().trace_id.to_hex();
    BeastHeaderCarrier carrier(request);
    inject_trace_context(carrier);
  }
  EXPECT_EQ(std::string(request["traceparent"]).substr(3, 32), trace_id);
  EXPECT_EQ(std::string(request["X-B3-TraceId"]), trace_id);  // Beast matches names case-insensitively

  http::request<http::string_body> incoming{http::verb::get, "/", 11};
  incoming.set("TraceParent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  incoming.set("Baggage", "user=alice");
  {
    auto scope = extract_trace_context(BeastHeaderCarrier(std::as_const(incoming)));
    EXPECT_EQ(get_current_trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
    EXPECT_EQ(Context::current().baggage().get("user").value(), "alice");
  }
  http::response<http::string_body> response{http::status::ok, 11};
  BeastHeaderCarrier response_carrier(response);
  response_carrier.set("traceresponse", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  EXPECT_EQ(response_carrier.get("TRACERESPONSE").value(), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  configure_propagators({"tracecontext", "baggage"});
  shutdown();
}

}  // namespace
}  // namespace parley::tracing
