// Command-line overrides of scenario fields: `--set a.b=v`. (Private to io.)
#pragma once

#include <toml++/toml.h>

#include <map>
#include <string>
#include <vector>

#include "shapan/core/error.h"

namespace shapan::io {

// Applies each "dotted.key=value" to `root`. The value is read as a TOML value
// (30, 0.5, true, [1, 2], "text"); anything that is not valid TOML is taken
// as a string, so `--set weather.file=x.epw` works unquoted. Array tables are
// addressed by index ("pv.0.tilt_deg"); missing tables are created, missing
// array elements are not. Returns key -> "--set key=value" for messages;
// malformed overrides are added to `issues`.
std::map<std::string, std::string> apply_overrides(toml::table& root,
                                                   const std::vector<std::string>& overrides,
                                                   std::vector<InputIssue>& issues);

}  // namespace shapan::io
