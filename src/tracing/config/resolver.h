// Resolver: the bookkeeping finalize() shares between its steps.
//
// Each setting is resolved the same way: walk its variables in precedence
// order (TRACING_* first, then OTEL_*), take the first value its parser
// accepts, else the code value, else the default. A rejected value counts as
// unset (OTel common.md) and becomes one pending Diagnostic; settle() ends the
// setting, writing the value finally used into its pending diagnostics
// ("...; using 0.1") and recording where each variable's effective value came
// from (LoadedConfig::origins, printed by describe()). Not thread-safe; one
// Resolver lives for one finalize() call.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "parley/tracing/config.h"

namespace parley::tracing::detail {

// A value and where it came from: a variable name, "code" or "default".
template <typename T>
struct Sourced {
  T value;
  std::string source;
};

class Resolver {
 public:
  Resolver(const EnvLookup& env, LoadedConfig& out) : env_(env), out_(out) {}

  // The raw value of a variable, or nullopt when unset or blank.
  std::optional<std::string> get(std::string_view name) const;

  // The first of `names` whose value `parse` accepts; every value it rejects
  // on the way is diagnosed (pending until settle()).
  template <typename Parse>
  auto first(const std::vector<std::string_view>& names, Parse parse, std::string_view accepted)
      -> std::optional<Sourced<typename std::invoke_result_t<Parse, const std::string&>::value_type>> {
    for (const auto name : names) {
      const auto text = get(name);
      if (!text) continue;
      if (auto value = parse(*text)) return Sourced<std::remove_cvref_t<decltype(*value)>>{std::move(*value), std::string(name)};
      reject(name, *text, accepted);
    }
    return std::nullopt;
  }

  // One rejected value; its fallback is filled in by settle().
  void reject(std::string_view variable, std::string value, std::string_view accepted);

  // Ends one setting whose effective value is `value` (as text), taken from
  // `source` (a variable, "code", "default" or another label): the pending
  // diagnostics of `names` get `value` as their fallback, and each variable
  // among `names` without an origin yet gets one. Code fields are named
  // "Config::<field>" and get no origin.
  void settle(const std::vector<std::string_view>& names, const std::string& value, std::string_view source);

  // Records that `variables` play no part (e.g. OTLP variables without an OTLP exporter).
  void unused(const std::vector<std::string_view>& variables, std::string_view why);

 private:
  void record(std::string_view variable, const std::string& value, std::string source);

  const EnvLookup& env_;
  LoadedConfig& out_;
};

// How one kind of value is read: parse (with its range check) for variables,
// valid for code values, format for messages and describe().
template <typename T>
struct Rule {
  std::function<std::optional<T>(const std::string&)> parse;
  std::function<bool(const T&)> valid;
  std::function<std::string(const T&)> format;
  std::string accepted;
};

// The first accepted value of `variables`, else the code value when `rule`
// accepts it (otherwise diagnosed under `code_field`), else nullopt.
template <typename T>
std::optional<Sourced<T>> pick(Resolver& resolver, const std::vector<std::string_view>& variables, const Rule<T>& rule,
                               const std::optional<T>& code = std::nullopt, std::string_view code_field = {}) {
  if (auto found = resolver.first(variables, rule.parse, rule.accepted)) return found;
  if (!code) return std::nullopt;
  if (rule.valid(*code)) return Sourced<T>{*code, "code"};
  resolver.reject(code_field, rule.format(*code), rule.accepted);
  return std::nullopt;
}

// pick(), else `fallback`; then settle() over the variables and the code field.
template <typename T>
T resolve(Resolver& resolver, const std::vector<std::string_view>& variables, const Rule<T>& rule, const T& fallback,
          const std::optional<T>& code = std::nullopt, std::string_view code_field = {}) {
  auto found = pick(resolver, variables, rule, code, code_field);
  const Sourced<T> chosen = found ? std::move(*found) : Sourced<T>{fallback, "default"};
  std::vector<std::string_view> names = variables;
  if (!code_field.empty()) names.push_back(code_field);
  resolver.settle(names, rule.format(chosen.value), chosen.source);
  return chosen.value;
}

// Rules shared by the steps.
Rule<std::int64_t> integer_rule(std::int64_t min, std::int64_t max);
Rule<std::int64_t> milliseconds_rule(std::int64_t min);
Rule<bool> bool_rule();

// Steps of finalize(), each in the file of its concern.
void resolve_exporters(Resolver& resolver, const Config& code, FinalConfig& config);
void resolve_processing(Resolver& resolver, const Config& code, FinalConfig& config);
void resolve_export_options(Resolver& resolver, const Config& code, FinalConfig& config);
void resolve_limits(Resolver& resolver, FinalConfig& config);

// Text of a duration for messages and describe(): "5000 ms".
std::string ms_text(std::int64_t ms);
// "a,b,c" or "none" for an empty list.
std::string join_or_none(const std::vector<std::string>& items);

}  // namespace parley::tracing::detail
