// The library's own diagnostics: one small interface, lines built lazily by
// callers only when they will be written. Default sink: stderr, one line
// each, prefixed "parley-tracing: <level>: ". Never throws.
#pragma once

#include <string_view>

#include "parley/tracing/provider.h"

namespace parley::tracing::detail {

void log(LogLevel level, std::string_view message) noexcept;

}  // namespace parley::tracing::detail
