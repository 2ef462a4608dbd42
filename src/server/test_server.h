// A Server on a free loopback port with a client, for the server's tests
// (private to them). The store is in memory unless a file is given; no front
// end unless one is given (web_dir or embedded_web).
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "shapan/server/http_server.h"

namespace shapan::server {

using Json = nlohmann::json;

class RunningServer {
 public:
  explicit RunningServer(ServerOptions options) : server_(with_defaults(std::move(options))) {
    EXPECT_TRUE(server_.bind());
    thread_ = std::thread([this] { server_.listen(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_.port());
    client_->set_read_timeout(60, 0);
    // listen() may not have started accepting yet; the socket is bound, so
    // connections queue in the backlog until it does.
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  httplib::Client& client() { return *client_; }
  int port() const { return server_.port(); }

  Json post_run(const std::string& body, int expected_status = 202) {
    auto res = client_->Post("/api/runs", body, "application/json");
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << res->body;
    return Json::parse(res->body);
  }
  Json wait_run(std::int64_t id) {
    auto res = client_->Get(("/api/runs/" + std::to_string(id) + "?wait_ms=30000").c_str());
    EXPECT_TRUE(res);
    return res ? Json::parse(res->body) : Json{};
  }

 private:
  static ServerOptions with_defaults(ServerOptions o) {
    o.port = 0;
    if (o.store_file.empty() || o.store_file == "shapan.db") o.store_file = ":memory:";
    return o;
  }
  Server server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

// Sends `request` byte for byte (no client-side encoding or headers added)
// and returns the whole answer, headers included.
inline std::string raw_request(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    (void)::send(fd, request.data(), request.size(), 0);
    char buf[4096];
    for (ssize_t n = 0; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) {
      answer.append(buf, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return answer;
}

// A GET of `target` as written, for paths with "..", "%2e%2e" and "%2f".
inline std::string raw_get(int port, const std::string& target) {
  return raw_request(port,
                     "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

}  // namespace shapan::server
