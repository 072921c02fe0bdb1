// The only place that reads the process environment (a CI check greps for
// getenv elsewhere in src/tracing).
#include <cstdlib>

#include "parley/tracing/config.h"

namespace parley::tracing {

EnvLookup process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const std::string key(name);
    const char* value = std::getenv(key.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

}  // namespace parley::tracing
