// The web sandbox's front end compiled into the binary (apps/web/CMakeLists.txt
// generates the definition from web/ with cmake/EmbedFiles.cmake).
#pragma once

#include <span>

#include "shapan/server/http_server.h"

namespace shapan::apps {

// The built front end's files (/index.html, /app.js, /app.css) with their
// content types; empty in a build with SHAPAN_WITH_WEB=OFF.
std::span<const server::WebFile> embedded_web_files();

}  // namespace shapan::apps
