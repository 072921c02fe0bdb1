// The hook through which the optional OTLP/gRPC target plugs its transport
// into the core's exporter factory (the core never links gRPC).
#pragma once

#include <memory>
#include <string>

#include "parley/tracing/config.h"
#include "parley/tracing/exporter.h"

namespace parley::tracing::detail {

using GrpcTransportFactory = std::unique_ptr<Transport> (*)(const std::string& endpoint, const FinalConfig& config,
                                                            std::string& error);
void set_grpc_transport_factory(GrpcTransportFactory factory) noexcept;
GrpcTransportFactory grpc_transport_factory() noexcept;

}  // namespace parley::tracing::detail
