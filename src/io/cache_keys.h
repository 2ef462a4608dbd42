// Keys for LoadCache entries (shapan/io/load_cache.h). (Private to io.)
#pragma once

#include <toml++/toml.h>

#include <string>

#include "shapan/core/site.h"
#include "shapan/core/time.h"

namespace shapan::io {

// The exact content of a TOML node as text: tables with their keys in order,
// numbers in hexadecimal floating point (so that two different doubles never
// give one key), strings quoted. A null node gives "-".
std::string exact_key(const toml::node* node);

// The run frame and site as exact text.
std::string frame_key(Timestamp start, int years, Duration step);
std::string site_key(const Site& site);

}  // namespace shapan::io
