// libFuzzer target: the baggage header through every propagator.
#include <cstddef>
#include <cstdint>

#include "propagation_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::tracing::fuzz::fuzz_header("baggage", data, size);
  return 0;
}
