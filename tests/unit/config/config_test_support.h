// Helpers of the configuration tests: an EnvLookup over a std::map (no
// global state), and short views of FinalConfig fields for comparisons.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "config/parse.h"
#include "parley/tracing/config.h"

namespace parley::tracing::testing {

using Env = std::map<std::string, std::string>;

inline EnvLookup env_of(Env values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    const auto found = values.find(std::string(name));
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

inline LoadedConfig load(Env values, const Config& code = {}) { return finalize(code, env_of(std::move(values))); }

inline std::string all_messages(const LoadedConfig& loaded) {
  std::string text;
  for (const auto& diagnostic : loaded.diagnostics) text += diagnostic.message() + "\n";
  return text;
}

// "otlp http://c:4317 grpc|console"
inline std::string exporters_view(const FinalConfig& config) {
  std::string text;
  for (const auto& exporter : config.exporters) {
    if (!text.empty()) text += '|';
    text += std::string(to_string(exporter.provider));
    if (!exporter.endpoint.empty()) text += " " + exporter.endpoint;
    if (exporter.provider == Provider::otlp) text += " " + std::string(to_string(exporter.otlp_protocol));
  }
  return text.empty() ? "none" : text;
}

inline std::string pairs_view(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string text;
  for (const auto& [key, value] : pairs) text += (text.empty() ? "" : "|") + key + ":" + value;
  return text.empty() ? "none" : text;
}

inline std::string list_view(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ",") + item;
  return text.empty() ? "none" : text;
}

// "ratio 0.1 parent", "always_on", ...
inline std::string sampler_view(const FinalConfig& config) {
  std::string text = config.root_sampler == RootSampler::always_on    ? "always_on"
                     : config.root_sampler == RootSampler::always_off ? "always_off"
                                                                      : "ratio " + detail::format_number(config.sample_rate);
  return text + (config.parent_based ? " parent" : "");
}

}  // namespace parley::tracing::testing
