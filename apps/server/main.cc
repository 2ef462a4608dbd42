// shapan-server: the digital sandbox's HTTP server alone (the same as
// `shapan serve`).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "serve_command.h"

namespace {

// The server's work; main() turns what it throws into a message and exit code 1.
int run_server(int argc, char** argv) {
  shapan::server::ServerOptions options;
  CLI::App app{"Shapan sandbox server: the web view and JSON API"};
  app.add_option("--host", options.host, "Address to listen on")->capture_default_str();
  app.add_option("--port", options.port, "Port (0: any free port)")->capture_default_str();
  app.add_option("--scenarios", options.scenarios_dir, "Folder of scenario files")
      ->capture_default_str();
  app.add_option("--data", options.data_dir,
                 "Folder of data files the scenarios may read besides their own folder "
                 "(default: the scenarios folder's sibling data/)");
  app.add_option("--store", options.store_file, "SQLite file keeping the runs")
      ->capture_default_str();
  app.add_option("--web", options.web_dir,
                 "Serve the front end from this folder (front-end work: scripts/build-web.sh "
                 "writes web/dist); default: the page built into this binary");
  app.add_option("--workers", options.workers, "Simulation threads")->capture_default_str();
  app.add_option("--queue", options.queue_limit, "Runs that may wait; more get 429")
      ->capture_default_str();
  app.add_option("--max-connections", options.max_connections,
                 "Connections served at once; more are answered 503")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return shapan::apps::serve_command(options);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_server(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shapan-server: %s\n", e.what());
    return 1;
  } catch (...) {
    std::fprintf(stderr, "shapan-server: unknown error\n");
    return 1;
  }
}
