// A small HTTP/1.1 server for transport tests: binds 127.0.0.1 on a free
// port, reads whole requests (Content-Length bodies, keep-alive), and answers
// each with what the test's handler returns (status, extra headers, a delay,
// or a reset). Stops and joins its threads in the destructor.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace parley::tracing::testing {

struct TestRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key.size() == name.size() &&
          std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
        return value;
      }
    }
    return {};
  }
};

struct TestResponse {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds delay{0};
  bool reset = false;  // close the connection without answering
};

class TestHttpServer {
 public:
  using Handler = std::function<TestResponse(const TestRequest&)>;

  explicit TestHttpServer(Handler handler) : handler_(std::move(handler)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    ::listen(listener_, 64);
    socklen_t length = sizeof(address);
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }

  ~TestHttpServer() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    acceptor_.join();  // no new workers from here on
    {
      std::lock_guard lock(mutex_);
      for (int fd : connections_) ::shutdown(fd, SHUT_RDWR);
    }
    for (auto& worker : workers_) worker.join();  // workers take the mutex to close
  }

  int port() const { return port_; }
  std::string url(std::string_view path) const { return "http://127.0.0.1:" + std::to_string(port_) + std::string(path); }
  std::vector<TestRequest> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::size_t request_count() {
    std::lock_guard lock(mutex_);
    return requests_.size();
  }

 private:
  void accept_loop() {
    while (!stopping_) {
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      std::lock_guard lock(mutex_);
      connections_.push_back(fd);
      workers_.emplace_back([this, fd] { serve(fd); });
    }
  }

  void serve(int fd) {
    std::string buffer;
    char chunk[65536];
    for (;;) {
      std::size_t header_end;
      while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
        const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
        if (n <= 0) return close_fd(fd);
        buffer.append(chunk, static_cast<std::size_t>(n));
      }
      TestRequest request;
      std::size_t line_end = buffer.find("\r\n");
      const std::string first = buffer.substr(0, line_end);
      request.method = first.substr(0, first.find(' '));
      request.target = first.substr(first.find(' ') + 1, first.rfind(' ') - first.find(' ') - 1);
      std::size_t length = 0;
      for (std::size_t pos = line_end + 2; pos < header_end;) {
        const std::size_t end = buffer.find("\r\n", pos);
        const std::string line = buffer.substr(pos, end - pos);
        const std::size_t colon = line.find(':');
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        request.headers.emplace_back(line.substr(0, colon), value);
        pos = end + 2;
      }
      const std::string content_length = request.header("content-length");
      if (!content_length.empty()) length = std::stoul(content_length);
      while (buffer.size() < header_end + 4 + length) {
        const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
        if (n <= 0) return close_fd(fd);
        buffer.append(chunk, static_cast<std::size_t>(n));
      }
      request.body = buffer.substr(header_end + 4, length);
      buffer.erase(0, header_end + 4 + length);
      const TestResponse response = handler_(request);
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      if (response.delay.count() > 0) std::this_thread::sleep_for(response.delay);
      if (response.reset) return close_fd(fd);
      std::string out = "HTTP/1.1 " + std::to_string(response.status) + " X\r\nContent-Length: " +
                        std::to_string(response.body.size()) + "\r\n";
      for (const auto& [name, value] : response.headers) out += name + ": " + value + "\r\n";
      out += "\r\n" + response.body;
      if (::send(fd, out.data(), out.size(), MSG_NOSIGNAL) < 0) return close_fd(fd);
    }
  }

  void close_fd(int fd) {
    std::lock_guard lock(mutex_);
    std::erase(connections_, fd);
    ::close(fd);
  }

  Handler handler_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<int> connections_;
  std::vector<std::thread> workers_;
  std::vector<TestRequest> requests_;
};

}  // namespace parley::tracing::testing
