// parley/tracing/otlp_grpc.h — OTLP over gRPC, an optional part.
//
// The core library builds without gRPC. Link parley::tracing_otlp_grpc and
// call enable_otlp_grpc() once before init()/init_from_env(): the otlp
// provider then speaks gRPC when its protocol is grpc (the default for
// TRACING_PROVIDER=otlp, endpoint http://localhost:4317). Without it such
// an exporter is skipped with one diagnostic line. Thread-safe; idempotent.
#pragma once

namespace parley::tracing {

void enable_otlp_grpc();

}  // namespace parley::tracing
