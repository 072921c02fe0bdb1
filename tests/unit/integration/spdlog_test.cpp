#include <gtest/gtest.h>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "parley/tracing/integration/spdlog.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#include "support/recording_exporter.h"

namespace parley::tracing {
namespace {

TEST(SpdlogFlags, WriteTheCurrentIdsAndNothingWithoutASpan) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  spdlog::logger logger("test", sink);
  logger.set_formatter(make_trace_formatter("trace_id=%* span_id=%& %v"));
  auto recorded = testing::start_recording(testing::always_on_config());
  std::string trace, span_id;
  {
    auto span = get_tracer("log").start_as_current_span("request");
    trace = span.context().trace_id.to_hex();
    span_id = span.context().span_id.to_hex();
    logger.info("Request processed");
  }
  logger.info("outside");
  shutdown();
  EXPECT_EQ(out.str(), "trace_id=" + trace + " span_id=" + span_id + " Request processed\n" +
                           "trace_id= span_id= outside\n");
}

}  // namespace
}  // namespace parley::tracing
