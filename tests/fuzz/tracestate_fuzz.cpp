// libFuzzer target: tracestate (with a valid traceparent, so it is parsed),
// plus the tracestate mutation rules: the result of an update is always a
// valid list of at most 32 members with our entry first.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "propagation/w3c/trace_context.h"
#include "propagation_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parley::tracing;
  const std::string value(reinterpret_cast<const char*>(data), size);
  const HeaderList headers{{"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
                           {"tracestate", value}};
  const auto propagator = make_propagator("tracecontext");
  const Context context = propagator->extract(HeaderListCarrier(headers), Context());
  if (!context.valid()) std::abort();  // a tracestate failure never affects traceparent
  fuzz::check_round_trip(*propagator, context);
  if (const auto parsed = detail::parse_tracestate(value)) {
    const std::string updated = detail::tracestate_set(*parsed, "ot", "th:8");
    const auto reparsed = detail::parse_tracestate(updated);
    if (!reparsed || updated.rfind("ot=th:8", 0) != 0 || updated.size() > detail::kTraceStateMaxLength) std::abort();
    if (detail::tracestate_get(updated, "ot") != std::optional<std::string_view>("th:8")) std::abort();
    if (detail::tracestate_get(detail::tracestate_remove(updated, "ot"), "ot")) std::abort();
  }
  return 0;
}
