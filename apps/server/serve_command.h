// `shapan serve`: runs the sandbox's HTTP server until SIGINT or SIGTERM.
// Shared by the `shapan` CLI (subcommand) and the standalone shapan-server.
#pragma once

#include "shapan/server/http_server.h"

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11's namespace
class App;
}

namespace shapan::apps {

// The options of `shapan serve` and shapan-server (the same set), each
// writing its ServerOptions field; defaults and bounds as there
// (docs/reliability.md lists the limits).
void add_serve_options(CLI::App& cmd, server::ServerOptions& options);

// Returns the exit code: 0 after a signal, 1 when the address is taken or the
// store or scenarios folder cannot be used (the reason on stderr).
int serve_command(const server::ServerOptions& options);

}  // namespace shapan::apps
