// The run itself: `concurrency` worker threads, each with its own HTTP
// connection, take request numbers from a shared counter until `requests`
// have been sent; each request is a traced API call of the mix's kind.
#pragma once

#include <chrono>
#include <functional>
#include <vector>

#include "chat_api.h"
#include "load_report.h"
#include "request_mix.h"

namespace parley::tools {

struct LoadPlan {
  std::size_t requests = 100;
  std::size_t concurrency = 10;
  std::chrono::milliseconds timeout{30000};
  RequestMix mix;
};

// Results in request order; `on_result` runs on the worker threads.
std::vector<RequestResult> run_load(const LoadPlan& plan, const ChatTarget& target,
                                    const std::function<void(const RequestResult&)>& on_result);

}  // namespace parley::tools
