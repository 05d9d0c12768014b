#!/usr/bin/env bash
# Counts the GoogleTest XML reports in DIR (written by GTEST_OUTPUT=xml:DIR/): prints one line
# "LABEL: N tests run, M skipped" and fails when a test skipped or none ran. ctest counts a
# skipped GoogleTest as passed, so without this a test CI is meant to run could skip silently
# (a missing tool, a missing privilege) and CI would still be green.
#   usage: scripts/gtest-tally.sh DIR LABEL
set -euo pipefail
dir=$1 label=$2
shopt -s nullglob
reports=("$dir"/*.xml)
if [[ ${#reports[@]} -eq 0 ]]; then
  echo "✗ $label: no GoogleTest report in $dir" >&2
  exit 1
fi
# One <testcase ...> element per line: status="run|notrun", result="completed|skipped|suppressed".
cases=$(grep -h '<testcase ' "${reports[@]}" || true)
run=$(grep -c 'status="run"' <<<"$cases" || true)
skipped_lines=$(grep 'result="skipped"' <<<"$cases" || true)
skipped=$(grep -c . <<<"$skipped_lines" || true)
echo "$label: $run tests run, $skipped skipped"
if [[ $skipped -ne 0 ]]; then
  echo "✗ $label: these tests skipped; CI must run every one of them:" >&2
  # Each skipped <testcase> is followed by its <skipped message="file:line&#x0A;why"> line.
  awk '/<testcase .*result="skipped"/ {
         match($0, / name="[^"]*"/); n = substr($0, RSTART + 7, RLENGTH - 8)
         match($0, / classname="[^"]*"/); c = substr($0, RSTART + 12, RLENGTH - 13)
         want = 1; next }
       want && /<skipped message="/ {
         match($0, /message="[^"]*"/); m = substr($0, RSTART + 9, RLENGTH - 10)
         gsub(/&#x0A;/, ": ", m); print "  " c "." n " (" m ")"; want = 0 }' "${reports[@]}" >&2
  exit 1
fi
if [[ $run -eq 0 ]]; then
  echo "✗ $label: no test ran" >&2
  exit 1
fi
