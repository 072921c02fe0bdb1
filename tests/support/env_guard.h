// EnvGuard: RAII set/restore of one environment variable, for the few
// configuration tests that read the real process environment. It sets (or
// unsets, given nullopt) the variable and restores the previous state on
// destruction. Not thread-safe (setenv is not): use it only in tests that
// start no threads while it lives.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace parley::tracing::testing {

class EnvGuard {
 public:
  EnvGuard(std::string name, const std::optional<std::string>& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) previous_ = old;
    if (value) {
      setenv(name_.c_str(), value->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  ~EnvGuard() {
    if (previous_) {
      setenv(name_.c_str(), previous_->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  EnvGuard(const EnvGuard&) = delete;
  EnvGuard& operator=(const EnvGuard&) = delete;

 private:
  std::string name_;
  std::optional<std::string> previous_;
};

}  // namespace parley::tracing::testing
