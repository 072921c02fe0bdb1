// OTLP/gRPC transport: a gRPC generic stub carrying the protobuf bytes the
// OTLP encoder made (no generated code) to
// /opentelemetry.proto.collector.trace.v1.TraceService/Export, with a
// deadline on every call and the OTLP retryable status codes.
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/byte_buffer.h>

#include <condition_variable>
#include <mutex>

#include "config/parse.h"
#include "export/grpc_hook.h"
#include "parley/tracing/otlp_grpc.h"

namespace parley::tracing {
namespace detail {
namespace {

constexpr const char* kExportMethod = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

class GrpcTransport final : public Transport {
 public:
  GrpcTransport(std::string endpoint, std::string target, bool tls, std::vector<std::pair<std::string, std::string>> headers)
      : endpoint_(std::move(endpoint)), headers_(std::move(headers)) {
    auto credentials = tls ? grpc::SslCredentials(grpc::SslCredentialsOptions()) : grpc::InsecureChannelCredentials();
    channel_ = grpc::CreateChannel(target, credentials);
    stub_ = std::make_unique<grpc::GenericStub>(channel_);
  }

  std::string_view describe() const noexcept override { return endpoint_; }

  SendResult send(std::string_view body, std::string_view, Deadline deadline) noexcept override {
    SendResult result;
    try {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() +
                           std::chrono::duration_cast<std::chrono::system_clock::duration>(deadline - Deadline::clock::now()));
      for (const auto& [name, value] : headers_) context.AddMetadata(lowercase(name), value);
      grpc::Slice slice(body.data(), body.size());
      const grpc::ByteBuffer request(&slice, 1);
      grpc::ByteBuffer response;
      std::mutex mutex;
      std::condition_variable done_cv;
      bool done = false;
      grpc::Status status;
      {
        std::lock_guard lock(call_mutex_);
        current_ = &context;
      }
      stub_->UnaryCall(&context, kExportMethod, grpc::StubOptions(), &request, &response, [&](grpc::Status s) {
        std::lock_guard lock(mutex);
        status = std::move(s);
        done = true;
        done_cv.notify_one();
      });
      {
        std::unique_lock lock(mutex);
        done_cv.wait(lock, [&] { return done; });
      }
      {
        std::lock_guard lock(call_mutex_);
        current_ = nullptr;
      }
      result.status = status.error_code();
      if (status.ok()) return result;
      switch (status.error_code()) {
        case grpc::StatusCode::CANCELLED:
        case grpc::StatusCode::DEADLINE_EXCEEDED:
        case grpc::StatusCode::ABORTED:
        case grpc::StatusCode::OUT_OF_RANGE:
        case grpc::StatusCode::UNAVAILABLE:
        case grpc::StatusCode::DATA_LOSS: result.outcome = SendResult::Outcome::retryable; break;
        default: result.outcome = SendResult::Outcome::fatal; break;
      }
      result.message = "gRPC status " + std::to_string(static_cast<int>(status.error_code())) + ": " + status.error_message();
    } catch (const std::exception& e) {
      result.outcome = SendResult::Outcome::fatal;
      result.message = e.what();
    }
    return result;
  }

  void interrupt() noexcept override {
    std::lock_guard lock(call_mutex_);
    if (current_ != nullptr) current_->TryCancel();
  }

 private:
  std::string endpoint_;
  std::vector<std::pair<std::string, std::string>> headers_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<grpc::GenericStub> stub_;
  std::mutex call_mutex_;
  grpc::ClientContext* current_ = nullptr;
};

std::unique_ptr<Transport> make_grpc_transport(const std::string& endpoint, const FinalConfig& config, std::string& error) {
  const auto url = parse_url(endpoint);
  if (!url) {
    error = "OTLP/gRPC endpoint " + endpoint + " is not a URL";
    return nullptr;
  }
  const int port = url->port != 0 ? url->port : 4317;
  const std::string host = url->host.find(':') != std::string::npos ? "[" + url->host + "]" : url->host;
  return std::make_unique<GrpcTransport>(endpoint, host + ":" + std::to_string(port), url->scheme == "https",
                                         config.headers);
}

}  // namespace
}  // namespace detail

void enable_otlp_grpc() { detail::set_grpc_transport_factory(&detail::make_grpc_transport); }

}  // namespace parley::tracing
