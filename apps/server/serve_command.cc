#include "serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <thread>

#include "shapan/core/memory.h"
#include "web_assets.h"

#ifndef SHAPAN_SOURCE_EXAMPLES
#define SHAPAN_SOURCE_EXAMPLES ""
#endif

namespace shapan::apps {

void add_serve_options(CLI::App& cmd, server::ServerOptions& options) {
  cmd.add_option("--host", options.host, "Address to listen on")->capture_default_str();
  cmd.add_option("--port", options.port, "Port (0: any free port)")->capture_default_str();
  cmd.add_option("--scenarios", options.scenarios_dir, "Folder of scenario files")
      ->capture_default_str();
  cmd.add_option("--data", options.data_dir,
                 "Folder of data files the scenarios may read besides their own folder "
                 "(default: the scenarios folder's sibling data/)");
  cmd.add_option("--store", options.store_file, "SQLite file keeping the runs")
      ->capture_default_str();
  cmd.add_option("--web", options.web_dir,
                 "Serve the front end from this folder (front-end work: scripts/build-web.sh "
                 "writes web/dist); default: the page built into this binary");
  cmd.add_option("--sweeps", options.sweep_dirs,
                 "Sweep folders (shapan sweep --out DIR) whose Pareto front the page may show; "
                 "only their front.json is read (repeat or list several)");
  cmd.add_option("--optimize-queue", options.optimize_queue_limit,
                 "Optimiser jobs that may wait beside the running one; more get 429")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd.add_option("--max-optimize-s", options.max_optimize_s,
                 "Longest solve of an optimiser job, seconds (the scenario's time_limit_s when "
                 "smaller)")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 86400.0));
  cmd.add_option("--workers", options.workers, "Simulation threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd.add_option("--queue", options.queue_limit, "Runs that may wait; more get 429")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd.add_option("--max-runs", options.max_stored_runs,
                 "Runs the store keeps; beyond them the least recently read finished run is "
                 "deleted")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000000));
  cmd.add_option("--max-steps", options.max_steps, "Steps a run may have; longer runs get 400")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000000));
  cmd.add_option("--max-connections", options.max_connections,
                 "Connections served at once; more are answered 503")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd.add_option("--max-body-bytes", options.max_body_bytes,
                 "Largest request body, any Content-Type; larger get 413")
      ->capture_default_str()
      ->check(CLI::Range(1024, 64 * 1024 * 1024));
  cmd.add_option("--max-header-bytes", options.max_header_bytes,
                 "Largest request line + headers; larger get 431")
      ->capture_default_str()
      ->check(CLI::Range(1024, 1024 * 1024));
  cmd.add_option("--header-timeout-ms", options.header_timeout_ms,
                 "Time for the request line and headers; slower get 408")
      ->capture_default_str()
      ->check(CLI::Range(100L, 600000L));
  cmd.add_option("--body-timeout-ms", options.body_timeout_ms,
                 "Time for the body after the headers; slower get 408")
      ->capture_default_str()
      ->check(CLI::Range(100L, 600000L));
  cmd.add_option("--read-timeout-ms", options.read_timeout_ms,
                 "Longest pause between received bytes; longer get 408")
      ->capture_default_str()
      ->check(CLI::Range(100L, 600000L));
  cmd.add_option("--write-timeout-ms", options.write_timeout_ms,
                 "Longest wait to send more of an answer; then the connection is closed")
      ->capture_default_str()
      ->check(CLI::Range(100L, 600000L));
  cmd.add_option("--request-deadline-ms", options.request_deadline_ms,
                 "Time for a whole request, its answer included")
      ->capture_default_str()
      ->check(CLI::Range(1000L, 3600000L));
  cmd.add_option("--keep-alive-s", options.keep_alive_timeout_s,
                 "An idle keep-alive connection is closed after this")
      ->capture_default_str()
      ->check(CLI::Range(1L, 3600L));
  cmd.add_option("--keep-alive-requests", options.keep_alive_max_requests,
                 "Requests per connection")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
}

int serve_command(const server::ServerOptions& given) {
  // The page is the one compiled into this binary unless --web names a folder.
  server::ServerOptions options = given;
  if (options.embedded_web.empty()) options.embedded_web = embedded_web_files();
  // Started in a folder without examples/ (the default --scenarios): the
  // examples of the source tree this binary was built from, so that `shapan
  // serve` opens the sandbox from any folder.
  std::error_code ec;
  const std::filesystem::path shipped = SHAPAN_SOURCE_EXAMPLES;
  if (options.scenarios_dir == "examples" && !std::filesystem::exists("examples", ec) &&
      !shipped.empty() && std::filesystem::is_directory(shipped, ec)) {
    options.scenarios_dir = shipped;
  }
  // Signals go to a dedicated thread (sigwait) so that stopping is an
  // ordinary call, not work inside a signal handler. Blocked before any
  // thread starts, so every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // The workers run scenario after scenario: keep freed memory for the next.
  keep_freed_memory_for_reuse();

  try {
    server::Server srv(options);
    if (!srv.bind()) {
      std::fprintf(stderr,
                   "shapan serve: cannot listen on %s:%d (in use, or not an address of "
                   "this machine)\n",
                   options.host.c_str(), options.port);
      return 1;
    }
    std::thread waiter([&srv, signals] {
      int sig = 0;
      sigwait(&signals, &sig);
      srv.stop();
    });
    // However this block ends, the waiter is woken and joined: listen()
    // returns when the socket fails and may throw, and a thread destroyed
    // unjoined would abort the process. SIGTERM is blocked in every thread
    // (the mask above), so it stays pending until the waiter's sigwait takes
    // it: it wakes that one thread and ends nothing. (To a waiter that has
    // already returned, glibc 2.34+ sends nothing.)
    struct JoinWaiter {
      std::thread& thread;
      ~JoinWaiter() {
        // NOLINTNEXTLINE(bugprone-bad-signal-to-kill-thread): blocked, see above
        pthread_kill(thread.native_handle(), SIGTERM);
        thread.join();
      }
    } join_waiter{waiter};
    std::printf(
        "Shapan sandbox on http://%s:%d/ (scenarios: %s, data: %s, store: %s); Ctrl-C stops\n",
        options.host.c_str(), srv.port(), options.scenarios_dir.c_str(),
        server::data_dir_of(options).c_str(), options.store_file.c_str());
    std::fflush(stdout);
    srv.listen();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shapan serve: %s\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace shapan::apps
