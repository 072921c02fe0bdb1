// The HTTP transport and its retry/back-off/circuit breaker against a real
// local server that answers 200, 503, 429 with Retry-After, 400, resets, or
// never answers; and against a port that refuses connections.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <zlib.h>

#include <atomic>
#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include "export/factory.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#include "support/test_http_server.h"
#include "transport/http_transport.h"
#include "transport/resilient_transport.h"

namespace parley::tracing {
namespace {

using namespace std::chrono_literals;
using detail::HttpOptions;
using detail::HttpTransport;
using detail::ResilientTransport;
using detail::RetryPolicy;
using testing::TestHttpServer;
using testing::TestRequest;
using testing::TestResponse;
using Clock = std::chrono::steady_clock;

RetryPolicy fast_policy() {
  RetryPolicy policy;
  policy.max_attempts = 4;
  policy.initial_backoff = 10ms;
  policy.max_backoff = 40ms;
  policy.failures_to_open = 3;
  policy.open_for = 200ms;
  return policy;
}

std::unique_ptr<ResilientTransport> transport_to(const std::string& url, Compression compression = Compression::none) {
  HttpOptions options;
  options.url = url;
  options.headers = {{"authorization", "Bearer secret"}};
  options.compression = compression;
  options.timeout = 2000ms;
  return std::make_unique<ResilientTransport>(std::make_unique<HttpTransport>(options), fast_policy(), "test");
}

std::string gunzip(const std::string& data) {
  z_stream stream{};
  inflateInit2(&stream, 15 + 16);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  inflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

int free_port() {
  TestHttpServer probe([](const TestRequest&) { return TestResponse{}; });
  return probe.port();  // closed again when probe goes away
}

TEST(HttpTransport, PostsTheBodyWithHeadersAndGzip) {
  TestHttpServer server([](const TestRequest&) { return TestResponse{200, "{}", {}, 0ms, false}; });
  auto transport = transport_to(server.url("/api/v2/spans"), Compression::gzip);
  const std::string body(5000, 'x');
  const SendResult result = transport->send(body, "application/json", Clock::now() + 5s);
  EXPECT_EQ(result.outcome, SendResult::Outcome::ok);
  ASSERT_EQ(server.request_count(), 1u);
  const TestRequest request = server.requests()[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/api/v2/spans");
  EXPECT_EQ(request.header("content-type"), "application/json");
  EXPECT_EQ(request.header("authorization"), "Bearer secret");
  EXPECT_EQ(request.header("content-encoding"), "gzip");
  EXPECT_EQ(request.header("b3"), "0");
  EXPECT_EQ(gunzip(request.body), body);
  EXPECT_EQ(transport->stats().batches_sent, 1u);
}

TEST(HttpTransport, RetriesUnavailableThenSucceeds) {
  std::atomic<int> calls{0};
  TestHttpServer server([&](const TestRequest&) {
    return ++calls <= 2 ? TestResponse{503, "busy", {}, 0ms, false} : TestResponse{200, "", {}, 0ms, false};
  });
  auto transport = transport_to(server.url("/v1/traces"));
  EXPECT_EQ(transport->send("data", "application/x-protobuf", Clock::now() + 5s).outcome, SendResult::Outcome::ok);
  EXPECT_EQ(calls.load(), 3);
  EXPECT_EQ(transport->stats().retries, 2u);
}

TEST(HttpTransport, HonoursRetryAfter) {
  std::atomic<int> calls{0};
  TestHttpServer server([&](const TestRequest&) {
    return ++calls == 1 ? TestResponse{429, "", {{"Retry-After", "1"}}, 0ms, false} : TestResponse{200, "", {}, 0ms, false};
  });
  auto transport = transport_to(server.url("/"));
  const auto start = Clock::now();
  EXPECT_EQ(transport->send("data", "application/json", Clock::now() + 5s).outcome, SendResult::Outcome::ok);
  EXPECT_GE(Clock::now() - start, 950ms);
  EXPECT_EQ(detail::parse_retry_after(" 120 "), 120s);
  EXPECT_EQ(detail::parse_retry_after("soon"), 0ms);
  EXPECT_EQ(detail::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), 0ms);  // in the past
}

TEST(HttpTransport, OtherClientErrorsDropTheBatchWithoutRetry) {
  TestHttpServer server([](const TestRequest&) { return TestResponse{400, "bad data", {}, 0ms, false}; });
  auto transport = transport_to(server.url("/"));
  const SendResult result = transport->send("data", "application/json", Clock::now() + 5s);
  EXPECT_EQ(result.outcome, SendResult::Outcome::fatal);
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(server.request_count(), 1u);
  EXPECT_EQ(transport->stats().batches_failed, 1u);
}

TEST(HttpTransport, ServerErrorsOtherThanTheRetryableOnesAreNotRetried) {
  TestHttpServer server([](const TestRequest&) { return TestResponse{500, "boom", {}, 0ms, false}; });
  auto transport = transport_to(server.url("/"));
  EXPECT_EQ(transport->send("data", "application/json", Clock::now() + 5s).outcome, SendResult::Outcome::fatal);
  EXPECT_EQ(server.request_count(), 1u);
}

TEST(HttpTransport, RefusedConnectionsAreRetriedThenFail) {
  auto transport = transport_to("http://127.0.0.1:" + std::to_string(free_port()) + "/");
  const SendResult result = transport->send("data", "application/json", Clock::now() + 5s);
  EXPECT_EQ(result.outcome, SendResult::Outcome::retryable);
  EXPECT_EQ(transport->stats().retries, 3u);  // 4 attempts
}

TEST(HttpTransport, ResetMidResponseIsRetryable) {
  std::atomic<int> calls{0};
  TestHttpServer server([&](const TestRequest&) {
    return ++calls == 1 ? TestResponse{200, "", {}, 0ms, true} : TestResponse{200, "", {}, 0ms, false};
  });
  auto transport = transport_to(server.url("/"));
  EXPECT_EQ(transport->send("data", "application/json", Clock::now() + 5s).outcome, SendResult::Outcome::ok);
  EXPECT_EQ(calls.load(), 2);
}

TEST(CircuitBreaker, OpensAfterConsecutiveFailuresProbesAndCloses) {
  std::atomic<bool> healthy{false};
  TestHttpServer server([&](const TestRequest&) {
    return healthy ? TestResponse{200, "", {}, 0ms, false} : TestResponse{503, "", {}, 0ms, false};
  });
  auto transport = transport_to(server.url("/"));
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(transport->accepting());
    transport->send("data", "application/json", Clock::now() + 5s);
  }
  EXPECT_EQ(transport->state(), detail::CircuitState::open);
  EXPECT_FALSE(transport->accepting());  // dropped cheaply, no request
  const auto requests_while_open = server.request_count();
  transport->count_dropped(10);
  EXPECT_EQ(transport->stats().dropped_circuit_open, 10u);
  EXPECT_EQ(transport->stats().circuit_state, "open");
  std::this_thread::sleep_for(250ms);  // the cool-down, not synchronisation
  healthy = true;
  ASSERT_TRUE(transport->accepting());  // probe due
  EXPECT_EQ(transport->state(), detail::CircuitState::half_open);
  EXPECT_EQ(transport->send("data", "application/json", Clock::now() + 5s).outcome, SendResult::Outcome::ok);
  EXPECT_EQ(transport->state(), detail::CircuitState::closed);
  EXPECT_EQ(server.request_count(), requests_while_open + 1);
}

TEST(CircuitBreaker, InterruptCutsBackOffShort) {
  TestHttpServer server([](const TestRequest&) { return TestResponse{503, "", {{"Retry-After", "30"}}, 0ms, false}; });
  auto transport = transport_to(server.url("/"));
  std::thread interrupter([&] {
    while (server.request_count() == 0) std::this_thread::sleep_for(1ms);
    transport->interrupt();
  });
  const auto start = Clock::now();
  transport->send("data", "application/json", Clock::now() + 60s);
  interrupter.join();
  EXPECT_LT(Clock::now() - start, 5s);
}

TEST(HttpTransport, InterruptAbortsTheRequestInFlight) {
  TestHttpServer server([](const TestRequest&) { return TestResponse{200, "", {}, 4000ms, false}; });
  HttpOptions options;
  options.url = server.url("/");
  options.timeout = 10000ms;
  HttpTransport transport(options);
  std::thread interrupter([&] {
    while (server.request_count() == 0) std::this_thread::sleep_for(1ms);
    transport.interrupt();
  });
  const auto start = Clock::now();
  const SendResult result = transport.send("data", "application/json", Clock::now() + 10s);
  interrupter.join();
  EXPECT_EQ(result.outcome, SendResult::Outcome::retryable);
  EXPECT_LT(Clock::now() - start, 3s);  // the answer comes at 4 s; libcurl looks once a second
}

TEST(CircuitBreaker, AfterAnInterruptRetriesResumeOnceTheBackendAnswers) {
  std::atomic<int> calls{0};
  // 503, 200, then 503 and 200 again.
  TestHttpServer server([&](const TestRequest&) {
    return ++calls % 2 == 1 ? TestResponse{503, "", {}, 0ms, false} : TestResponse{200, "", {}, 0ms, false};
  });
  auto transport = transport_to(server.url("/"));
  transport->interrupt();  // e.g. a flush gave up while the backend was down
  EXPECT_EQ(transport->send("data", "application/json", Clock::now() + 5s).outcome, SendResult::Outcome::retryable);
  EXPECT_EQ(calls.load(), 1);  // no waiting in back-off after the interrupt
  EXPECT_EQ(transport->stats().retries, 0u);
  EXPECT_EQ(transport->send("data", "application/json", Clock::now() + 5s).outcome, SendResult::Outcome::ok);
  EXPECT_EQ(transport->send("data", "application/json", Clock::now() + 5s).outcome, SendResult::Outcome::ok);
  EXPECT_EQ(calls.load(), 4);  // the 503 was retried again
  EXPECT_EQ(transport->stats().retries, 1u);
}

// Fault tests through the whole pipeline: application threads never wait.
class PipelineFaultTest : public ::testing::Test {
 protected:
  void TearDown() override { shutdown(100ms); }
  void start_zipkin(const std::string& url) {
    FinalConfig config;
    config.enabled = true;
    config.root_sampler = RootSampler::always_on;
    config.batch_size = 10;
    config.batch_timeout = 20ms;
    config.max_queue_size = 64;
    config.export_timeout = 500ms;
    config.exporters = {ExporterConfig{Provider::zipkin, url, OtlpProtocol::grpc}};
    ASSERT_TRUE(init(config));
  }
  // The longest single span end over `count` spans. A span end that
  // blocked (a voluntary context switch: a lock or a system call that
  // waits) counts as infinitely long; one during which the scheduler merely
  // preempted this thread (an involuntary switch, common on a loaded
  // 2-core machine) is measured again.
  std::chrono::nanoseconds longest_span_end(int count) {
    std::chrono::nanoseconds longest{0};
    auto& tracer = get_tracer("fault");
    for (int i = 0; i < count; ++i) {
      for (int attempt = 0; attempt < 20; ++attempt) {
        auto span = tracer.start_span("request");
        span.set_attribute("i", i);
        rusage before_usage{}, after_usage{};
        getrusage(RUSAGE_THREAD, &before_usage);
        const auto before = Clock::now();
        span.end();
        const auto elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - before);
        getrusage(RUSAGE_THREAD, &after_usage);
        if (after_usage.ru_nvcsw != before_usage.ru_nvcsw) return std::chrono::hours(1);  // it blocked
        if (after_usage.ru_nivcsw != before_usage.ru_nivcsw) continue;                  // preempted: again
        longest = std::max(longest, elapsed);
        break;
      }
      if (i % 50 == 0) std::this_thread::sleep_for(1ms);  // let batches go out during the fault
    }
    return longest;
  }
};

TEST_F(PipelineFaultTest, BackendThatNeverAnswersNeverBlocksTheApplication) {
  TestHttpServer server([](const TestRequest&) { return TestResponse{200, "", {}, 3000ms, false}; });
  start_zipkin(server.url("/api/v2/spans"));
  EXPECT_LT(longest_span_end(500), 1ms);
  const auto before = stats();
  EXPECT_GT(before.dropped_queue_full, 0u);  // bounded memory: the queue overflowed and counted
  const auto start = Clock::now();
  EXPECT_FALSE(shutdown(300ms));  // cannot flush to a silent backend
  EXPECT_LT(Clock::now() - start, 2s);
}

TEST_F(PipelineFaultTest, ExportResumesWhenTheBackendReturns) {
  std::atomic<bool> healthy{false};
  std::atomic<int> received{0};
  TestHttpServer server([&](const TestRequest& request) {
    if (!healthy) return TestResponse{503, "", {}, 0ms, false};
    received += static_cast<int>(std::count(request.body.begin(), request.body.end(), '{') > 0);
    return TestResponse{202, "", {}, 0ms, false};
  });
  start_zipkin(server.url("/api/v2/spans"));
  EXPECT_LT(longest_span_end(200), 1ms);
  healthy = true;
  // The circuit may have opened during the fault (5 s cool-down by default):
  // keep sending until its probe reaches the backend, then a flush succeeds.
  bool flushed = false;
  for (const auto give_up = Clock::now() + 20s; !flushed && Clock::now() < give_up;) {
    for (int i = 0; i < 20; ++i) get_tracer("fault").start_span("after");
    flushed = force_flush(2s) && received.load() > 0;
    if (!flushed) std::this_thread::sleep_for(100ms);  // polling the cool-down, not synchronisation
  }
  EXPECT_TRUE(flushed);
  EXPECT_GT(received.load(), 0);
  const auto exporter_stats = stats().exporters;
  ASSERT_FALSE(exporter_stats.empty());
  EXPECT_EQ(exporter_stats[0].second.circuit_state, "closed");
}

TEST_F(PipelineFaultTest, ShutdownWithTheBackendUpLosesNothing) {
  std::atomic<int> spans{0};
  TestHttpServer server([&](const TestRequest& request) {
    for (std::size_t pos = 0; (pos = request.body.find("\"traceId\"", pos)) != std::string::npos; ++pos) ++spans;
    return TestResponse{202, "", {}, 0ms, false};
  });
  start_zipkin(server.url("/api/v2/spans"));
  for (int i = 0; i < 50; ++i) get_tracer("fault").start_span("queued");
  EXPECT_TRUE(shutdown(5s));
  EXPECT_EQ(spans.load(), 50);
}

// Every fault kind through the whole pipeline: the application never waits,
// the queue bounds memory, nothing throws, shutdown returns by its deadline,
// and every sampled span is accounted for exactly once.
#if defined(__SANITIZE_THREAD__)
constexpr bool kThreadSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr bool kThreadSanitizer = true;
#else
constexpr bool kThreadSanitizer = false;
#endif
#else
constexpr bool kThreadSanitizer = false;
#endif

enum class Fault { refused, silent, error500, unavailable503, throttled429, reset, slow };

class PipelineFaultKinds : public PipelineFaultTest, public ::testing::WithParamInterface<Fault> {};

std::uint64_t count_spans(const std::string& zipkin_json) {
  std::uint64_t spans = 0;
  for (std::size_t pos = 0; (pos = zipkin_json.find("\"traceId\"", pos)) != std::string::npos; ++pos) ++spans;
  return spans;
}

TEST_P(PipelineFaultKinds, NeverBlocksAndCountsEverySpan) {
  std::atomic<std::uint64_t> received{0};
  const Fault fault = GetParam();
  std::optional<TestHttpServer> server;
  std::string url = "http://127.0.0.1:" + std::to_string(free_port()) + "/api/v2/spans";
  if (fault != Fault::refused) {
    server.emplace([&](const TestRequest& request) {
      switch (fault) {
        case Fault::silent: return TestResponse{200, "", {}, 3000ms, false};
        case Fault::error500: return TestResponse{500, "boom", {}, 0ms, false};
        case Fault::unavailable503: return TestResponse{503, "", {}, 0ms, false};
        case Fault::throttled429: return TestResponse{429, "", {{"Retry-After", "1"}}, 0ms, false};
        case Fault::reset: return TestResponse{200, "", {}, 0ms, true};
        default: received += count_spans(request.body); return TestResponse{202, "", {}, 100ms, false};
      }
    });
    url = server->url("/api/v2/spans");
  }
  start_zipkin(url);
  const TracingStats before = stats();
  const auto longest = longest_span_end(300);
  // Under ThreadSanitizer its own runtime locks may put a thread to sleep.
  if (!kThreadSanitizer) {
    EXPECT_LT(longest, 1ms);
  }
  const auto start = Clock::now();
  const bool clean = shutdown(1000ms);
  const auto shutdown_took = Clock::now() - start;
  EXPECT_LT(shutdown_took, 2500ms);  // the deadline, the 200 ms grace, and a loaded machine
  const TracingStats after = stats();
  const std::uint64_t sampled = after.spans_sampled - before.spans_sampled;
  const std::uint64_t accounted = after.spans_exported + after.dropped_export_failed +
                                  (after.dropped_queue_full - before.dropped_queue_full) +
                                  (after.dropped_shutdown - before.dropped_shutdown);
  EXPECT_GE(sampled, 300u);  // more when a preempted span end was measured again
  const std::string counters = "exported " + std::to_string(after.spans_exported) + ", failed " +
                               std::to_string(after.dropped_export_failed) + ", queue full " +
                               std::to_string(after.dropped_queue_full - before.dropped_queue_full) + ", shutdown " +
                               std::to_string(after.dropped_shutdown - before.dropped_shutdown);
  if (clean) {
    EXPECT_EQ(accounted, sampled) << counters;
  } else {
    EXPECT_LE(accounted, sampled) << counters;  // a batch still in flight when shutdown let go
  }
  if (fault == Fault::slow) {
    EXPECT_EQ(received.load(), after.spans_exported);
    EXPECT_GT(after.spans_exported, 0u);
  } else {
    EXPECT_EQ(after.spans_exported, 0u);
  }
  if (server) {
    EXPECT_GT(server->request_count(), 0u);
  }
}

std::string fault_name(const ::testing::TestParamInfo<Fault>& info) {
  constexpr const char* kNames[] = {"Refused", "Silent", "Answers500", "Answers503",
                                    "Answers429RetryAfter", "ResetsMidResponse", "Slow"};
  return kNames[static_cast<int>(info.param)];
}

INSTANTIATE_TEST_SUITE_P(Faults, PipelineFaultKinds,
                         ::testing::Values(Fault::refused, Fault::silent, Fault::error500, Fault::unavailable503,
                                           Fault::throttled429, Fault::reset, Fault::slow),
                         fault_name);

}  // namespace
}  // namespace parley::tracing

#include <netinet/in.h>
#include <sys/socket.h>

#include "export/jaeger/jaeger_udp_exporter.h"
#include "support/span_builder.h"

namespace parley::tracing {
namespace {

TEST(JaegerUdpExporter, SplitsBatchesIntoDatagramsUnder65000Bytes) {
  const int receiver = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(receiver, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  socklen_t length = sizeof(address);
  ::getsockname(receiver, reinterpret_cast<sockaddr*>(&address), &length);
  const int buffer_size = 8 << 20;
  ::setsockopt(receiver, SOL_SOCKET, SO_RCVBUF, &buffer_size, sizeof(buffer_size));

  std::vector<std::unique_ptr<testing::SpanBuilder>> spans;
  std::vector<const SpanData*> batch;
  const std::string payload(1000, 'p');
  for (int i = 0; i < 300; ++i) {
    auto span = std::make_unique<testing::SpanBuilder>("work");
    span->ids("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7").times(1000, 2000)
        .attribute("marker", "span-" + std::to_string(i) + "-end").attribute("payload", payload);
    batch.push_back(&span->data());
    spans.push_back(std::move(span));
  }
  Resource resource;
  resource.set("service.name", "udp-test");
  detail::JaegerUdpExporter exporter("127.0.0.1", ntohs(address.sin_port));
  ASSERT_EQ(exporter.export_spans(batch, resource), ExportResult::success);

  std::string all;
  std::size_t datagrams = 0;
  char buffer[70000];
  for (;;) {
    const ssize_t n = ::recv(receiver, buffer, sizeof(buffer), MSG_DONTWAIT);
    if (n < 0) break;
    ASSERT_LE(static_cast<std::size_t>(n), detail::kMaxJaegerDatagram);
    ASSERT_EQ(static_cast<unsigned char>(buffer[0]), 0x82);  // compact protocol
    all.append(buffer, static_cast<std::size_t>(n));
    ++datagrams;
  }
  ::close(receiver);
  EXPECT_GE(datagrams, 5u);  // 300 KB of spans cannot fit fewer
  for (int i = 0; i < 300; ++i) EXPECT_NE(all.find("span-" + std::to_string(i) + "-end"), std::string::npos) << i;
  EXPECT_EQ(exporter.stats().batches_sent, datagrams);
}

}  // namespace
}  // namespace parley::tracing
