#include "config/resolver.h"

#include <algorithm>
#include <cstdint>

#include "config/parse.h"

namespace parley::tracing::detail {

std::optional<std::string> Resolver::get(std::string_view name) const {
  if (!env_) return std::nullopt;
  auto value = env_(name);
  if (!value || trim(*value).empty()) return std::nullopt;
  return value;
}

void Resolver::reject(std::string_view variable, std::string value, std::string_view accepted) {
  out_.diagnostics.push_back(Diagnostic{std::string(variable), escape_control(value), std::string(accepted), {}});
}

void Resolver::settle(const std::vector<std::string_view>& names, const std::string& value, std::string_view source) {
  for (auto& diagnostic : out_.diagnostics) {
    if (diagnostic.fallback.empty() && std::find(names.begin(), names.end(), diagnostic.variable) != names.end()) {
      diagnostic.fallback = escape_control(value);
    }
  }
  const bool from_variable = !source.empty() && source.front() >= 'A' && source.front() <= 'Z';
  for (const auto name : names) {
    if (name.find("::") != std::string_view::npos) continue;  // a code field
    if (!from_variable) {
      record(name, value, std::string(source));
    } else {
      record(name, value, name == source ? std::string("env") : "env: " + std::string(source));
    }
  }
}

void Resolver::unused(const std::vector<std::string_view>& variables, std::string_view why) {
  for (const auto variable : variables) record(variable, "-", "not used: " + std::string(why));
}

void Resolver::record(std::string_view variable, const std::string& value, std::string source) {
  const bool known = std::any_of(out_.origins.begin(), out_.origins.end(),
                                 [&](const SettingOrigin& origin) { return origin.variable == variable; });
  if (!known) out_.origins.push_back(SettingOrigin{std::string(variable), value, std::move(source)});
}

Rule<std::int64_t> integer_rule(std::int64_t min, std::int64_t max) {
  return Rule<std::int64_t>{
      [min, max](const std::string& text) -> std::optional<std::int64_t> {
        const auto value = parse_int(text);
        if (!value || *value < min || *value > max) return std::nullopt;
        return value;
      },
      [min, max](const std::int64_t& value) { return value >= min && value <= max; },
      [](const std::int64_t& value) { return std::to_string(value); },
      "an integer from " + std::to_string(min) + " to " + std::to_string(max)};
}

Rule<std::int64_t> milliseconds_rule(std::int64_t min) {
  auto rule = integer_rule(min, INT32_MAX);
  rule.format = [](const std::int64_t& value) { return ms_text(value); };
  rule.accepted = "a whole number of milliseconds from " + std::to_string(min) + " to " + std::to_string(INT32_MAX);
  return rule;
}

Rule<bool> bool_rule() {
  return Rule<bool>{[](const std::string& text) { return parse_bool(text); }, [](const bool&) { return true; },
                    [](const bool& value) { return std::string(value ? "true" : "false"); }, "true or false"};
}

std::string ms_text(std::int64_t ms) { return std::to_string(ms) + " ms"; }

std::string join_or_none(const std::vector<std::string>& items) {
  if (items.empty()) return "none";
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

}  // namespace parley::tracing::detail
