#!/usr/bin/env bash
# README "Try it": installs what is needed, builds jrun, brings up examples/http-server-linux.ucl
# as a Linux jail on this machine (the local provider; needs root) and fetches its page through
# the forwarded port 127.0.0.1:7777. The jail keeps running; `jrun down --yes` removes it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh build/release
jrun=$PWD/build/release/jrun
export JRUN_PROVIDER=local

echo "\$ jrun plan examples/http-server-linux.ucl"
"$jrun" plan examples/http-server-linux.ucl
echo "\$ jrun up examples/http-server-linux.ucl"
"$jrun" up examples/http-server-linux.ucl

echo "\$ curl http://127.0.0.1:7777/"
for _ in $(seq 1 50); do
  if curl -fs --max-time 2 http://127.0.0.1:7777/; then
    echo
    echo "✓ served through the forward; see it with: JRUN_PROVIDER=local $jrun status"
    echo "  remove it with: JRUN_PROVIDER=local $jrun down --yes"
    exit 0
  fi
  sleep 0.2
done
echo "✗ no answer on 127.0.0.1:7777" >&2
JRUN_PROVIDER=local "$jrun" logs http-server -n 50 >&2 || true
exit 1
