#include "serve_command.h"

#include <pthread.h>
#include <signal.h>

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
