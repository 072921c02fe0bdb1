#include "sampling/sampler.h"

#include <cmath>

#include "core/id_generator.h"
#include "propagation/w3c/trace_state.h"

namespace parley::tracing::detail {

std::uint64_t threshold_for_rate(double rate) noexcept {
  if (!(rate > 0.0)) return kMaxThreshold;  // also NaN
  if (rate >= 1.0) return 0;
  // T = (1 - p) * 2^56, computed as 2^56 - p*2^56 to keep precision for small p.
  const double kept = std::ldexp(rate, static_cast<int>(kRandomnessBits));
  const auto kept_units = static_cast<std::uint64_t>(std::llround(kept));
  const std::uint64_t exact = kept_units >= kMaxThreshold ? 0 : kMaxThreshold - (kept_units == 0 ? 1 : kept_units);
  // Round to 6 hex digits (the precision of the spec's example: p = 1% gives
  // th:fd70a4) so the tracestate entry stays short; decisions use the
  // rounded value, so they match what is written.
  constexpr std::uint64_t kUnit = std::uint64_t{1} << 32;  // 14 - 6 = 8 hex digits dropped
  const std::uint64_t rounded = (exact + kUnit / 2) / kUnit * kUnit;
  return rounded >= kMaxThreshold || rounded == 0 ? exact : rounded;
}

std::string threshold_hex(std::uint64_t threshold) {
  if (threshold == 0) return "0";
  std::string text(14, '0');
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = 13; i >= 0; --i) {
    text[static_cast<std::size_t>(i)] = kDigits[threshold & 0xF];
    threshold >>= 4;
  }
  while (text.size() > 1 && text.back() == '0') text.pop_back();
  return text;
}

void Sampler::configure(const FinalConfig& config) noexcept {
  root_ = config.root_sampler;
  parent_based_ = config.parent_based;
  sample_errors_ = config.sample_errors;
  slow_threshold_ns_ = static_cast<std::uint64_t>(config.slow_threshold.count()) * 1000000ULL;
  conditional_ = config.conditional();
  set_rate(config.sample_rate);
}

void Sampler::set_rate(double rate) noexcept {
  if (std::isnan(rate)) return;
  rate = rate < 0.0 ? 0.0 : (rate > 1.0 ? 1.0 : rate);
  rate_.store(rate, std::memory_order_relaxed);
  threshold_.store(threshold_for_rate(rate), std::memory_order_relaxed);
}

std::string Sampler::threshold_entry() const {
  return "th:" + threshold_hex(threshold_.load(std::memory_order_relaxed));
}

std::string Sampler::with_threshold(std::string_view state) const {
  std::string value = threshold_entry();
  if (state.empty()) return std::string(kOurTraceStateKey) + "=" + value;
  if (const auto ours = tracestate_get(state, kOurTraceStateKey)) {
    // The `ot` value is `key:value` pairs joined by ';'; keep all but `th`.
    std::string_view rest = *ours;
    while (!rest.empty()) {
      const std::size_t end = rest.find(';');
      const std::string_view pair = rest.substr(0, end);
      if (!pair.starts_with("th:") && !pair.empty()) value.append(";").append(pair);
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }
  return tracestate_set(state, kOurTraceStateKey, value);
}

}  // namespace parley::tracing::detail
