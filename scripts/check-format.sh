#!/usr/bin/env bash
# Checks that every C++ file is formatted as .clang-format says (Google style,
# 100 columns). Prints the files that are not, and fails. To reformat:
#   git ls-files '*.cc' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files '*.cc' '*.h' | xargs clang-format --dry-run --Werror
