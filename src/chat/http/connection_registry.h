// connection_registry.h — the live connections, for a clean shutdown.
//
// Every HTTP and WebSocket session registers itself while it lives. On
// SIGTERM the server asks each to close (an idle HTTP connection closes at
// once, a busy one after its in-flight reply, a WebSocket with a 1001 "going
// away" close frame) and waits until the registry is empty or the drain
// deadline passes. count() also bounds concurrent connections.
//
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace parley::chat {

class Closable {
 public:
  virtual ~Closable() = default;
  // Asks the connection to finish and close; must not block.
  virtual void close_for_shutdown() = 0;
};

class ConnectionRegistry {
 public:
  void add(const std::shared_ptr<Closable>& connection) {
    std::lock_guard lock(mutex_);
    connections_[connection.get()] = connection;
    count_.store(connections_.size(), std::memory_order_relaxed);
  }
  void remove(const Closable* connection) {
    std::lock_guard lock(mutex_);
    connections_.erase(connection);
    count_.store(connections_.size(), std::memory_order_relaxed);
  }
  std::size_t count() const noexcept { return count_.load(std::memory_order_relaxed); }
  bool stopping() const noexcept { return stopping_.load(std::memory_order_acquire); }

  // Marks the server as stopping and asks every connection to close.
  void close_all() {
    stopping_.store(true, std::memory_order_release);
    std::vector<std::shared_ptr<Closable>> live;
    {
      std::lock_guard lock(mutex_);
      for (const auto& [key, weak] : connections_) {
        if (auto connection = weak.lock()) live.push_back(std::move(connection));
      }
    }
    for (const auto& connection : live) connection->close_for_shutdown();
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<const Closable*, std::weak_ptr<Closable>> connections_;
  std::atomic<std::size_t> count_{0};
  std::atomic<bool> stopping_{false};
};

}  // namespace parley::chat
