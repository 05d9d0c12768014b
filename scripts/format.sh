#!/usr/bin/env bash
# clang-format 14 over every C++ file we own. --check fails (exit 1) on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- \
  'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' 'bench/*.h')
if [[ ${1:-} == --check ]]; then
  clang-format-14 --dry-run --Werror "${files[@]}"
  echo "✓ ${#files[@]} files formatted"
else
  clang-format-14 -i "${files[@]}"
fi
