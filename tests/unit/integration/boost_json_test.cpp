#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <boost/json/src.hpp>

#include "parley/tracing/baggage.h"
#include "parley/tracing/integration/boost_json.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#include "support/recording_exporter.h"

namespace parley::tracing {
namespace {

TEST(JsonObjectCarrier, ContinuesTheTraceCarriedInAMessageEnvelope) {
  auto recorded = testing::start_recording(testing::always_on_config());
  // The sender injects into the envelope's "trace" object...
  boost::json::object envelope{{"type", "message"}, {"text", "hello @ai"}, {"trace", boost::json::object{}}};
  std::string sender_trace;
  {
    auto send = get_tracer("ws").start_as_current_span("send room-7");
    sender_trace = send.context().trace_id.to_hex();
    JsonObjectCarrier carrier(envelope["trace"].as_object());
    inject_trace_context(carrier);
  }
  const std::string wire = boost::json::serialize(envelope);
  // ...and the handler, given the parsed message, continues it (the seed's
  // handle_message with extract_trace_context).
  const boost::json::value parsed = boost::json::parse(wire);
  const auto& trace = parsed.as_object().at("trace").as_object();
  {
    auto scope = extract_trace_context(JsonObjectCarrier(trace));
    auto process = get_tracer("ws").start_as_current_span("process room-7");
    EXPECT_EQ(process.context().trace_id.to_hex(), sender_trace);
  }
  // Junk in the object is ignored, not an error.
  const boost::json::object junk{{"traceparent", 42}, {"baggage", boost::json::array{1, 2}}};
  EXPECT_FALSE(extract_context(JsonObjectCarrier(junk)).valid());
  shutdown();
}

}  // namespace
}  // namespace parley::tracing
