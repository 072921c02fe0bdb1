// describe(): the effective configuration, one line per registry variable —
// "NAME = value (source)" — then one line per diagnostic.
#include <algorithm>
#include <sstream>

#include "config/parse.h"
#include "parley/tracing/config.h"

namespace parley::tracing {
namespace {

// What the line adds when the variable is set but did not supply the value.
std::string own_value_note(const LoadedConfig& loaded, const EnvLookup& env, const SettingOrigin& origin) {
  if (!env || origin.source == "env") return {};
  const auto raw = env(origin.variable);
  if (!raw || detail::trim(*raw).empty()) return {};
  const bool secret = origin.variable.find("HEADERS") != std::string::npos;
  const bool rejected = std::any_of(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                                    [&](const Diagnostic& d) { return d.variable == origin.variable; });
  const char* why = rejected ? "rejected" : origin.source.starts_with("not used") ? "ignored" : "overridden";
  return "; its value " + detail::escape_control(secret ? detail::redact_headers(*raw) : *raw) + " is " + why;
}

}  // namespace

std::string describe(const LoadedConfig& loaded, const EnvLookup& env) {
  std::ostringstream out;
  for (const auto& row : config_registry()) {
    const auto origin = std::find_if(loaded.origins.begin(), loaded.origins.end(),
                                     [&](const SettingOrigin& o) { return o.variable == row.name; });
    if (origin == loaded.origins.end()) {
      out << row.name << " = " << (row.default_value.empty() ? "-" : row.default_value) << " (default)\n";
      continue;
    }
    out << row.name << " = " << detail::escape_control(origin->value) << " (" << origin->source << own_value_note(loaded, env, *origin)
        << ")\n";
  }
  for (const auto& diagnostic : loaded.diagnostics) out << "diagnostic: " << diagnostic.message() << "\n";
  return out.str();
}

}  // namespace parley::tracing
