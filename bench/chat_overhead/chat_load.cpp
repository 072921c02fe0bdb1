// parley-chat-bench: closed-loop load on POST /api/messages.
//
// Registers a user, logs in and creates a room, then runs N keep-alive
// connections (one thread each) that post messages back to back for a
// warm-up and a measured period. Prints one JSON line: requests, seconds,
// requests/s, p50/p99/mean latency in microseconds, errors. Plain POSIX
// sockets and a fixed request, so the client costs as little as possible.
//
//   parley-chat-bench 127.0.0.1 8080 --connections 4 --seconds 10 --warmup 2
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Reply {
  int status = 0;
  std::string body;
};

class Connection {
 public:
  Connection(const std::string& host, int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, host.c_str(), &address.sin_addr);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      std::perror("connect");
      std::exit(2);
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Connection() { ::close(fd_); }

  // Sends a whole request and reads one response (Content-Length bodies).
  bool exchange(const std::string& request, Reply& reply) {
    for (std::size_t sent = 0; sent < request.size();) {
      const auto n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    std::size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return false;
    }
    reply.status = std::atoi(buffer_.c_str() + 9);
    std::size_t length = 0;
    const auto at = lower_find(buffer_.substr(0, header_end), "content-length:");
    if (at != std::string::npos) length = std::strtoul(buffer_.c_str() + at + 15, nullptr, 10);
    while (buffer_.size() < header_end + 4 + length) {
      if (!fill()) return false;
    }
    reply.body = buffer_.substr(header_end + 4, length);
    buffer_.erase(0, header_end + 4 + length);
    return true;
  }

 private:
  static std::size_t lower_find(std::string text, const char* needle) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text.find(needle);
  }
  bool fill() {
    char chunk[16384];
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  int fd_;
  std::string buffer_;
};

std::string post(const std::string& path, const std::string& body, const std::string& token = {}) {
  std::string request = "POST " + path + " HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n";
  if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
  request += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return request;
}

std::string json_field(const std::string& body, const std::string& key) {
  const auto at = body.find("\"" + key + "\":");
  if (at == std::string::npos) return {};
  auto start = at + key.size() + 3;
  if (body[start] == '"') {
    ++start;
    return body.substr(start, body.find('"', start) - start);
  }
  return body.substr(start, body.find_first_of(",}", start) - start);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <host> <port> [--connections N] [--seconds S] [--warmup W]\n", argv[0]);
    return 2;
  }
  const std::string host = argv[1];
  const int port = std::atoi(argv[2]);
  int connections = 4;
  double seconds = 10;
  double warmup = 2;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--connections") connections = std::atoi(argv[i + 1]);
    if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
    if (flag == "--warmup") warmup = std::atof(argv[i + 1]);
  }
  Connection setup(host, port);
  Reply reply;
  const std::string user = "bench" + std::to_string(::getpid());
  const std::string credentials = R"({"username":")" + user + R"(","password":"benchmark password"})";
  setup.exchange(post("/api/users", credentials), reply);
  setup.exchange(post("/api/sessions", credentials), reply);
  const std::string token = json_field(reply.body, "token");
  setup.exchange(post("/api/rooms", R"({"name":"bench )" + user + "\"}", token), reply);
  const std::string room = json_field(reply.body, "id");
  if (token.empty() || room.empty()) {
    std::fprintf(stderr, "setup failed: %d %s\n", reply.status, reply.body.c_str());
    return 2;
  }
  const std::string request =
      post("/api/messages", R"({"room_id":)" + room + R"(,"text":"deploy status of the staging pipeline"})", token);

  std::atomic<bool> measuring{false};
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> errors{0};
  std::vector<std::vector<std::uint32_t>> latencies(static_cast<std::size_t>(connections));
  std::vector<std::thread> workers;
  for (int c = 0; c < connections; ++c) {
    workers.emplace_back([&, c] {
      Connection connection(host, port);
      Reply answer;
      auto& mine = latencies[static_cast<std::size_t>(c)];
      mine.reserve(1 << 20);
      while (!stop.load(std::memory_order_relaxed)) {
        const auto started = Clock::now();
        const bool ok = connection.exchange(request, answer) && answer.status == 201;
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
        if (!measuring.load(std::memory_order_relaxed)) continue;
        if (!ok) errors.fetch_add(1);
        mine.push_back(static_cast<std::uint32_t>(micros));
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(warmup));
  measuring = true;
  const auto began = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  measuring = false;
  const double elapsed = std::chrono::duration<double>(Clock::now() - began).count();
  stop = true;
  for (auto& worker : workers) worker.join();
  std::vector<std::uint32_t> all;
  for (const auto& list : latencies) all.insert(all.end(), list.begin(), list.end());
  std::sort(all.begin(), all.end());
  const auto at = [&all](double q) { return all.empty() ? 0u : all[static_cast<std::size_t>(q * (all.size() - 1))]; };
  double sum = 0;
  for (const auto value : all) sum += value;
  std::printf("{\"requests\":%zu,\"seconds\":%.3f,\"rps\":%.1f,\"p50_us\":%u,\"p99_us\":%u,\"mean_us\":%.1f,\"errors\":%llu}\n",
              all.size(), elapsed, static_cast<double>(all.size()) / elapsed, at(0.50), at(0.99),
              all.empty() ? 0.0 : sum / static_cast<double>(all.size()),
              static_cast<unsigned long long>(errors.load()));
  return 0;
}
