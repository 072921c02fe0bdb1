// The service dependency map of a set of traces (what Jaeger calls "System
// Architecture"), as a text summary, Graphviz dot or a Mermaid flowchart.
//
// An edge caller -> callee is counted for every span whose parent belongs to
// another service (e.g. parley-loadgen's CLIENT span -> chat-system's SERVER
// span), and for every CLIENT or PRODUCER span with no child in another
// service, named by its peer attributes (peer.service, db.system,
// server.address[:server.port], messaging.system): backends that are not
// traced themselves, such as Ollama or SQLite, still appear.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "trace_set.h"

namespace parley::tools {

struct ServiceNode {
  std::uint64_t spans = 0;
  std::uint64_t errors = 0;
};

struct ServiceEdge {
  std::string caller;
  std::string callee;
  std::uint64_t calls = 0;
  std::uint64_t errors = 0;
  std::uint64_t total_ns = 0;  // summed durations of the calls (callee side when traced)
};

struct ServiceMap {
  std::map<std::string, ServiceNode> services;
  std::vector<ServiceEdge> edges;  // ordered by caller, callee
};

ServiceMap build_service_map(const std::vector<const Trace*>& traces);

std::string render_service_summary(const ServiceMap& map);
std::string render_dot(const ServiceMap& map);
std::string render_mermaid(const ServiceMap& map);

}  // namespace parley::tools
