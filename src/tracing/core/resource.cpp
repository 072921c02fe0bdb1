#include <unistd.h>

#include <climits>
#include <fstream>

#include "parley/tracing/config.h"
#include "parley/tracing/span_data.h"

#ifndef PARLEY_VERSION
#define PARLEY_VERSION "0.0.0"
#endif

namespace parley::tracing {

Resource::Resource(const Resource& other) : entries_(other.entries_) { rebuild_views(); }

Resource& Resource::operator=(const Resource& other) {
  if (this != &other) {
    entries_ = other.entries_;
    rebuild_views();
  }
  return *this;
}

void Resource::set(std::string_view key, std::string_view value) {
  for (auto& entry : entries_) {
    if (entry.key == key) {
      entry.text = std::string(value);
      entry.is_number = false;
      rebuild_views();
      return;
    }
  }
  entries_.push_back(Entry{std::string(key), std::string(value), 0, false});
  rebuild_views();
}

void Resource::set(std::string_view key, std::int64_t value) {
  for (auto& entry : entries_) {
    if (entry.key == key) {
      entry.number = value;
      entry.is_number = true;
      rebuild_views();
      return;
    }
  }
  entries_.push_back(Entry{std::string(key), {}, value, true});
  rebuild_views();
}

void Resource::rebuild_views() {
  attributes_.clear();
  attributes_.reserve(entries_.size());
  for (const auto& entry : entries_) {
    attributes_.push_back(entry.is_number ? Attribute{entry.key, AttributeValue(entry.number)}
                                          : Attribute{entry.key, AttributeValue(std::string_view(entry.text))});
  }
}

const AttributeValue* Resource::find(std::string_view key) const noexcept {
  for (const auto& attribute : attributes_) {
    if (attribute.key == key) return &attribute.value;
  }
  return nullptr;
}

std::string_view Resource::service_name() const noexcept {
  const auto* value = find("service.name");
  return value != nullptr && value->type() == ValueType::string ? value->as_string() : std::string_view{};
}

namespace {
std::string executable_name() {
  char path[PATH_MAX];
  const ssize_t length = readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (length <= 0) return {};
  std::string_view full(path, static_cast<std::size_t>(length));
  const auto slash = full.rfind('/');
  return std::string(slash == std::string_view::npos ? full : full.substr(slash + 1));
}
}  // namespace

// service.name, service.version, host, process and telemetry.sdk.*, then
// OTEL_RESOURCE_ATTRIBUTES (already parsed into the config); the service name
// variables win.
Resource build_resource(const FinalConfig& config) {
  Resource resource;
  for (const auto& [key, value] : config.resource_attributes) resource.set(key, value);
  resource.set("service.name", config.service_name.empty() ? "unknown_service:" + executable_name()
                                                            : config.service_name);
  if (!config.service_version.empty()) resource.set("service.version", config.service_version);
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) == 0 && resource.find("host.name") == nullptr) resource.set("host.name", host);
  resource.set("process.pid", static_cast<std::int64_t>(getpid()));
  const std::string executable = executable_name();
  if (!executable.empty()) resource.set("process.executable.name", executable);
  resource.set("process.runtime.name", "cpp");
  resource.set("telemetry.sdk.name", "parley");
  resource.set("telemetry.sdk.language", "cpp");
  resource.set("telemetry.sdk.version", PARLEY_VERSION);
  return resource;
}

}  // namespace parley::tracing
