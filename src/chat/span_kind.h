// span_kind.h — StartOptions for a span of a given kind, in one expression.
#pragma once

#include "parley/tracing/tracer.h"

namespace parley::chat {

inline tracing::StartOptions span_of_kind(tracing::SpanKind kind) noexcept {
  tracing::StartOptions options;
  options.kind = kind;
  return options;
}

}  // namespace parley::chat
