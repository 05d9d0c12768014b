#!/usr/bin/env bash
# README "Try it": installs what is needed, builds jrun, and shows it working on the example stack.
# Until the local provider lands (issue: Linux jails), `jrun up` is not available, so the demo
# validates every example, prints the parsed tree of one and the plan `up` would execute.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh build/release
jrun=build/release/jrun
export JRUN_HOME=${JRUN_HOME:-$(mktemp -d)}

for f in examples/*.ucl; do
  "$jrun" config check "$f"
done
echo
echo "\$ jrun config dump examples/http-server-linux.ucl --json"
"$jrun" config dump examples/http-server-linux.ucl --json
echo
echo "\$ jrun plan examples/stack.ucl"
"$jrun" plan examples/stack.ucl
