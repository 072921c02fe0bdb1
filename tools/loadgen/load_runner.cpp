#include "load_runner.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace parley::tools {
namespace {

RequestResult send_one(HttpClient& client, const ChatTarget& target, RequestKind kind, std::size_t index) {
  ApiCall call{"POST", "/api/messages", message_body(kind, target.room_id, index), target.token, to_string(kind)};
  auto response = traced_call(client, target.base_url, call);
  return RequestResult{kind, response.http.status, std::move(response.http.error), response.http.latency,
                       std::move(response.trace_id)};
}

}  // namespace

std::vector<RequestResult> run_load(const LoadPlan& plan, const ChatTarget& target,
                                    const std::function<void(const RequestResult&)>& on_result) {
  std::vector<RequestResult> results(plan.requests);
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    HttpClient client(plan.timeout);
    for (std::size_t index = next++; index < plan.requests; index = next++) {
      results[index] = send_one(client, target, plan.mix.kind_of(index), index);
      on_result(results[index]);
    }
  };
  std::vector<std::jthread> workers;
  for (std::size_t i = 0; i < std::max<std::size_t>(1, plan.concurrency); ++i) workers.emplace_back(worker);
  workers.clear();  // joins
  return results;
}

}  // namespace parley::tools
