#include "connections.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace shapan::server {
namespace {

using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

thread_local StreamRefusal t_refusal;
thread_local bool t_close_after_answer = false;
thread_local bool t_over_connection_limit = false;

// A thread per connection, started when no idle one is left, at most
// `max_connections` connections at once; the accepting thread answers the
// others itself (see GuardedHttpServer::process_and_close_socket).
class ConnectionPool : public httplib::TaskQueue {
 public:
  explicit ConnectionPool(std::size_t max_connections)
      : max_(std::max<std::size_t>(max_connections, 1)) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;
  ~ConnectionPool() override = default;

  void enqueue(std::function<void()> fn) override {
    std::unique_lock lock(mu_);
    if (busy_ >= max_) {
      lock.unlock();
      t_over_connection_limit = true;
      fn();
      t_over_connection_limit = false;
      return;
    }
    ++busy_;
    jobs_.push_back(std::move(fn));
    if (idle_ < jobs_.size()) {
      threads_.emplace_back([this] { work(); });
    } else {
      wake_.notify_one();
    }
  }

  void shutdown() override {
    {
      const std::lock_guard lock(mu_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  void work() {
    std::unique_lock lock(mu_);
    for (;;) {
      ++idle_;
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      --idle_;
      if (jobs_.empty()) return;
      std::function<void()> fn = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      fn();
      lock.lock();
      --busy_;
    }
  }

  const std::size_t max_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  std::size_t busy_ = 0;  // connections queued or being served
  std::size_t idle_ = 0;  // threads waiting for a connection
  bool stopping_ = false;
};

// Milliseconds from now to `t`, at least 0.
int millis_until(Clock::time_point t) {
  const auto ms = std::chrono::duration_cast<Millis>(t - Clock::now()).count();
  return static_cast<int>(std::clamp<std::int64_t>(ms, 0, 1'000'000));
}

// Waits up to `ms` for `events` on `sock`: > 0 ready, 0 timed out, < 0 error.
int wait_socket(socket_t sock, short events, int ms) {
  pollfd p{sock, events, 0};
  for (;;) {
    const int r = ::poll(&p, 1, ms);
    if (r < 0 && errno == EINTR) continue;
    return r;
  }
}

// One connection's bytes, read through a buffer, each request under the
// limits (see connections.h).
class GuardedStream : public httplib::Stream {
 public:
  GuardedStream(socket_t sock, const ConnectionLimits& limits, Millis read_timeout,
                Millis write_timeout)
      : sock_(sock), limits_(limits), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

  // Waits for the next request's first byte, up to the keep-alive timeout;
  // false when none comes, the peer closes, or `stopping` says so.
  bool wait_for_request(const std::function<bool()>& stopping) {
    if (pos_ < end_) return true;
    const auto until = Clock::now() + std::chrono::seconds(limits_.keep_alive_timeout_s);
    while (!stopping()) {
      const int ms = std::min(millis_until(until), 100);
      const int r = wait_socket(sock_, POLLIN, ms);
      if (r != 0) return r > 0;
      if (Clock::now() >= until) return false;
    }
    return false;
  }

  void begin_request() {
    start_ = Clock::now();
    in_headers_ = true;
    header_bytes_ = 0;
    tail_ = 0;
    t_refusal = StreamRefusal{};
    t_close_after_answer = false;
  }

  bool refused() const { return t_refusal.status != 0; }

  bool is_readable() const override {
    return pos_ < end_ || wait_socket(sock_, POLLIN, millis_until(read_until())) > 0;
  }
  bool is_writable() const override {
    return wait_socket(sock_, POLLOUT, millis_until(write_until())) > 0;
  }

  ssize_t read(char* ptr, std::size_t size) override {
    if (pos_ == end_) {
      const ssize_t n = fill();
      if (n <= 0) return n;
    }
    std::size_t n = std::min(size, end_ - pos_);
    if (in_headers_) n = take_header_bytes(n);
    if (n == 0) return -1;
    std::copy_n(buffer_.data() + pos_, n, ptr);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    if (!is_writable()) return -1;
    for (;;) {
      const ssize_t n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      return n;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address_of(::getpeername, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_of(::getsockname, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  // The end of the wait for the next bytes: the gap timeout, the header or
  // body phase's timeout and the request's deadline, whichever comes first.
  Clock::time_point read_until() const {
    const auto phase =
        in_headers_ ? Millis(limits_.header_timeout_ms) : Millis(limits_.body_timeout_ms);
    const auto phase_start = in_headers_ ? start_ : body_start_;
    return std::min({Clock::now() + read_timeout_, phase_start + phase,
                     start_ + Millis(limits_.request_deadline_ms)});
  }
  Clock::time_point write_until() const {
    return std::min(Clock::now() + write_timeout_, start_ + Millis(limits_.request_deadline_ms));
  }

  ssize_t fill() {
    if (wait_socket(sock_, POLLIN, millis_until(read_until())) <= 0) {
      refuse_for_time();
      return -1;
    }
    for (;;) {
      const ssize_t n = ::recv(sock_, buffer_.data(), buffer_.size(), 0);
      if (n < 0 && errno == EINTR) continue;
      pos_ = 0;
      end_ = n > 0 ? static_cast<std::size_t>(n) : 0;
      return n;
    }
  }

  // Of the next `n` buffered bytes, those up to the end of the headers;
  // 0 (and a 431) when they would pass the header limit.
  std::size_t take_header_bytes(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      tail_ = (tail_ << 8) | static_cast<unsigned char>(buffer_[pos_ + i]);
      if (++header_bytes_ > limits_.max_header_bytes) {
        t_refusal = {431, fmt::format("the request line and headers are larger than {} bytes",
                                      limits_.max_header_bytes)};
        return 0;
      }
      if ((tail_ & 0xFFFFFFFFU) == 0x0D0A0D0AU) {  // "\r\n\r\n": the headers end
        in_headers_ = false;
        body_start_ = Clock::now();
        return i + 1;
      }
    }
    return n;
  }

  void refuse_for_time() {
    const long waited_ms =
        static_cast<long>(std::chrono::duration_cast<Millis>(Clock::now() - start_).count());
    if (waited_ms >= limits_.request_deadline_ms) {
      t_refusal = {408, fmt::format("the request took longer than its deadline of {} ms",
                                    limits_.request_deadline_ms)};
    } else if (in_headers_) {
      t_refusal = {408, fmt::format("the request line and headers did not arrive within {} ms "
                                    "(or paused for longer than {} ms)",
                                    limits_.header_timeout_ms, read_timeout_.count())};
    } else {
      t_refusal = {408, fmt::format("the request body did not arrive within {} ms (or paused "
                                    "for longer than {} ms)",
                                    limits_.body_timeout_ms, read_timeout_.count())};
    }
    t_close_after_answer = true;
  }

  template <typename Query>
  void address_of(Query query, std::string& ip, int& port) const {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (query(sock_, reinterpret_cast<sockaddr*>(&addr), &len) != 0 || addr.ss_family != AF_INET) {
      return;
    }
    const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    std::array<char, INET_ADDRSTRLEN> text{};
    ::inet_ntop(AF_INET, &in->sin_addr, text.data(), text.size());
    ip = text.data();
    port = ntohs(in->sin_port);
  }

  socket_t sock_;
  const ConnectionLimits& limits_;
  Millis read_timeout_;
  Millis write_timeout_;
  std::array<char, 4096> buffer_{};
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  Clock::time_point start_ = Clock::now();
  Clock::time_point body_start_ = Clock::now();
  bool in_headers_ = true;
  std::size_t header_bytes_ = 0;
  std::uint32_t tail_ = 0;
};

}  // namespace

const StreamRefusal& current_stream_refusal() { return t_refusal; }

void close_connection_after_answer() { t_close_after_answer = true; }

GuardedHttpServer::GuardedHttpServer(const ConnectionLimits& limits) : limits_(limits) {
  new_task_queue = [this] { return new ConnectionPool(limits_.max_connections); };
  set_keep_alive_max_count(std::max<std::size_t>(limits_.keep_alive_max_requests, 1));
  set_keep_alive_timeout(limits_.keep_alive_timeout_s);
  set_tcp_nodelay(true);
}

void GuardedHttpServer::widen_backlog() {
  const socket_t sock = svr_sock_;
  if (sock != INVALID_SOCKET) ::listen(sock, SOMAXCONN);
}

bool GuardedHttpServer::process_and_close_socket(socket_t sock) {
  if (t_over_connection_limit) {
    const std::string body = fmt::format(
        R"({{"error":"the server is serving its limit of {} connections; try again shortly"}})",
        limits_.max_connections);
    const std::string answer = fmt::format(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; "
        "charset=utf-8\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{}",
        body.size(), body);
    (void)::send(sock, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  } else {
    serve_connection(sock);
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return true;
}

void GuardedHttpServer::serve_connection(socket_t sock) {
  const int on = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  const auto read_timeout = Millis(read_timeout_sec_ * 1000 + read_timeout_usec_ / 1000);
  const auto write_timeout = Millis(write_timeout_sec_ * 1000 + write_timeout_usec_ / 1000);
  GuardedStream stream(sock, limits_, read_timeout, write_timeout);
  const auto stopping = [this] { return svr_sock_ == INVALID_SOCKET; };
  for (std::size_t left = std::max<std::size_t>(limits_.keep_alive_max_requests, 1); left > 0;
       --left) {
    if (!stream.wait_for_request(stopping)) break;
    stream.begin_request();
    bool connection_closed = false;
    const bool ok = process_request(stream, left == 1, connection_closed, nullptr);
    if (!ok || connection_closed || stream.refused() || t_close_after_answer) break;
  }
  t_refusal = StreamRefusal{};
  t_close_after_answer = false;
}

}  // namespace shapan::server
