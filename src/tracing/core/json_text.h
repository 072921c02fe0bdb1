// Appending JSON text: strings escaped per RFC 8259 (invalid UTF-8 becomes
// U+FFFD so the output is always valid), doubles in shortest round-trip form.
// Shared by attribute text and the JSON encoders (OTLP/JSON, Zipkin); writes into a caller's
// buffer, never allocates beyond it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace parley::tracing::detail {

void append_json_string(std::string& out, std::string_view text);
// Finite doubles as numbers; NaN and infinities as the proto3 JSON strings
// "NaN", "Infinity", "-Infinity".
void append_json_double(std::string& out, double value);
void append_decimal(std::string& out, std::uint64_t value);
void append_decimal(std::string& out, std::int64_t value);
void append_hex(std::string& out, std::uint64_t value);  // 16 lowercase digits

}  // namespace parley::tracing::detail
