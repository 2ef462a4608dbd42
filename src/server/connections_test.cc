// Issue 17 item 2: slow, idle and numerous clients under the server's
// connection limits (connections.h). Each test holds raw sockets open the
// way a slow client does.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "shapan/server/http_server.h"
#include "test_server.h"

namespace shapan::server {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using Clock = std::chrono::steady_clock;

// Time bounds are for the release build. ThreadSanitizer slows every memory
// access 5-15 times, and its run shares 2 cores with a second test: there
// the bounds are 5 times wider, still well below the defects' figures
// (no answer within 15 s for /api/health, 7.85 s for 100 keep-alive
// requests; docs/reliability.md).
#if defined(__SANITIZE_THREAD__)
constexpr long kSlowdown = 5;
#else
constexpr long kSlowdown = 1;
#endif

// A connected socket that sent `bytes` and holds the connection open.
class HalfOpen {
 public:
  HalfOpen(int port, const std::string& bytes) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    if (!bytes.empty()) (void)::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  }
  ~HalfOpen() { ::close(fd_); }
  HalfOpen(const HalfOpen&) = delete;
  HalfOpen& operator=(const HalfOpen&) = delete;

  // What the server sent until it closed, or until `timeout_ms` passed.
  std::string answer(int timeout_ms) {
    std::string out;
    const auto until = Clock::now() + std::chrono::milliseconds(timeout_ms);
    char buf[4096];
    while (Clock::now() < until) {
      pollfd p{fd_, POLLIN, 0};
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
      if (::poll(&p, 1, static_cast<int>(left)) <= 0) break;
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }
  bool closed() const { return closed_; }

 private:
  int fd_;
  bool closed_ = false;
};

const std::string kPartial = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";

// Issue 17: 60 half-open connections made /api/health time out for 15 s.
TEST(ConnectionsTest, HalfOpenConnectionsDoNotStarveHealth) {
  RunningServer s({});
  std::vector<std::unique_ptr<HalfOpen>> slow;
  slow.reserve(100);
  for (int i = 0; i < 100; ++i) slow.push_back(std::make_unique<HalfOpen>(s.port(), kPartial));
  const auto start = Clock::now();
  auto res = s.client().Get("/api/health");
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_LT(ms, 1000 * kSlowdown) << "/api/health took " << ms
                                  << " ms with 100 half-open connections";
}

TEST(ConnectionsTest, HeadersThatDoNotArriveInTimeAre408AndClosed) {
  ServerOptions o;
  o.header_timeout_ms = 300;
  RunningServer s(o);
  HalfOpen slow(s.port(), kPartial);
  const auto start = Clock::now();
  const std::string answer = slow.answer(5000);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 408"));
  EXPECT_THAT(answer, HasSubstr("did not arrive within 300 ms"));
  EXPECT_TRUE(slow.closed());
  EXPECT_LT(ms, 2000 * kSlowdown);
}

TEST(ConnectionsTest, HeadersOverTheLimitAre431) {
  ServerOptions o;
  o.max_header_bytes = 4096;
  RunningServer s(o);
  const std::string request =
      "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(5000, 'x') +
      "\r\n\r\n";
  const std::string answer = raw_request(s.port(), request);
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 431"));
  EXPECT_THAT(answer, HasSubstr("larger than 4096 bytes"));
  // Many small header lines add up the same way (httplib limits only each line).
  std::string many = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 400; ++i) many += "X-H" + std::to_string(i) + ": 1234567890\r\n";
  EXPECT_THAT(raw_request(s.port(), many + "\r\n"), StartsWith("HTTP/1.1 431"));
}

TEST(ConnectionsTest, BodyThatDoesNotArriveInTimeIs408) {
  ServerOptions o;
  o.body_timeout_ms = 300;
  RunningServer s(o);
  HalfOpen slow(s.port(),
                "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                "Content-Length: 100\r\n\r\n{\"scen");
  const std::string answer = slow.answer(5000);
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 408"));
  EXPECT_THAT(answer, HasSubstr("request body did not arrive within 300 ms"));
}

TEST(ConnectionsTest, ConnectionsOverTheLimitAre503AndTheOthersStillServed) {
  ServerOptions o;
  o.max_connections = 4;
  RunningServer s(o);
  std::vector<std::unique_ptr<HalfOpen>> slow;
  slow.reserve(4);
  for (int i = 0; i < 4; ++i) slow.push_back(std::make_unique<HalfOpen>(s.port(), kPartial));
  // The server accepts connections in order, so the fifth finds four taken.
  const std::string answer = raw_get(s.port(), "/api/health");
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 503"));
  EXPECT_THAT(answer, HasSubstr("limit of 4 connections"));
  slow.clear();
  // The server notices the closed connections within moments; once it has,
  // new ones are served again.
  std::string again;
  for (int i = 0; i < 50 && again.rfind("HTTP/1.1 200", 0) != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    again = raw_get(s.port(), "/api/health");
  }
  EXPECT_THAT(again, StartsWith("HTTP/1.1 200"));
}

// Issue 17: ~27 ms per request on keep-alive connections (Nagle's algorithm
// held each answer's body back until the client acknowledged its headers).
TEST(ConnectionsTest, KeepAliveRequestsAreFast) {
  RunningServer s({});
  httplib::Client& c = s.client();
  c.set_keep_alive(true);
  ASSERT_TRUE(c.Get("/api/health"));
  const auto start = Clock::now();
  for (int i = 0; i < 100; ++i) {
    auto res = c.Get("/api/runs");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
  }
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  EXPECT_LT(ms, 1000 * kSlowdown) << "100 keep-alive requests took " << ms << " ms";
}

}  // namespace
}  // namespace shapan::server
