// The server's connection handling (issue 17 item 2): cpp-httplib's request
// parsing and routing, under limits that keep slow or idle clients from
// starving the others.
//
// cpp-httplib 0.11 serves each connection on one pool thread, and by default
// has 8 threads, no limit on a request's total header size and no deadline
// for a request as a whole: 60 clients that send half a request hold every
// thread. GuardedHttpServer replaces its per-connection loop:
//  - a thread per admitted connection, started when needed, at most
//    `max_connections`; a connection beyond that is answered 503 at once and
//    closed (by the accepting thread: it never waits for a worker);
//  - the request line and headers must arrive within `header_timeout_ms` of
//    the request's first byte (else 408) and total at most
//    `max_header_bytes` (else 431); the body within `body_timeout_ms` of the
//    headers (else the connection is closed); every read and write also
//    within httplib's read and write timeouts (gaps between bytes);
//  - a whole request, answer included, within `request_deadline_ms`;
//  - an idle keep-alive connection is closed after `keep_alive_timeout_s`
//    (it waits in poll(), not httplib's 11 ms polling loop) and after
//    `keep_alive_max_requests` requests.
// Bodies are limited by httplib's set_payload_max_length (the caller's).
#pragma once

#include <httplib.h>

#include <cstddef>
#include <string>

namespace shapan::server {

struct ConnectionLimits {
  std::size_t max_connections = 256;
  std::size_t max_header_bytes = std::size_t{16} * 1024;
  long header_timeout_ms = 5000;
  long body_timeout_ms = 10000;
  long request_deadline_ms = 60000;
  long keep_alive_timeout_s = 5;
  std::size_t keep_alive_max_requests = 1000;
};

// Why the current thread's request was cut short by a limit (empty: it
// was not), with the status to answer: 408 or 431. For the error handler,
// which httplib calls on the same thread.
struct StreamRefusal {
  int status = 0;
  std::string message;
};
const StreamRefusal& current_stream_refusal();

// Closes the current thread's connection once the answer is written (for
// answers given before a body was read: its bytes must not be taken for
// the next request).
void close_connection_after_answer();

class GuardedHttpServer : public httplib::Server {
 public:
  explicit GuardedHttpServer(const ConnectionLimits& limits);

  const ConnectionLimits& limits() const { return limits_; }
  // httplib listens with a backlog of 5 (compiled into the library): a burst
  // of connections then waits a second for SYN retries. Call after binding.
  void widen_backlog();

 private:
  bool process_and_close_socket(socket_t sock) override;
  void serve_connection(socket_t sock);

  ConnectionLimits limits_;
};

}  // namespace shapan::server
