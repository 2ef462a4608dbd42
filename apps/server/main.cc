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
  shapan::apps::add_serve_options(app, options);
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
